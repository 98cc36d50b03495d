package io.pipewright.sdk.internal.assetselection;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.asset.AssetGraphView;
import io.pipewright.sdk.asset.UnknownAssetException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Evaluates a {@link SelectionNode} tree against an {@link AssetGraphView}.
 *
 * <p>Every asset gets an index in the order of {@link AssetGraphView#keys()}, and every node
 * evaluates to a {@link BitSet} over those indexes, so {@code and}, {@code or} and {@code not} are
 * word-wide bit operations and the result comes out in graph order for free. Traversals are
 * iterative breadth-first walks from all seeds at once, which reach each asset at its shortest
 * distance from the selection and expand it at most once: linear in the size of the graph, with no
 * recursion over the graph however long its chains.
 */
public final class SelectionResolver {

  private final AssetGraphView graph;
  private final AssetKey[] keys;
  private final int size;
  private Map<AssetKey, Integer> index;
  private String[] userStrings;

  private SelectionResolver(AssetGraphView graph) {
    this.graph = graph;
    Set<AssetKey> keySet = Objects.requireNonNull(graph.keys(), "graph.keys() returned null");
    this.keys = keySet.toArray(new AssetKey[0]);
    this.size = keys.length;
  }

  /**
   * Returns the position of each key in {@link #keys}, built on first use: selections made of
   * attribute filters alone never need it, and building it is a good part of their cost.
   */
  private Map<AssetKey, Integer> index() {
    if (index == null) {
      index = new HashMap<>(Math.max(16, size * 4 / 3 + 1));
      for (int i = 0; i < size; i++) {
        index.put(keys[i], i);
      }
    }
    return index;
  }

  /**
   * Resolves {@code node} against {@code graph}.
   *
   * @param node the parsed selection
   * @param graph the graph to select from
   * @param expression renders the selection for an error message; called only on error
   * @return the selected keys, unmodifiable, in the order of {@link AssetGraphView#keys()}
   * @throws UnknownAssetException if the selection names by exact key assets the graph lacks
   */
  public static Set<AssetKey> resolve(
      SelectionNode node, AssetGraphView graph, Supplier<String> expression) {
    SelectionResolver resolver = new SelectionResolver(graph);
    resolver.checkKeysExist(node, expression);
    BitSet selected = resolver.evaluate(node);
    Set<AssetKey> result = new LinkedHashSet<>(Math.max(16, selected.cardinality() * 4 / 3 + 1));
    for (int i = selected.nextSetBit(0); i >= 0; i = selected.nextSetBit(i + 1)) {
      result.add(resolver.keys[i]);
    }
    return Collections.unmodifiableSet(result);
  }

  private BitSet evaluate(SelectionNode node) {
    if (node instanceof SelectionNode.All) {
      BitSet all = new BitSet(size);
      all.set(0, size);
      return all;
    }
    if (node instanceof SelectionNode.Key key) {
      BitSet bits = new BitSet(size);
      bits.set(index().get(key.key()));
      return bits;
    }
    if (node instanceof SelectionNode.Traverse traverse) {
      BitSet seeds = evaluate(traverse.operand());
      BitSet result = traverse.up() > 0 ? walk(seeds, traverse.up(), true) : seeds;
      if (traverse.down() > 0) {
        result.or(walk(seeds, traverse.down(), false));
      }
      return result;
    }
    if (node instanceof SelectionNode.Not not) {
      BitSet bits = evaluate(not.operand());
      bits.flip(0, size);
      return bits;
    }
    if (node instanceof SelectionNode.And and) {
      List<SelectionNode> operands = and.operands();
      BitSet bits = evaluate(operands.get(0));
      for (int i = 1; i < operands.size() && !bits.isEmpty(); i++) {
        bits.and(evaluate(operands.get(i)));
      }
      return bits;
    }
    if (node instanceof SelectionNode.Or or) {
      List<SelectionNode> operands = or.operands();
      BitSet bits = evaluate(operands.get(0));
      for (int i = 1; i < operands.size(); i++) {
        bits.or(evaluate(operands.get(i)));
      }
      return bits;
    }
    return filter(node);
  }

  /** Evaluates an attribute filter by asking the graph about every asset. */
  private BitSet filter(SelectionNode node) {
    BitSet bits = new BitSet(size);
    if (node instanceof SelectionNode.KeyPattern pattern) {
      Wildcard wildcard = new Wildcard(pattern.pattern());
      for (int i = 0; i < size; i++) {
        if (wildcard.matches(userString(i))) {
          bits.set(i);
        }
      }
    } else if (node instanceof SelectionNode.Group group) {
      for (int i = 0; i < size; i++) {
        Optional<String> assetGroup = graph.groupOf(keys[i]);
        if (assetGroup.isPresent() && assetGroup.get().equals(group.group())) {
          bits.set(i);
        }
      }
    } else if (node instanceof SelectionNode.Tag tag) {
      for (int i = 0; i < size; i++) {
        Map<String, String> tags = graph.tagsOf(keys[i]);
        if (tag.value() == null
            ? tags.containsKey(tag.key())
            : tag.value().equals(tags.get(tag.key()))) {
          bits.set(i);
        }
      }
    } else if (node instanceof SelectionNode.Kind kind) {
      for (int i = 0; i < size; i++) {
        if (graph.kindsOf(keys[i]).contains(kind.kind())) {
          bits.set(i);
        }
      }
    } else if (node instanceof SelectionNode.Owner owner) {
      for (int i = 0; i < size; i++) {
        if (graph.ownersOf(keys[i]).contains(owner.owner())) {
          bits.set(i);
        }
      }
    } else {
      throw new IllegalStateException("unknown selection node " + node);
    }
    return bits;
  }

  /**
   * Returns {@code seeds} plus every asset within {@code depth} steps of one of them, walking
   * upstream or downstream. Neighbours outside {@link AssetGraphView#keys()} are not selectable and
   * end the walk.
   */
  private BitSet walk(BitSet seeds, int depth, boolean upstream) {
    Map<AssetKey, Integer> positions = index();
    BitSet visited = (BitSet) seeds.clone();
    // One queue for the whole walk: every asset enters it at most once.
    int[] queue = new int[size];
    int tail = 0;
    for (int i = seeds.nextSetBit(0); i >= 0; i = seeds.nextSetBit(i + 1)) {
      queue[tail++] = i;
    }
    int head = 0;
    for (int level = 0; level < depth && head < tail; level++) {
      int levelEnd = tail;
      while (head < levelEnd) {
        AssetKey key = keys[queue[head++]];
        Set<AssetKey> neighbours = upstream ? graph.upstreamOf(key) : graph.downstreamOf(key);
        for (AssetKey neighbour : neighbours) {
          Integer j = positions.get(neighbour);
          if (j != null && !visited.get(j)) {
            visited.set(j);
            queue[tail++] = j;
          }
        }
      }
    }
    return visited;
  }

  private String userString(int i) {
    if (userStrings == null) {
      userStrings = new String[size];
    }
    String userString = userStrings[i];
    if (userString == null) {
      userString = keys[i].toUserString();
      userStrings[i] = userString;
    }
    return userString;
  }

  // ---- unknown keys ----

  private void checkKeysExist(SelectionNode node, Supplier<String> expression) {
    Set<AssetKey> unknown = new LinkedHashSet<>();
    collectUnknownKeys(node, unknown);
    if (!unknown.isEmpty()) {
      List<AssetKey> unknownKeys = List.copyOf(unknown);
      throw new UnknownAssetException(
          UnknownKeys.message(expression.get(), unknownKeys, keys), unknownKeys);
    }
  }

  private void collectUnknownKeys(SelectionNode node, Set<AssetKey> unknown) {
    if (node instanceof SelectionNode.Key key) {
      if (!index().containsKey(key.key())) {
        unknown.add(key.key());
      }
    } else if (node instanceof SelectionNode.Traverse traverse) {
      collectUnknownKeys(traverse.operand(), unknown);
    } else if (node instanceof SelectionNode.Not not) {
      collectUnknownKeys(not.operand(), unknown);
    } else if (node instanceof SelectionNode.And and) {
      collectAll(and.operands(), unknown);
    } else if (node instanceof SelectionNode.Or or) {
      collectAll(or.operands(), unknown);
    }
  }

  private void collectAll(List<SelectionNode> operands, Set<AssetKey> unknown) {
    for (SelectionNode operand : operands) {
      collectUnknownKeys(operand, unknown);
    }
  }

  /** A key pattern in which {@code *} matches any run of characters, compiled once per filter. */
  static final class Wildcard {

    private final List<String> parts;

    Wildcard(String pattern) {
      // Split by hand: String.split takes a regex, and the pattern is user text.
      List<String> split = new ArrayList<>(4);
      int start = 0;
      int star;
      while ((star = pattern.indexOf('*', start)) >= 0) {
        split.add(pattern.substring(start, star));
        start = star + 1;
      }
      split.add(pattern.substring(start));
      this.parts = List.copyOf(split);
    }

    /**
     * Whether {@code text} matches. The first part must be a prefix and the last a suffix; the
     * parts between are found left to right, each as early as possible, which is optimal when the
     * only wildcard is {@code *}.
     */
    boolean matches(String text) {
      String first = parts.get(0);
      String last = parts.get(parts.size() - 1);
      if (text.length() < first.length() + last.length()
          || !text.startsWith(first)
          || !text.endsWith(last)) {
        return false;
      }
      int from = first.length();
      int limit = text.length() - last.length();
      for (int i = 1; i < parts.size() - 1; i++) {
        String part = parts.get(i);
        int at = text.indexOf(part, from);
        if (at < 0 || at + part.length() > limit) {
          return false;
        }
        from = at + part.length();
      }
      return true;
    }
  }
}
