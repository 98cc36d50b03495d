package io.pipewright.sdk.internal.plan;

import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.GraphDefinition.GraphInput;
import io.pipewright.sdk.GraphDefinition.NodeInvocation;
import io.pipewright.sdk.GraphDefinition.NodeOutput;
import io.pipewright.sdk.GraphDefinition.Source;
import io.pipewright.sdk.In;
import io.pipewright.sdk.OpDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a graph with nested graphs into a flat list of ops in topological order, with every input
 * traced through input and output mappings to the op output it really comes from. Assumes the
 * graphs passed their own validation.
 */
public final class GraphFlattener {
  private final List<OpNode> raw = new ArrayList<>();

  private GraphFlattener() {}

  /** What a graph input is bound to from outside the graph. */
  private record Binding(List<Upstream> sources, boolean fanIn, boolean hasDefault, Object value) {}

  /**
   * Flattens a graph.
   *
   * @param graph the job's graph
   * @return its ops in topological order
   */
  public static List<OpNode> flatten(GraphDefinition graph) {
    GraphFlattener f = new GraphFlattener();
    f.expand(graph, "", Map.of());
    return sort(f.raw);
  }

  private void expand(GraphDefinition graph, String prefix, Map<String, Binding> bindings) {
    for (NodeInvocation node : graph.nodes()) {
      Map<String, Binding> wires = new LinkedHashMap<>();
      for (In in : node.definition().inputs()) {
        List<Source> sources = node.inputs().get(in.name());
        wires.put(in.name(), bind(graph, prefix, in, sources, bindings));
      }
      if (node.definition() instanceof OpDefinition op) {
        List<InputWiring> inputs = new ArrayList<>();
        for (In in : op.inputs()) {
          Binding b = wires.get(in.name());
          inputs.add(new InputWiring(in, b.sources(), b.fanIn(), b.hasDefault(), b.value()));
        }
        Map<String, String> tags = new LinkedHashMap<>(op.tags());
        tags.putAll(node.tags());
        raw.add(new OpNode(prefix + node.alias(), op, tags, List.copyOf(inputs), -1));
      } else {
        expand((GraphDefinition) node.definition(), prefix + node.alias() + ".", wires);
      }
    }
  }

  private Binding bind(
      GraphDefinition graph,
      String prefix,
      In in,
      List<Source> sources,
      Map<String, Binding> outer) {
    if (sources == null || sources.isEmpty()) {
      return new Binding(List.of(), false, in.hasDefault(), in.defaultValue());
    }
    List<Upstream> resolved = new ArrayList<>();
    boolean fanIn = sources.size() > 1;
    boolean hasDefault = in.hasDefault();
    Object value = in.defaultValue();
    for (Source source : sources) {
      if (source instanceof NodeOutput ref) {
        resolved.add(resolveOutput(graph, prefix, ref.alias(), ref.outputName(), ref.collected()));
      } else {
        Binding b = outer.get(((GraphInput) source).name());
        if (b == null) {
          continue;
        }
        resolved.addAll(b.sources());
        fanIn |= b.fanIn();
        if (!hasDefault && b.hasDefault()) {
          hasDefault = true;
          value = b.value();
        }
      }
    }
    return new Binding(List.copyOf(resolved), fanIn, hasDefault, value);
  }

  private static Upstream resolveOutput(
      GraphDefinition graph, String prefix, String alias, String outputName, boolean collected) {
    NodeInvocation node =
        graph
            .node(alias)
            .orElseThrow(() -> new IllegalStateException("unknown node " + prefix + alias));
    if (node.definition() instanceof GraphDefinition inner) {
      NodeOutput mapped = inner.outputMappings().get(outputName);
      if (mapped == null) {
        throw new IllegalStateException("unmapped output " + prefix + alias + "." + outputName);
      }
      return resolveOutput(
          inner,
          prefix + alias + ".",
          mapped.alias(),
          mapped.outputName(),
          collected || mapped.collected());
    }
    return new Upstream(prefix + alias, outputName, collected);
  }

  /** Kahn's algorithm over handles, keeping the order of addition among independent ops. */
  private static List<OpNode> sort(List<OpNode> nodes) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      position.put(nodes.get(i).handle(), i);
    }
    int[] indegree = new int[nodes.size()];
    List<List<Integer>> downstream = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      downstream.add(new ArrayList<>(2));
    }
    for (int i = 0; i < nodes.size(); i++) {
      for (InputWiring wiring : nodes.get(i).inputs()) {
        for (Upstream up : wiring.sources()) {
          Integer from = position.get(up.handle());
          if (from != null) {
            downstream.get(from).add(i);
            indegree[i]++;
          }
        }
      }
    }
    Deque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (indegree[i] == 0) {
        ready.add(i);
      }
    }
    List<OpNode> sorted = new ArrayList<>(nodes.size());
    while (!ready.isEmpty()) {
      int i = ready.poll();
      OpNode n = nodes.get(i);
      sorted.add(new OpNode(n.handle(), n.op(), n.tags(), n.inputs(), sorted.size()));
      for (int d : downstream.get(i)) {
        if (--indegree[d] == 0) {
          ready.add(d);
        }
      }
    }
    if (sorted.size() != nodes.size()) {
      // Cycles are reported by graph validation; a cycle across graph boundaries lands here.
      throw new IllegalStateException("The job's flattened graph has a cycle.");
    }
    return sorted;
  }
}
