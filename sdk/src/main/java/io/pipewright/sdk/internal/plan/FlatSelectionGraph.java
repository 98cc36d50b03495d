package io.pipewright.sdk.internal.plan;

import io.pipewright.sdk.internal.selection.SelectionGraph;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The flattened op graph seen by the op selection resolver: nodes are op handles. */
public final class FlatSelectionGraph implements SelectionGraph {
  private final Set<String> nodes = new LinkedHashSet<>();
  private final Map<String, Set<String>> upstream = new HashMap<>();
  private final Map<String, Set<String>> downstream = new HashMap<>();

  /**
   * Indexes a flattened graph.
   *
   * @param ops the ops in topological order
   */
  public FlatSelectionGraph(List<OpNode> ops) {
    for (OpNode node : ops) {
      nodes.add(node.handle());
      for (InputWiring wiring : node.inputs()) {
        for (Upstream up : wiring.sources()) {
          upstream.computeIfAbsent(node.handle(), k -> new LinkedHashSet<>()).add(up.handle());
          downstream.computeIfAbsent(up.handle(), k -> new LinkedHashSet<>()).add(node.handle());
        }
      }
    }
  }

  @Override
  public Set<String> nodes() {
    return nodes;
  }

  @Override
  public Set<String> upstreamOf(String node) {
    return upstream.getOrDefault(node, Set.of());
  }

  @Override
  public Set<String> downstreamOf(String node) {
    return downstream.getOrDefault(node, Set.of());
  }
}
