package io.pipewright.daemon.orchestrator;

import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.launch.KnownState;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.StepOutputSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which outputs the run's succeeded steps did not produce (an optional output left out), folded
 * from the events: a worker takes every upstream output as produced except those its {@link
 * KnownState} lists. Kept per run by the orchestrator, updated as events are read.
 */
final class KnownOutputs {

  private final Map<String, StepSnapshot> steps = new HashMap<>();

  /** Outputs seen per attempt, until the attempt's step succeeds. */
  private final Map<String, Set<String>> produced = new HashMap<>();

  private final Map<String, List<String>> missing = new LinkedHashMap<>();

  /** Changes of {@link #missing}: a known state built before the last change is stale. */
  private long missingVersion;

  /**
   * The last known state built, with what it was built from: the launches of one decision share the
   * run's dynamic mappings (one map), and copying them per launch costs a fan-out over thousands of
   * mapping keys as much again per step.
   */
  private Map<String, Map<String, List<String>>> lastMappings;

  private long lastVersion = -1;
  private KnownState last;

  KnownOutputs(ExecutionPlanSnapshot plan) {
    for (StepSnapshot step : plan.steps()) {
      steps.put(step.key(), step);
    }
  }

  /** Folds one event of the run. */
  void apply(EventRecord event) {
    if (event.stepKey() == null) {
      return;
    }
    switch (event.type()) {
      case STEP_OUTPUT ->
          event
              .payload(StepOutputPayload.class)
              .ifPresent(
                  p ->
                      produced
                          .computeIfAbsent(key(event), k -> new LinkedHashSet<>())
                          .add(p.outputName()));
      case STEP_SUCCESS -> {
        Set<String> outputs = produced.getOrDefault(key(event), Set.of());
        StepSnapshot step = template(event.stepKey());
        if (step != null) {
          List<String> notProduced =
              step.outputs().stream()
                  .map(StepOutputSnapshot::name)
                  .filter(name -> !outputs.contains(name))
                  .toList();
          if (!notProduced.isEmpty()) {
            missing.put(event.stepKey(), notProduced);
            missingVersion++;
          }
        }
        produced.keySet().removeIf(k -> k.startsWith(event.stepKey() + '\u0000'));
      }
      default -> {
        // Nothing else says what was produced.
      }
    }
  }

  /**
   * The known state for a worker.
   *
   * @param dynamicMappings the mapping keys of the run's dynamic outputs so far
   * @return the state; an output with mapping keys is never also listed as missing
   */
  KnownState knownState(Map<String, Map<String, List<String>>> dynamicMappings) {
    if (dynamicMappings == lastMappings && missingVersion == lastVersion) {
      return last;
    }
    last = build(dynamicMappings);
    lastMappings = dynamicMappings;
    lastVersion = missingVersion;
    return last;
  }

  private KnownState build(Map<String, Map<String, List<String>>> dynamicMappings) {
    if (missing.isEmpty()) {
      return new KnownState(dynamicMappings, Map.of());
    }
    Map<String, List<String>> notProduced = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> entry : missing.entrySet()) {
      Map<String, List<String>> mapped = dynamicMappings.getOrDefault(entry.getKey(), Map.of());
      List<String> outputs = entry.getValue().stream().filter(o -> !mapped.containsKey(o)).toList();
      if (!outputs.isEmpty()) {
        notProduced.put(entry.getKey(), outputs);
      }
    }
    return new KnownState(dynamicMappings, notProduced);
  }

  private StepSnapshot template(String stepKey) {
    int bracket = stepKey.indexOf('[');
    String key =
        bracket < 0
            ? stepKey
            : stepKey.substring(0, bracket) + StepSnapshot.UNRESOLVED_MAPPING_SUFFIX;
    return steps.get(key);
  }

  private static String key(EventRecord event) {
    return event.stepKey() + '\u0000' + event.attempt();
  }
}
