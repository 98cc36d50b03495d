package io.pipewright.core.snapshot;

import java.util.List;
import java.util.Map;

/**
 * A node of a job's graph: an op ({@link OpNodeSnapshot}) or a nested graph ({@link
 * GraphNodeSnapshot}), placed under a name. A job's graph is a tree of these; a node's handle is
 * the dotted path of names from the job's top level, such as {@code etl.clean}.
 */
public sealed interface NodeSnapshot permits OpNodeSnapshot, GraphNodeSnapshot {

  /**
   * Returns the node's name in its graph (its alias), unique among its siblings.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the name of the op or graph definition the node invokes.
   *
   * @return the definition's name
   */
  String definitionName();

  /**
   * Returns the definition's description.
   *
   * @return the description, or null
   */
  String description();

  /**
   * Returns the node's inputs with their sources in the enclosing graph.
   *
   * @return the inputs, in declaration order
   */
  List<InputSnapshot> inputs();

  /**
   * Returns the node's outputs.
   *
   * @return the outputs, in declaration order
   */
  List<OutputSnapshot> outputs();

  /**
   * Returns the node's tags: the definition's, overlaid with the invocation's.
   *
   * @return the tags
   */
  Map<String, String> tags();
}
