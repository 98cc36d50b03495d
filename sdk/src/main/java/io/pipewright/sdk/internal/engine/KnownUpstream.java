package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.internal.plan.StepTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The upstream steps of one step as a step worker knows them: the orchestrator launches a step only
 * once every step upstream of it succeeded, so each is {@link UpstreamState.Outcome#SUCCEEDED}; it
 * tells the worker which outputs were <em>not</em> produced (optional outputs left out), and which
 * mapping keys each dynamic output produced (needed to collect them, and to check a mapped step's
 * key).
 */
public final class KnownUpstream implements UpstreamState {
  private final Map<String, Map<String, List<String>>> mappingKeys;
  private final Map<String, ? extends Set<String>> missingOutputs;

  /**
   * Creates the known state.
   *
   * @param mappingKeys step key to dynamic output name to the mapping keys it produced, in order
   * @param missingOutputs step key to the names of outputs it did not produce
   */
  public KnownUpstream(
      Map<String, Map<String, List<String>>> mappingKeys,
      Map<String, ? extends Set<String>> missingOutputs) {
    this.mappingKeys = mappingKeys;
    this.missingOutputs = missingOutputs;
  }

  @Override
  public Step step(String stepKey) {
    return new Known(stepKey);
  }

  @Override
  public List<? extends Step> mappedInstances(StepTemplate mapped) {
    List<String> keys = keys(mapped.dynamicRoot(), mapped.dynamicOutput());
    List<Step> instances = new ArrayList<>(keys.size());
    for (String key : keys) {
      instances.add(new Known(mapped.stepKey(key)));
    }
    return instances;
  }

  /**
   * The mapping keys a dynamic output produced, when the orchestrator passed them.
   *
   * @param stepKey the dynamic step
   * @param outputName its dynamic output
   * @return the keys, or {@code null} when not known
   */
  public List<String> knownKeys(String stepKey, String outputName) {
    Map<String, List<String>> byOutput = mappingKeys.get(stepKey);
    return byOutput == null ? null : byOutput.get(outputName);
  }

  private boolean missing(String stepKey, String outputName) {
    Set<String> missing = missingOutputs.get(stepKey);
    return missing != null && missing.contains(outputName);
  }

  private List<String> keys(String stepKey, String outputName) {
    if (missing(stepKey, outputName)) {
      return List.of();
    }
    List<String> keys = knownKeys(stepKey, outputName);
    if (keys == null) {
      throw new IllegalArgumentException(
          "The known state has no mapping keys for dynamic output '"
              + outputName
              + "' of step '"
              + stepKey
              + "'. Pass the keys its STEP_OUTPUT events reported (an empty list when it produced"
              + " none), or list the output as not produced.");
    }
    return keys;
  }

  private final class Known implements Step {
    private final String key;

    Known(String key) {
      this.key = key;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public Outcome outcome() {
      return Outcome.SUCCEEDED;
    }

    @Override
    public boolean hasOutput(String outputName) {
      return !missing(key, outputName);
    }

    @Override
    public List<String> mappingKeys(String outputName) {
      return keys(key, outputName);
    }
  }
}
