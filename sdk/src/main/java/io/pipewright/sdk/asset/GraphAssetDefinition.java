package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.GraphDefinition.NodeInvocation;
import io.pipewright.sdk.GraphDefinition.NodeOutput;
import io.pipewright.sdk.GraphDefinition.Source;
import io.pipewright.sdk.In;
import io.pipewright.sdk.NodeDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.partition.PartitionsDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An asset computed by a graph of ops (Dagster's {@code @graph_asset}). Each op is its own step
 * ({@code <asset node>.<op>}), so a failed step can be re-executed alone; the graph's single output
 * is the asset.
 *
 * <pre>{@code
 * GraphAssetDefinition report = GraphAssetDefinition
 *     .builder(AssetSpec.of("reports", "weekly").withGroup("reports"), weeklyReportGraph)
 *     .input("orders", AssetKey.of("raw", "orders"))   // the graph's input named "orders"
 *     .build();
 * }</pre>
 */
public final class GraphAssetDefinition implements AssetsDefinition {
  private final AssetSpec spec;
  private final Map<String, AssetIn> inputs;
  private final PartitionsDefinition partitions;
  private final GraphDefinition graph;
  private final List<DefinitionError> problems;

  private GraphAssetDefinition(Builder b) {
    this.spec = b.spec;
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputs));
    this.partitions = b.partitions;
    List<DefinitionError> found = new ArrayList<>();
    String element = "graph asset '" + spec.key().toUserString() + "'";
    if (b.graph.outputMappings().size() != 1) {
      found.add(
          new DefinitionError(
              element,
              "graph '"
                  + b.graph.name()
                  + "' exposes "
                  + b.graph.outputMappings().size()
                  + " outputs, not one",
              "map exactly one inner output with output(\"result\", node.out())"));
      this.graph = b.graph;
    } else {
      this.graph = rewrite(b.graph, b.inputs, spec.key());
    }
    for (String inputName : b.inputs.keySet()) {
      if (b.graph.inputs().stream().noneMatch(in -> in.name().equals(inputName))) {
        found.add(
            new DefinitionError(
                element + " > input '" + inputName + "'",
                "graph '" + b.graph.name() + "' has no input of this name",
                "declare it in the graph with input(In.of(\"" + inputName + "\", type))"));
      }
    }
    this.problems = List.copyOf(found);
  }

  /**
   * Starts a graph-backed asset.
   *
   * @param spec the asset
   * @param graph the graph that computes it; its one output is the asset
   * @return a builder
   */
  public static Builder builder(AssetSpec spec, GraphDefinition graph) {
    return new Builder(spec, graph);
  }

  /**
   * The graph with its inputs loading upstream assets and its output materializing the asset.
   * Rebuilt through the public builder so the graph is validated like any other.
   */
  private static GraphDefinition rewrite(
      GraphDefinition graph, Map<String, AssetIn> inputs, AssetKey key) {
    Map.Entry<String, NodeOutput> mapped = graph.outputMappings().entrySet().iterator().next();
    GraphDefinition.Builder b = GraphDefinition.builder(AssetNames.identifier(key));
    b.description(graph.description());
    for (In in : graph.inputs()) {
      AssetIn asset = inputs.get(in.name());
      b.input(asset == null ? in : in.fromAsset(asset.key()));
    }
    for (NodeInvocation node : graph.nodes()) {
      NodeDefinition def = node.definition();
      if (node.alias().equals(mapped.getValue().alias())) {
        def = markAsset(def, mapped.getValue().outputName(), key);
      }
      GraphDefinition.Node added = b.add(node.alias(), def);
      for (Map.Entry<String, List<Source>> wire : node.inputs().entrySet()) {
        added.in(wire.getKey(), wire.getValue().toArray(Source[]::new));
      }
      node.tags().forEach(added::tag);
    }
    b.output(Out.DEFAULT_NAME, mapped.getValue());
    return b.build();
  }

  private static NodeDefinition markAsset(NodeDefinition def, String outputName, AssetKey key) {
    if (def instanceof OpDefinition op) {
      Out out = op.output(outputName).orElse(Out.of(outputName));
      return op.withOutput(out.forAsset(key));
    }
    GraphDefinition inner = (GraphDefinition) def;
    NodeOutput mapped = inner.outputMappings().get(outputName);
    if (mapped == null) {
      return def;
    }
    GraphDefinition.Builder b = GraphDefinition.builder(inner.name());
    inner.inputs().forEach(b::input);
    for (NodeInvocation node : inner.nodes()) {
      NodeDefinition nodeDef =
          node.alias().equals(mapped.alias())
              ? markAsset(node.definition(), mapped.outputName(), key)
              : node.definition();
      GraphDefinition.Node added = b.add(node.alias(), nodeDef);
      for (Map.Entry<String, List<Source>> wire : node.inputs().entrySet()) {
        added.in(wire.getKey(), wire.getValue().toArray(Source[]::new));
      }
    }
    inner.outputMappings().forEach(b::output);
    return b.build();
  }

  @Override
  public List<AssetSpec> specs() {
    return List.of(spec);
  }

  @Override
  public String nodeName() {
    return graph.name();
  }

  @Override
  public Optional<NodeDefinition> node() {
    return Optional.of(graph);
  }

  @Override
  public Map<String, AssetIn> inputs() {
    return inputs;
  }

  @Override
  public Map<AssetKey, String> outputNames() {
    return Map.of(spec.key(), Out.DEFAULT_NAME);
  }

  @Override
  public Optional<PartitionsDefinition> partitions() {
    return Optional.ofNullable(partitions);
  }

  @Override
  public List<DefinitionError> problems() {
    return problems;
  }

  /** Builds a {@link GraphAssetDefinition}. */
  public static final class Builder {
    private final AssetSpec spec;
    private final GraphDefinition graph;
    private final Map<String, AssetIn> inputs = new LinkedHashMap<>();
    private PartitionsDefinition partitions;

    private Builder(AssetSpec spec, GraphDefinition graph) {
      this.spec = spec;
      this.graph = graph;
    }

    /**
     * Feeds a graph input from an upstream asset.
     *
     * @param graphInput the graph's input
     * @param upstream the upstream asset
     * @return this builder
     */
    public Builder input(String graphInput, AssetKey upstream) {
      inputs.put(graphInput, AssetIn.of(upstream));
      return this;
    }

    /**
     * Feeds a graph input from an upstream asset, with a partition mapping.
     *
     * @param graphInput the graph's input
     * @param upstream the upstream asset
     * @return this builder
     */
    public Builder input(String graphInput, AssetIn upstream) {
      inputs.put(graphInput, upstream);
      return this;
    }

    /**
     * Partitions the asset.
     *
     * @param definition the partitions
     * @return this builder
     */
    public Builder partitions(PartitionsDefinition definition) {
      this.partitions = definition;
      return this;
    }

    /**
     * Builds the asset.
     *
     * @return the asset
     */
    public GraphAssetDefinition build() {
      return new GraphAssetDefinition(this);
    }
  }
}
