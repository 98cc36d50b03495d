package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/**
 * Where a node input's value comes from, inside the graph that holds the node (the sdk's {@code
 * GraphDefinition.Source}).
 */
public sealed interface InputSourceSnapshot
    permits InputSourceSnapshot.NodeOutput, InputSourceSnapshot.GraphInput {

  /**
   * An output of a sibling node in the same graph.
   *
   * @param node the sibling's name in the graph (its alias); non-blank
   * @param output the output's name; non-blank
   * @param collected whether the mapped values of a dynamic output are gathered into one list
   */
  record NodeOutput(String node, String output, boolean collected) implements InputSourceSnapshot {
    /** Validates the components. */
    public NodeOutput {
      Checks.requireNonBlank(node, "InputSourceSnapshot.NodeOutput", "node");
      Checks.requireNonBlank(output, "InputSourceSnapshot.NodeOutput", "output");
    }
  }

  /**
   * An input of the enclosing graph, fed from outside it.
   *
   * @param name the graph input's name; non-blank
   */
  record GraphInput(String name) implements InputSourceSnapshot {
    /** Validates the name. */
    public GraphInput {
      Checks.requireNonBlank(name, "InputSourceSnapshot.GraphInput", "name");
    }
  }
}
