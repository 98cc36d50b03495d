package io.pipewright.core.launch;

import io.pipewright.core.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the orchestrator knows about the steps of a run that have finished, as a step worker needs
 * it to resolve its step's inputs (Dagster's {@code KnownExecutionState}). A worker is launched
 * only once every step upstream of its step succeeded, so it takes every upstream output as
 * produced except those listed here as not produced.
 *
 * <ul>
 *   <li>{@code dynamicMappingKeys}: for each dynamic output that produced values, its mapping keys
 *       in the order they were produced (from its {@code STEP_OUTPUT} events). A step that collects
 *       a dynamic output ({@code collect()}) needs them to know which values to load; a mapped step
 *       ({@code process[north]}) carries its own key in its step key, and the worker checks it
 *       against these keys when they are given. An empty list means the output produced no values.
 *   <li>{@code missingOutputs}: outputs of finished steps that were not produced (an optional
 *       output left out). A step reading one is skipped, a fan-in drops it, a collected dynamic
 *       output that was not produced gives an empty list.
 * </ul>
 *
 * @param dynamicMappingKeys step key to dynamic output name to mapping keys; keys in their order
 * @param missingOutputs step key to the names of outputs it did not produce
 */
public record KnownState(
    Map<String, Map<String, List<String>>> dynamicMappingKeys,
    Map<String, List<String>> missingOutputs) {

  private static final KnownState EMPTY = new KnownState(Map.of(), Map.of());

  /** Validates and copies the components, keeping their order. */
  public KnownState {
    dynamicMappingKeys = copyMappings(dynamicMappingKeys);
    missingOutputs = copyMissing(missingOutputs);
    for (Map.Entry<String, List<String>> step : missingOutputs.entrySet()) {
      Map<String, List<String>> mapped = dynamicMappingKeys.get(step.getKey());
      for (String output : step.getValue()) {
        if (mapped != null && mapped.containsKey(output)) {
          throw new IllegalArgumentException(
              "KnownState lists output '"
                  + output
                  + "' of step '"
                  + step.getKey()
                  + "' both with mapping keys and as not produced; it is one or the other");
        }
      }
    }
  }

  /**
   * The state of a run none of whose steps has finished, or whose steps need nothing from the
   * others.
   *
   * @return the empty state
   */
  public static KnownState empty() {
    return EMPTY;
  }

  /**
   * Starts building a known state.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The mapping keys a dynamic output produced, when known.
   *
   * @param stepKey the step
   * @param outputName the dynamic output
   * @return the keys in order, or empty when not known
   */
  public Optional<List<String>> mappingKeys(String stepKey, String outputName) {
    Map<String, List<String>> byOutput = dynamicMappingKeys.get(stepKey);
    return Optional.ofNullable(byOutput == null ? null : byOutput.get(outputName));
  }

  /**
   * Whether a finished step's output was not produced.
   *
   * @param stepKey the step
   * @param outputName the output
   * @return true when it is listed as not produced
   */
  public boolean isMissing(String stepKey, String outputName) {
    List<String> missing = missingOutputs.get(stepKey);
    return missing != null && missing.contains(outputName);
  }

  /**
   * Whether nothing is known.
   *
   * @return true when both maps are empty
   */
  public boolean isEmpty() {
    return dynamicMappingKeys.isEmpty() && missingOutputs.isEmpty();
  }

  private static Map<String, Map<String, List<String>>> copyMappings(
      Map<String, Map<String, List<String>>> mappings) {
    if (mappings == null || mappings.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, List<String>>> step : mappings.entrySet()) {
      String stepKey = Checks.requireNonBlank(step.getKey(), "KnownState", "step key");
      Map<String, List<String>> outputs = new LinkedHashMap<>();
      if (step.getValue() != null) {
        for (Map.Entry<String, List<String>> output : step.getValue().entrySet()) {
          String name = Checks.requireNonBlank(output.getKey(), "KnownState", stepKey, "output");
          List<String> keys =
              Checks.distinctList(
                  output.getValue(),
                  "KnownState",
                  stepKey,
                  "the mapping keys of output '" + name + "'");
          for (String key : keys) {
            if (!isMappingKey(key)) {
              throw new IllegalArgumentException(
                  Checks.where("KnownState", stepKey)
                      + " has mapping key \""
                      + key
                      + "\" for output '"
                      + name
                      + "'; mapping keys have only letters, digits and underscores");
            }
          }
          outputs.put(name, keys);
        }
      }
      copy.put(stepKey, Collections.unmodifiableMap(outputs));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Map<String, List<String>> copyMissing(Map<String, List<String>> missing) {
    if (missing == null || missing.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> step : missing.entrySet()) {
      String stepKey = Checks.requireNonBlank(step.getKey(), "KnownState", "step key");
      List<String> outputs =
          Checks.distinctList(step.getValue(), "KnownState", stepKey, "missing outputs");
      for (String output : outputs) {
        Checks.requireNonBlank(output, "KnownState", stepKey, "missing output name");
      }
      copy.put(stepKey, outputs);
    }
    return Collections.unmodifiableMap(copy);
  }

  private static boolean isMappingKey(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Builds a {@link KnownState}. */
  public static final class Builder {
    private final Map<String, Map<String, List<String>>> mappings = new LinkedHashMap<>();
    private final Map<String, List<String>> missing = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Records the mapping keys a dynamic output produced.
     *
     * @param stepKey the step
     * @param outputName the dynamic output
     * @param keys its mapping keys, in the order they were produced
     * @return this builder
     */
    public Builder mappingKeys(String stepKey, String outputName, List<String> keys) {
      mappings.computeIfAbsent(stepKey, k -> new LinkedHashMap<>()).put(outputName, keys);
      return this;
    }

    /**
     * Records that a finished step did not produce an output.
     *
     * @param stepKey the step
     * @param outputName the output
     * @return this builder
     */
    public Builder notProduced(String stepKey, String outputName) {
      missing.computeIfAbsent(stepKey, k -> new ArrayList<>()).add(outputName);
      return this;
    }

    /**
     * Returns the known state.
     *
     * @return the state
     * @throws IllegalArgumentException if a part is invalid
     */
    public KnownState build() {
      return new KnownState(mappings, missing);
    }
  }
}
