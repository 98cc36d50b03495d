package io.pipewright.webserver.run;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which steps a re-execution runs and which tags it inherits: Dagster's {@code ReexecutionStrategy}
 * rules, pure.
 */
public final class Reexecution {

  /** How to choose the steps (Dagster's {@code ReexecutionStrategy}). */
  public enum Strategy {
    /** Every step of the parent run's job (with its op and asset selection). */
    ALL_STEPS,
    /** The steps that did not succeed in the parent run, and the steps downstream of them. */
    FROM_FAILURE
  }

  private Reexecution() {}

  /**
   * Chooses the steps a re-execution from failure runs: every step of the parent's plan that did
   * not succeed, and every step downstream of one that runs again. A mapped step ({@code h[?]})
   * succeeded when every instance that started succeeded (and at least one did).
   *
   * @param parent the parent run; must be FAILURE or CANCELED
   * @param plan the parent's execution plan (only the steps it ran)
   * @param events the parent's events
   * @return the step keys to run, in plan order
   * @throws IllegalArgumentException when the parent is not failed or canceled, or when every step
   *     succeeded
   */
  public static List<String> stepsFromFailure(
      Run parent, ExecutionPlanSnapshot plan, List<StoredEvent> events) {
    if (parent.status() != RunStatus.FAILURE && parent.status() != RunStatus.CANCELED) {
      throw new IllegalArgumentException(
          "Cannot reexecute from failure a run that is not failed or canceled: run "
              + parent.runId()
              + " is "
              + parent.status()
              + "; re-execute it with ALL_STEPS instead");
    }
    Set<String> succeeded = new HashSet<>();
    Map<String, Set<String>> startedInstances = new HashMap<>();
    for (StoredEvent stored : events) {
      String key = stored.event().stepKey();
      if (key == null) {
        continue;
      }
      if (stored.event().type() == DagsterEventType.STEP_SUCCESS) {
        succeeded.add(key);
      } else if (stored.event().type() == DagsterEventType.STEP_START) {
        int bracket = key.indexOf('[');
        if (bracket > 0) {
          startedInstances
              .computeIfAbsent(key.substring(0, bracket), h -> new HashSet<>())
              .add(key);
        }
      }
    }
    Map<String, Boolean> retry = new LinkedHashMap<>();
    for (StepSnapshot step : plan.steps()) {
      boolean done;
      if (step.isMapped()) {
        Set<String> instances = startedInstances.getOrDefault(step.nodeHandle(), Set.of());
        done = !instances.isEmpty() && succeeded.containsAll(instances);
      } else {
        done = succeeded.contains(step.key());
      }
      boolean upstreamRetried = false;
      for (String upstream : step.upstreamStepKeys()) {
        upstreamRetried |= retry.getOrDefault(upstream, false);
      }
      retry.put(step.key(), !done || upstreamRetried);
    }
    List<String> keys = new ArrayList<>();
    retry.forEach(
        (key, again) -> {
          if (again) {
            keys.add(key);
          }
        });
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "No steps needed to be retried in the failed run " + parent.runId());
    }
    return keys;
  }

  /**
   * Returns the tags a re-execution starts from: the parent's (unless left out), minus its lineage
   * and retry markers, plus the extra tags given.
   *
   * @param parent the parent run
   * @param useParentTags whether to inherit the parent's tags
   * @param extra tags to add
   * @return the tags, before the new lineage tags are set
   */
  public static Map<String, String> inheritedTags(
      Run parent, boolean useParentTags, Map<String, String> extra) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (useParentTags) {
      parent
          .tags()
          .forEach(
              (key, value) -> {
                if (!SystemTags.notInherited(key)) {
                  tags.put(key, value);
                }
              });
    }
    tags.putAll(extra);
    return tags;
  }
}
