package io.pipewright.sdk.internal.selection;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A {@link SelectionGraph} built from edges, with nodes in the order they were first named. */
final class TestGraph implements SelectionGraph {

  private final Map<String, Set<String>> upstream = new LinkedHashMap<>();
  private final Map<String, Set<String>> downstream = new LinkedHashMap<>();

  TestGraph node(String name) {
    upstream.computeIfAbsent(name, k -> new LinkedHashSet<>());
    downstream.computeIfAbsent(name, k -> new LinkedHashSet<>());
    return this;
  }

  /** Adds the edge {@code from -> to}: {@code to} consumes an output of {@code from}. */
  TestGraph edge(String from, String to) {
    node(from);
    node(to);
    downstream.get(from).add(to);
    upstream.get(to).add(from);
    return this;
  }

  /** The diamond a -> b, a -> c, b -> d, c -> d, d -> e. */
  static TestGraph diamond() {
    return new TestGraph()
        .edge("a", "b")
        .edge("a", "c")
        .edge("b", "d")
        .edge("c", "d")
        .edge("d", "e");
  }

  /** The chain n0 -> n1 -> ... -> n(size - 1). */
  static TestGraph chain(int size) {
    TestGraph graph = new TestGraph().node("n0");
    for (int i = 1; i < size; i++) {
      graph.edge("n" + (i - 1), "n" + i);
    }
    return graph;
  }

  @Override
  public Set<String> nodes() {
    return upstream.keySet();
  }

  @Override
  public Set<String> upstreamOf(String node) {
    return upstream.get(node);
  }

  @Override
  public Set<String> downstreamOf(String node) {
    return downstream.get(node);
  }
}
