package io.pipewright.sdk.internal.selection;

import java.util.Set;

/**
 * The view of an op graph that op selection needs: its nodes and their direct neighbours.
 *
 * <p>Implementations should answer each call cheaply (a map lookup): resolution calls {@link
 * #upstreamOf(String)} or {@link #downstreamOf(String)} once per node it visits.
 */
public interface SelectionGraph {

  /**
   * Returns every node name of the graph, in the order selections are reported in.
   *
   * @return the node names; never null
   */
  Set<String> nodes();

  /**
   * Returns the nodes whose outputs {@code node} consumes directly.
   *
   * @param node a name from {@link #nodes()}
   * @return the direct upstream neighbours; empty, never null, for a source node
   */
  Set<String> upstreamOf(String node);

  /**
   * Returns the nodes that consume {@code node}'s outputs directly.
   *
   * @param node a name from {@link #nodes()}
   * @return the direct downstream neighbours; empty, never null, for a sink node
   */
  Set<String> downstreamOf(String node);
}
