package io.pipewright.core.orchestration;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.StepInputSnapshot;
import io.pipewright.core.snapshot.StepInputSourceSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Re-execution decisions, pure: which steps a re-execution runs (Dagster's {@code FROM_FAILURE}, or
 * chosen steps), and from which earlier run each input it does not produce is read. The plan of the
 * re-execution is then made by the code location for those steps ({@code stepKeysToExecute}); the
 * worker loads the other outputs through their IO managers from the runs named here.
 *
 * <p>The semantics are the in-process engine's ({@code JobExecution.reexecute} and {@code
 * reexecuteFromFailure}): a mapped step re-runs with its whole fan-out, so its dynamic step is
 * added to the selection.
 */
public final class Reexecution {

  /** The run tag naming the run a re-execution re-executes (Dagster's). */
  public static final String PARENT_RUN_TAG = "dagster/parent_run_id";

  /** The run tag naming the first run of a re-execution chain (Dagster's). */
  public static final String ROOT_RUN_TAG = "dagster/root_run_id";

  private Reexecution() {}

  /**
   * Chooses the steps of a {@code FROM_FAILURE} re-execution: every step of the parent's plan that
   * did not succeed (failed, skipped, never ran, or a mapped step with an instance that did not
   * succeed), plus the dynamic step of each mapped step chosen.
   *
   * @param parentPlan the parent run's plan
   * @param parentEvents the parent run's events
   * @return the step handles to execute, in plan order
   * @throws IllegalArgumentException when every step succeeded: there is nothing to re-execute
   */
  public static List<String> fromFailure(
      ExecutionPlanSnapshot parentPlan, List<EventRecord> parentEvents) {
    Objects.requireNonNull(parentPlan, "parentPlan must not be null");
    Objects.requireNonNull(parentEvents, "parentEvents must not be null");
    RunIndex index = RunIndex.of(parentEvents);
    Set<String> chosen = new LinkedHashSet<>();
    for (StepSnapshot step : parentPlan.steps()) {
      boolean succeeded;
      if (step.isMapped()) {
        String root = step.mappedOver().stepHandle();
        succeeded =
            index.succeeded.contains(root)
                && index
                    .succeededInstances(step.nodeHandle())
                    .containsAll(index.mappingKeys(root, step.mappedOver().output()));
      } else {
        succeeded = index.succeeded.contains(step.key());
      }
      if (!succeeded) {
        chosen.add(step.nodeHandle());
      }
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(
          "Every step of the parent run of job '"
              + parentPlan.jobName()
              + "' succeeded, so a re-execution from failure has nothing to run; re-execute"
              + " chosen steps or all steps instead.");
    }
    return withDynamicRoots(parentPlan, chosen);
  }

