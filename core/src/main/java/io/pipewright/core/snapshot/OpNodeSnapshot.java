package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;
import java.util.Map;

/**
 * An op placed in a graph (the sdk's {@code OpDefinition} and its invocation).
 *
 * @param name the node's name in its graph; non-blank
 * @param definitionName the op's name; non-blank
 * @param description the op's description; may be null
 * @param inputs the inputs with their sources
 * @param outputs the outputs
 * @param tags the op's tags overlaid with the invocation's
 * @param requiredResources the resource keys the op uses, sorted
 * @param retryPolicy the op's retry policy, or null for the job's (or none)
 * @param config the type of the op's config, or null when it takes none
 */
public record OpNodeSnapshot(
    String name,
    String definitionName,
    String description,
    List<InputSnapshot> inputs,
    List<OutputSnapshot> outputs,
    Map<String, String> tags,
    List<String> requiredResources,
    RetryPolicySnapshot retryPolicy,
    ConfigSchemaSnapshot config)
    implements NodeSnapshot {

  /** Validates and copies the components. */
  public OpNodeSnapshot {
    String record = "OpNodeSnapshot";
    Checks.requireNonBlank(name, record, "name");
    Checks.requireNonBlank(definitionName, record, name, "definitionName");
    inputs = Checks.list(inputs, record, name, "inputs");
    outputs = Checks.list(outputs, record, name, "outputs");
    tags = Checks.tags(tags, record, name, "tags");
    requiredResources = Checks.distinctList(requiredResources, record, name, "requiredResources");
  }
}
