package io.pipewright.sdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A graph: ops (and nested graphs) wired by data dependencies (Dagster's {@code @graph}).
 *
 * <p>Graphs are composed with a builder: {@link Builder#add} places a node and returns a handle
 * whose {@link Node#out()} is wired into other nodes' inputs with {@link Node#in}.
 *
 * <pre>{@code
 * GraphDefinition etl = GraphDefinition.builder("etl")
 *     .compose(g -> {
 *       var raw = g.add(extract);
 *       var clean = g.add("clean_orders", clean).in("rows", raw.out());
 *       g.add(load).in("rows", clean.out());
 *     })
 *     .build();
 * }</pre>
 *
 * <p>A node fed by a dynamic output runs once per value (Dagster's {@code map}); {@link
 * NodeOutput#collect()} gathers the mapped results into a list (Dagster's {@code collect}).
 * Problems in the wiring are kept on the graph and reported, all together, when its job or {@link
 * Definitions} are built.
 */
public final class GraphDefinition implements NodeDefinition {

  /** Where an input's value comes from. */
  public sealed interface Source permits NodeOutput, GraphInput {}

  /**
   * An output of a node in the same graph.
   *
   * @param alias the node's alias
   * @param outputName the output's name
   * @param collected whether the mapped values of a dynamic output are gathered into a list
   */
  public record NodeOutput(String alias, String outputName, boolean collected) implements Source {
    /**
     * Gathers the values of a dynamic output, or of a node mapped over one, into one list.
     *
     * @return the collected source
     */
    public NodeOutput collect() {
      return new NodeOutput(alias, outputName, true);
    }
  }

  /**
   * An input of the enclosing graph (input mapping).
   *
   * @param name the graph input's name
   */
  public record GraphInput(String name) implements Source {}

  /**
   * A node of a built graph.
   *
   * @param alias the node's name in this graph
   * @param definition the op or graph it invokes
   * @param inputs the sources of each connected input (several for a fan-in)
   * @param tags tags added to the definition's own
   */
  public record NodeInvocation(
      String alias,
      NodeDefinition definition,
      Map<String, List<Source>> inputs,
      Map<String, String> tags) {}

  private final String name;
  private final String description;
  private final List<NodeInvocation> nodes;
  private final Map<String, NodeInvocation> nodesByAlias;
  private final List<In> inputs;
  private final List<Out> outputs;
  private final Map<String, NodeOutput> outputMappings;
  private final List<DefinitionError> problems;

  private GraphDefinition(
      Builder b, List<NodeInvocation> nodes, List<Out> outputs, List<DefinitionError> problems) {
    this.name = b.name;
    this.description = b.description;
    this.nodes = List.copyOf(nodes);
    Map<String, NodeInvocation> byAlias = new LinkedHashMap<>();
    for (NodeInvocation node : nodes) {
      byAlias.putIfAbsent(node.alias(), node);
    }
    this.nodesByAlias = Collections.unmodifiableMap(byAlias);
    this.inputs = List.copyOf(b.inputs);
    this.outputs = List.copyOf(outputs);
    this.outputMappings = Collections.unmodifiableMap(new LinkedHashMap<>(b.outputMappings));
    this.problems = List.copyOf(problems);
  }

  /**
   * Starts a graph.
   *
   * @param name letters, digits and underscores
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * A graph with one node, used for a job made of a single op.
   *
   * @param op the op
   * @return the graph, named after the op
   */
  public static GraphDefinition ofOp(OpDefinition op) {
    Builder b = builder(op.name());
    b.add(op);
    return b.build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<In> inputs() {
    return inputs;
  }

  @Override
  public List<Out> outputs() {
    return outputs;
  }

  /**
   * The nodes, in the order they were added.
   *
   * @return the nodes
   */
  public List<NodeInvocation> nodes() {
    return nodes;
  }

  /**
   * The node with an alias.
   *
   * @param alias the alias
   * @return the node, or empty
   */
  public Optional<NodeInvocation> node(String alias) {
    return Optional.ofNullable(nodesByAlias.get(alias));
  }

  /**
   * Which inner output each graph output exposes (output mapping).
   *
   * @return graph output name to inner node output
   */
  public Map<String, NodeOutput> outputMappings() {
    return outputMappings;
  }

  /**
   * Problems found in this graph's wiring; reported when its job or definitions are built.
   *
   * @return the problems, empty when the graph is valid
   */
  public List<DefinitionError> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return "GraphDefinition[" + name + ", " + nodes.size() + " nodes]";
  }

  /** A node being placed in a graph: wire its inputs and take its outputs. */
  public static final class Node {
    private final Builder owner;
    private final String alias;
    private final NodeDefinition definition;
    private final Map<String, List<Source>> inputs = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();

    private Node(Builder owner, String alias, NodeDefinition definition) {
      this.owner = owner;
      this.alias = alias;
      this.definition = definition;
    }

    /**
     * The node's alias in the graph.
     *
     * @return the alias
     */
    public String alias() {
      return alias;
    }

    /**
     * The op or graph the node invokes.
     *
     * @return the definition
     */
    public NodeDefinition definition() {
      return definition;
    }

    /**
     * Connects an input. Several sources make a fan-in: the input receives a list of their values
     * (or, for a {@code Nothing} input, waits for all of them).
     *
     * @param inputName the input's name
     * @param sources where its value comes from
     * @return this node
     */
    public Node in(String inputName, Source... sources) {
      Objects.requireNonNull(inputName, "input name");
      if (sources.length == 0) {
        owner.problem(
            "node '" + alias + "' > input '" + inputName + "'",
            "it is connected to no source",
            "pass at least one source, such as upstream.out()");
        return this;
      }
      if (inputs.containsKey(inputName)) {
        owner.problem(
            "node '" + alias + "' > input '" + inputName + "'",
            "it is connected twice",
            "connect each input once; pass several sources in one call for a fan-in");
        return this;
      }
      inputs.put(inputName, List.of(sources));
      return this;
    }

    /**
     * Adds a tag to this invocation, on top of the definition's tags.
     *
     * @param key the key
     * @param value the value
     * @return this node
     */
    public Node tag(String key, String value) {
      tags.put(key, value);
      return this;
    }

    /**
     * The node's default output: {@code result}, or its only output.
     *
     * @return the output
     */
    public NodeOutput out() {
      List<Out> outs = definition.outputs();
      if (outs.size() == 1) {
        return new NodeOutput(alias, outs.get(0).name(), false);
      }
      return new NodeOutput(alias, Out.DEFAULT_NAME, false);
    }

    /**
     * A named output of the node.
     *
     * @param outputName the output's name
     * @return the output
     */
    public NodeOutput out(String outputName) {
      return new NodeOutput(alias, outputName, false);
    }
  }

  /** Builds a {@link GraphDefinition}. */
  public static final class Builder {
    private final String name;
    private String description;
    private final List<Node> nodes = new ArrayList<>();
    private final List<In> inputs = new ArrayList<>();
    private final Map<String, NodeOutput> outputMappings = new LinkedHashMap<>();
    private final Map<String, Out> declaredOutputs = new LinkedHashMap<>();
    private final List<DefinitionError> problems = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the description.
     *
     * @param text the description
     * @return this builder
     */
    public Builder description(String text) {
      this.description = text;
      return this;
    }

    /**
     * Runs a composition function against this builder; lets a graph be written as one expression.
     *
     * @param composition adds and wires nodes
     * @return this builder
     */
    public Builder compose(java.util.function.Consumer<Builder> composition) {
      composition.accept(this);
      return this;
    }

    /**
     * Places a node under the definition's own name.
     *
     * @param definition an op or graph
     * @return the node's handle
     */
    public Node add(NodeDefinition definition) {
      return add(definition.name(), definition);
    }

    /**
     * Places a node under an alias, so that one definition can be used several times.
     *
     * @param alias the node's name in this graph
     * @param definition an op or graph
     * @return the node's handle
     */
    public Node add(String alias, NodeDefinition definition) {
      Objects.requireNonNull(definition, "definition");
      Node node = new Node(this, alias, definition);
      nodes.add(node);
      return node;
    }

    /**
     * Declares an input of this graph, to be wired into inner nodes' inputs (input mapping).
     *
     * @param in the input
     * @return a source to pass to {@link Node#in}
     */
    public GraphInput input(In in) {
      inputs.add(in);
      return new GraphInput(in.name());
    }

    /**
     * Exposes an inner node's output as an output of this graph (output mapping); its type is the
     * inner output's.
     *
     * @param outputName the graph output's name
     * @param from the inner output
     * @return this builder
     */
    public Builder output(String outputName, NodeOutput from) {
      if (outputMappings.containsKey(outputName)) {
        problem(
            "output '" + outputName + "'",
            "it is mapped twice",
            "map each graph output from one inner output");
        return this;
      }
      outputMappings.put(outputName, from);
      return this;
    }

    /**
     * Exposes an inner node's output under an explicit output definition.
     *
     * @param out the graph output
     * @param from the inner output
     * @return this builder
     */
    public Builder output(Out out, NodeOutput from) {
      declaredOutputs.put(out.name(), out);
      return output(out.name(), from);
    }

    void problem(String element, String problem, String fix) {
      problems.add(new DefinitionError("graph '" + name + "' > " + element, problem, fix));
    }

    /**
     * Builds the graph. Wiring problems are kept on the definition and reported when its job is
     * built.
     *
     * @return the graph
     */
    public GraphDefinition build() {
      List<DefinitionError> found = new ArrayList<>();
      List<NodeInvocation> built = new ArrayList<>(nodes.size());
      for (Node node : nodes) {
        built.add(
            new NodeInvocation(
                node.alias,
                node.definition,
                Collections.unmodifiableMap(new LinkedHashMap<>(node.inputs)),
                Collections.unmodifiableMap(new LinkedHashMap<>(node.tags))));
      }
      List<Out> outs = new ArrayList<>();
      GraphValidator validator = new GraphValidator(name, built, inputs, outputMappings);
      found.addAll(problems);
      found.addAll(validator.validate());
      for (Map.Entry<String, NodeOutput> mapping : outputMappings.entrySet()) {
        Out declared = declaredOutputs.get(mapping.getKey());
        Out inner = validator.outputOf(mapping.getValue());
        if (declared != null) {
          outs.add(declared);
        } else if (inner != null) {
          Out mapped = Out.of(mapping.getKey(), inner.type());
          outs.add(inner.optional() ? mapped.asOptional() : mapped);
        } else {
          outs.add(Out.of(mapping.getKey()));
        }
      }
      return new GraphDefinition(this, built, outs, found);
    }
  }
}