  /**
   * Chooses the steps of a re-execution of chosen steps, plus the dynamic step of each mapped step
   * chosen.
   *
   * @param jobPlan the job's full plan (to check the names)
   * @param steps handles or step keys ({@code op}, {@code graph.op}, {@code op[key]}, {@code
   *     op[?]}); an instance key selects its whole mapped step
   * @return the step handles to execute, in plan order
   * @throws IllegalArgumentException naming every unknown step and listing the known ones, or when
   *     no step is given
   */
  public static List<String> ofSteps(ExecutionPlanSnapshot jobPlan, Collection<String> steps) {
    Objects.requireNonNull(jobPlan, "jobPlan must not be null");
    Objects.requireNonNull(steps, "steps must not be null");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException(
          "A re-execution of chosen steps of job '" + jobPlan.jobName() + "' needs a step.");
    }
    Set<String> handles = new HashSet<>();
    for (StepSnapshot step : jobPlan.steps()) {
      handles.add(step.nodeHandle());
    }
    Set<String> chosen = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String key : steps) {
      int bracket = key == null ? -1 : key.indexOf('[');
      String handle = bracket < 0 ? key : key.substring(0, bracket);
      if (handle != null && handles.contains(handle)) {
        chosen.add(handle);
      } else {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      List<String> known = new ArrayList<>();
      for (StepSnapshot step : jobPlan.steps()) {
        known.add(step.nodeHandle());
      }
      throw new IllegalArgumentException(
          "Cannot re-execute "
              + unknown
              + ": job '"
              + jobPlan.jobName()
              + "' has no such step; its steps are "
              + known
              + ".");
    }
    return withDynamicRoots(jobPlan, chosen);
  }

  private static List<String> withDynamicRoots(ExecutionPlanSnapshot plan, Set<String> chosen) {
    Set<String> all = new HashSet<>(chosen);
    for (StepSnapshot step : plan.steps()) {
      if (step.isMapped() && chosen.contains(step.nodeHandle())) {
        all.add(step.mappedOver().stepHandle());
      }
    }
    List<String> ordered = new ArrayList<>(all.size());
    for (StepSnapshot step : plan.steps()) {
      if (all.contains(step.nodeHandle())) {
        ordered.add(step.nodeHandle());
      }
    }
    return ordered;
  }

  /**
   * Finds, for each input of a re-execution that reads a step it does not run, the nearest earlier
   * run that produced the value (Dagster walks the run lineage the same way): a step not run by the
   * parent may have been produced by the parent's parent.
   *
   * @param plan the re-execution's plan (only the steps it runs)
   * @param lineage the earlier runs, nearest first: the parent, its parent, up to the root
   * @return the sources found and the inputs without one
   */
  public static ReexecutionSources inputSources(
      ExecutionPlanSnapshot plan, List<ParentRun> lineage) {
    Objects.requireNonNull(plan, "plan must not be null");
    Objects.requireNonNull(lineage, "lineage must not be null");
    Set<String> inPlan = new HashSet<>();
    for (StepSnapshot step : plan.steps()) {
      inPlan.add(step.key());
    }
    List<RunIndex> indexes = new ArrayList<>(lineage.size());
    List<String> runIds = new ArrayList<>(lineage.size());
    for (ParentRun run : lineage) {
      indexes.add(RunIndex.of(run.events()));
      runIds.add(run.runId());
    }
    List<InputSource> sources = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (StepSnapshot step : plan.steps()) {
      for (StepInputSnapshot input : step.inputs()) {
        for (StepInputSourceSnapshot source : input.sources()) {
          if (!(source instanceof StepInputSourceSnapshot.StepOutput out)
              || inPlan.contains(out.stepKey())) {
            continue;
          }
          InputSource found = find(step, input, out, indexes, runIds);
          if (found != null) {
            sources.add(found);
          } else {
            missing.add(
                "Input '"
                    + input.name()
                    + "' of step '"
                    + step.key()
                    + "' reads output '"
                    + out.output()
                    + "' of step '"
                    + out.stepKey()
                    + "', which no run of the lineage "
                    + runIds
                    + " produced; re-execute '"
                    + handleOf(out.stepKey())
                    + "' too.");
          }
        }
      }
    }
    return new ReexecutionSources(sources, missing);
  }

  private static InputSource find(
      StepSnapshot step,
      StepInputSnapshot input,
      StepInputSourceSnapshot.StepOutput out,
      List<RunIndex> indexes,
      List<String> runIds) {
    boolean mapped = out.stepKey().endsWith(StepSnapshot.UNRESOLVED_MAPPING_SUFFIX);
    String handle = handleOf(out.stepKey());
    // First choice: the nearest run with the output event; else the nearest where the step
    // succeeded (an output with no event: a dynamic output with no values).
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < indexes.size(); i++) {
        RunIndex index = indexes.get(i);
        if (mapped) {
          List<String> keys = index.instancesWithOutput(handle, out.output());
          if (!keys.isEmpty() || (pass == 1 && !index.succeededInstances(handle).isEmpty())) {
            return new InputSource(
                step.key(), input.name(), out.stepKey(), out.output(), runIds.get(i), keys);
          }
        } else if (index.succeeded.contains(handle)
            && (pass == 1 || index.hasOutput(handle, out.output()))) {
          return new InputSource(
              step.key(), input.name(), out.stepKey(), out.output(), runIds.get(i), List.of());
        }
      }
    }
    return null;
  }

  private static String handleOf(String stepKey) {
    int bracket = stepKey.indexOf('[');
    return bracket < 0 ? stepKey : stepKey.substring(0, bracket);
  }

  /** What one run's events say about its steps' successes and outputs. */
  private static final class RunIndex {
    final Set<String> succeeded = new LinkedHashSet<>();

    /** Step key to output name to mapping keys (null entries for plain outputs are skipped). */
    final Map<String, Map<String, Set<String>>> outputs = new HashMap<>();

    static RunIndex of(List<EventRecord> events) {
      RunIndex index = new RunIndex();
      for (EventRecord event : events) {
        if (event.stepKey() == null) {
          continue;
        }
        if (event.type() == DagsterEventType.STEP_SUCCESS) {
          index.succeeded.add(event.stepKey());
        } else if (event.type() == DagsterEventType.STEP_OUTPUT) {
          event
              .payload(StepOutputPayload.class)
              .ifPresent(
                  p -> {
                    Set<String> keys =
                        index
                            .outputs
                            .computeIfAbsent(event.stepKey(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(p.outputName(), k -> new LinkedHashSet<>());
                    if (p.mappingKey() != null) {
                      keys.add(p.mappingKey());
                    }
                  });
        }
      }
      return index;
    }

    boolean hasOutput(String stepKey, String output) {
      Map<String, Set<String>> byOutput = outputs.get(stepKey);
      return byOutput != null && byOutput.containsKey(output);
    }

    Set<String> mappingKeys(String stepKey, String output) {
      Map<String, Set<String>> byOutput = outputs.get(stepKey);
      Set<String> keys = byOutput == null ? null : byOutput.get(output);
      return keys == null ? Set.of() : keys;
    }

    /** The mapping keys of the succeeded instances ({@code handle[key]}) of a mapped step. */
    Set<String> succeededInstances(String handle) {
      Set<String> keys = new LinkedHashSet<>();
      String prefix = handle + "[";
      for (String key : succeeded) {
        if (key.startsWith(prefix) && key.endsWith("]")) {
          keys.add(key.substring(prefix.length(), key.length() - 1));
        }
      }
      return keys;
    }

    /**
     * The mapping keys of the succeeded instances that produced an output, sorted for stability.
     */
    List<String> instancesWithOutput(String handle, String output) {
      List<String> keys = new ArrayList<>();
      for (String key : succeededInstances(handle)) {
        if (hasOutput(handle + "[" + key + "]", output)) {
          keys.add(key);
        }
      }
      return keys;
    }
  }
}
