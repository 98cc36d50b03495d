package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A graph placed in a graph: its own nodes, wired among themselves and to its inputs, and the inner
 * outputs that are its outputs (the sdk's {@code GraphDefinition} and its invocation).
 *
 * @param name the node's name in its graph; non-blank
 * @param definitionName the graph's name; non-blank
 * @param description the graph's description; may be null
 * @param inputs the graph's inputs with their sources in the enclosing graph
 * @param outputs the graph's outputs
 * @param tags the invocation's tags
 * @param nodes the graph's own nodes, in order; names unique
 * @param outputMappings which inner output each graph output is
 */
public record GraphNodeSnapshot(
    String name,
    String definitionName,
    String description,
    List<InputSnapshot> inputs,
    List<OutputSnapshot> outputs,
    Map<String, String> tags,
    List<NodeSnapshot> nodes,
    List<OutputMappingSnapshot> outputMappings)
    implements NodeSnapshot {

  /** Validates and copies the components. */
  public GraphNodeSnapshot {
    String record = "GraphNodeSnapshot";
    Checks.requireNonBlank(name, record, "name");
    Checks.requireNonBlank(definitionName, record, name, "definitionName");
    inputs = Checks.list(inputs, record, name, "inputs");
    outputs = Checks.list(outputs, record, name, "outputs");
    tags = Checks.tags(tags, record, name, "tags");
    nodes = uniqueNames(nodes, record, name);
    outputMappings = Checks.list(outputMappings, record, name, "outputMappings");
  }

  /**
   * Returns the inner node of the given name (not a dotted handle).
   *
   * @param nodeName the inner node's name
   * @return the node, or empty
   */
  public Optional<NodeSnapshot> node(String nodeName) {
    for (NodeSnapshot node : nodes) {
      if (node.name().equals(nodeName)) {
        return Optional.of(node);
      }
    }
    return Optional.empty();
  }

  /**
   * Copies a node list and checks that sibling names are unique; shared with {@link JobSnapshot}.
   */
  static List<NodeSnapshot> uniqueNames(List<NodeSnapshot> nodes, String record, String id) {
    List<NodeSnapshot> copy = Checks.list(nodes, record, id, "nodes");
    Set<String> names = new HashSet<>(Math.max(16, copy.size() * 2));
    for (NodeSnapshot node : copy) {
      if (!names.add(node.name())) {
        throw new IllegalArgumentException(
            Checks.where(record, id)
                + " has two nodes named '"
                + node.name()
                + "'; sibling names must be unique");
      }
    }
    return copy;
  }
}
