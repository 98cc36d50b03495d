package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/**
 * Which inner output a graph's output is.
 *
 * @param output the graph output's name; non-blank
 * @param node the inner node's name; non-blank
 * @param nodeOutput the inner node's output; non-blank
 */
public record OutputMappingSnapshot(String output, String node, String nodeOutput) {

  /** Validates the components. */
  public OutputMappingSnapshot {
    Checks.requireNonBlank(output, "OutputMappingSnapshot", "output");
    Checks.requireNonBlank(node, "OutputMappingSnapshot", output, "node");
    Checks.requireNonBlank(nodeOutput, "OutputMappingSnapshot", output, "nodeOutput");
  }
}
