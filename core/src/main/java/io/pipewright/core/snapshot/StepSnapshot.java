package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step of an execution plan: an op of the job's graph, flattened.
 *
 * <p>A step mapped over a dynamic output ({@link #mappedOver()} set) is a template: it runs once
 * per value of that output, each instance keyed {@code handle[mappingKey]}, and the template itself
 * is keyed {@code handle[?]} as in Dagster.
 *
 * @param key the step key: the op's handle, or {@code handle[?]} for a mapped step; non-blank
 * @param nodeHandle the op's handle through nested graphs, such as {@code etl.clean}; non-blank
 * @param opName the op definition's name; non-blank
 * @param mappedOver the dynamic output this step is mapped over, or null for a plain step
 * @param inputs the inputs with their sources
 * @param outputs the outputs
 * @param tags the op's tags overlaid with the invocation's
 * @param retryPolicy the retry policy in force (the op's, else the job's); null for none
 * @param requiredResources the resource keys the step uses
 * @param assetKeys the assets the step materializes or observes
 */
public record StepSnapshot(
    String key,
    String nodeHandle,
    String opName,
    DynamicMapping mappedOver,
    List<StepInputSnapshot> inputs,
    List<StepOutputSnapshot> outputs,
    Map<String, String> tags,
    RetryPolicySnapshot retryPolicy,
    List<String> requiredResources,
    List<AssetKeySnapshot> assetKeys) {

  /** The suffix of a mapped step's template key. */
  public static final String UNRESOLVED_MAPPING_SUFFIX = "[?]";

  /**
   * The dynamic output a step is mapped over.
   *
   * @param stepHandle the handle of the step whose dynamic output it is; non-blank
   * @param output that output's name; non-blank
   */
  public record DynamicMapping(String stepHandle, String output) {
    /** Validates the components. */
    public DynamicMapping {
      Checks.requireNonBlank(stepHandle, "StepSnapshot.DynamicMapping", "stepHandle");
      Checks.requireNonBlank(output, "StepSnapshot.DynamicMapping", "output");
    }
  }

  /** Validates and copies the components. */
  public StepSnapshot {
    String record = "StepSnapshot";
    Checks.requireNonBlank(key, record, "key");
    Checks.requireNonBlank(nodeHandle, record, key, "nodeHandle");
    Checks.requireNonBlank(opName, record, key, "opName");
    boolean keyMatches =
        mappedOver == null
            ? key.equals(nodeHandle)
            : key.length() == nodeHandle.length() + UNRESOLVED_MAPPING_SUFFIX.length()
                && key.startsWith(nodeHandle)
                && key.endsWith(UNRESOLVED_MAPPING_SUFFIX);
    if (!keyMatches) {
      throw new IllegalArgumentException(
          Checks.where(record, key)
              + " must be keyed '"
              + (mappedOver == null ? nodeHandle : nodeHandle + UNRESOLVED_MAPPING_SUFFIX)
              + "' (its handle"
              + (mappedOver == null
                  ? ")"
                  : " followed by [?], as it is mapped over a dynamic output)"));
    }
    inputs = Checks.list(inputs, record, key, "inputs");
    outputs = Checks.list(outputs, record, key, "outputs");
    tags = Checks.tags(tags, record, key, "tags");
    requiredResources = Checks.distinctList(requiredResources, record, key, "requiredResources");
    assetKeys = Checks.distinctList(assetKeys, record, key, "assetKeys");
  }

  /**
   * Tells whether the step runs once per value of a dynamic output.
   *
   * @return true for a mapped step
   */
  public boolean isMapped() {
    return mappedOver != null;
  }

  /**
   * Returns the key of one instance of this step.
   *
   * @param mappingKey the mapping key; ignored (may be null) for a plain step
   * @return {@code handle} for a plain step, {@code handle[mappingKey]} for a mapped one
   */
  public String instanceKey(String mappingKey) {
    return mappedOver == null ? nodeHandle : nodeHandle + "[" + mappingKey + "]";
  }

  /**
   * Returns the keys of the steps this step's inputs read from, each once, in order.
   *
   * @return the upstream step keys
   */
  public List<String> upstreamStepKeys() {
    Set<String> keys = new LinkedHashSet<>();
    for (StepInputSnapshot input : inputs) {
      for (StepInputSourceSnapshot source : input.sources()) {
        if (source instanceof StepInputSourceSnapshot.StepOutput out) {
          keys.add(out.stepKey());
        }
      }
    }
    return List.copyOf(new ArrayList<>(keys));
  }
}
