package io.pipewright.sdk;

import java.util.List;

/** Something that can be placed in a graph: an op, or a graph itself (graphs nest). */
public sealed interface NodeDefinition permits OpDefinition, GraphDefinition {
  /**
   * The definition's name.
   *
   * @return the name
   */
  String name();

  /**
   * A human-readable description.
   *
   * @return the description, or {@code null}
   */
  String description();

  /**
   * The inputs, in declaration order.
   *
   * @return the inputs
   */
  List<In> inputs();

  /**
   * The outputs, in declaration order.
   *
   * @return the outputs
   */
  List<Out> outputs();
}
