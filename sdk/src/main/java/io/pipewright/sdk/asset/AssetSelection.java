package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.internal.assetselection.ExpressionParser;
import io.pipewright.sdk.internal.assetselection.ExpressionRenderer;
import io.pipewright.sdk.internal.assetselection.SelectionNode;
import io.pipewright.sdk.internal.assetselection.SelectionResolver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which assets of a graph to target, written in Dagster's asset selection syntax or built in code.
 *
 * <p>Filters select assets by an attribute:
 *
 * <ul>
 *   <li>{@code key:warehouse/orders}, {@code key:"warehouse/orders"}, or just {@code
 *       warehouse/orders} or {@code "warehouse/orders"}: the asset with that key. A {@code *} in a
 *       key value is a wildcard for any run of characters, {@code /} included: {@code key:raw_*},
 *       {@code key:"*_daily"}.
 *   <li>{@code group:finance}: the assets of a group.
 *   <li>{@code tag:pii}: the assets that carry the tag {@code pii}, whatever its value; {@code
 *       tag:tier=gold}: those whose tag {@code tier} has the value {@code gold}.
 *   <li>{@code kind:sql}: the assets of a kind.
 *   <li>{@code owner:"team:data"}, {@code owner:"alice@example.com"}: the assets with an owner.
 * </ul>
 *
 * <p>Unquoted values may contain letters, digits, {@code _}, {@code -}, {@code .} and {@code /};
 * quote any other value, writing {@code \"} for a quote and {@code \\} for a backslash inside the
 * quotes.
 *
 * <p>Traversals add neighbours, and include the selection itself: {@code +x} adds the direct
 * upstream assets of {@code x}, {@code 2+x} (or {@code ++x}) two levels of them, {@code *x} every
 * upstream level; downstream, {@code x+}, {@code x+2} (or {@code x++}) and {@code x*}. Both sides
 * combine: {@code *x+} selects {@code *x} or {@code x+}. A traversal applies to a filter or to a
 * parenthesized selection: {@code +(group:a or group:b)}. Because a {@code *} directly after an
 * unquoted key value belongs to the value, {@code key:orders*} is the wildcard; write {@code
 * key:"orders"*} or {@code orders*} for {@code orders} and everything downstream of it. As in op
 * selection and Dagster's clause syntax, a bare {@code +} is one level and {@code *} every level;
 * Dagster's newer expression syntax reads a bare {@code +x} as every level instead, so write {@code
 * *x} for that here.
 *
 * <p>Operators combine selections: {@code not} (every asset the operand does not select), {@code
 * and}, {@code or}, in that order of precedence, written in lower or upper case; parentheses group.
 * {@code *} on its own selects every asset. Example: {@code +key:marts/revenue and not
 * (tag:deprecated or owner:"team:legacy")}.
 *
 * <p>Instances are immutable and thread-safe. Equal selections have equal trees: parentheses and
 * the nesting of {@code and}s (or of {@code or}s) do not matter, {@link #toExpression()} writes the
 * selection back in this syntax, and parsing that text gives an equal selection.
 */
public final class AssetSelection {

  private static final AssetSelection ALL = new AssetSelection(new SelectionNode.All());

  private final SelectionNode node;

  private AssetSelection(SelectionNode node) {
    this.node = node;
  }

  /**
   * Parses an expression in Dagster's asset selection syntax, described on this class.
   *
   * @param expression the expression, such as {@code group:finance and kind:sql}
   * @return the selection
   * @throws AssetSelectionSyntaxException if the expression is not well formed; the message points
   *     at the problem
   * @throws NullPointerException if {@code expression} is null
   */
  public static AssetSelection parse(String expression) {
    return new AssetSelection(ExpressionParser.parse(expression));
  }

  /**
   * Selects every asset: the expression {@code *}.
   *
   * @return the selection
   */
  public static AssetSelection all() {
    return ALL;
  }

  /**
   * Selects the assets with these exact keys: {@code key:"a" or key:"b"}.
   *
   * @param keys one or more keys; duplicates are ignored
   * @return the selection; resolving it fails if the graph lacks one of the keys
   * @throws IllegalArgumentException if no key is given or a key is null
   */
  public static AssetSelection keys(AssetKey... keys) {
    if (keys == null || keys.length == 0) {
      throw new IllegalArgumentException(
          "AssetSelection.keys needs at least one key, e.g. keys(AssetKey.of(\"orders\"))");
    }
    Set<AssetKey> distinct = new LinkedHashSet<>();
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == null) {
        throw new IllegalArgumentException("Key " + i + " given to AssetSelection.keys is null");
      }
      distinct.add(keys[i]);
    }
    List<SelectionNode> nodes = new ArrayList<>(distinct.size());
    for (AssetKey key : distinct) {
      nodes.add(new SelectionNode.Key(key));
    }
    return new AssetSelection(SelectionNode.or(nodes));
  }

  /**
   * Selects the assets of these groups: {@code group:a or group:b}.
   *
   * @param groups one or more group names; duplicates are ignored
   * @return the selection; a group no asset belongs to selects nothing
   * @throws IllegalArgumentException if no group is given, or a group is null or empty
   */
  public static AssetSelection groups(String... groups) {
    if (groups == null || groups.length == 0) {
      throw new IllegalArgumentException(
          "AssetSelection.groups needs at least one group name, e.g. groups(\"finance\")");
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < groups.length; i++) {
      distinct.add(requireValue(groups[i], "Group " + i + " given to AssetSelection.groups"));
    }
    List<SelectionNode> nodes = new ArrayList<>(distinct.size());
    for (String group : distinct) {
      nodes.add(new SelectionNode.Group(group));
    }
    return new AssetSelection(SelectionNode.or(nodes));
  }

  /**
   * Selects the assets whose tag {@code key} has exactly {@code value}: {@code tag:key=value}.
   *
   * @param key the tag key
   * @param value the tag value; may be empty
   * @return the selection; a tag no asset carries selects nothing
   * @throws IllegalArgumentException if {@code key} is null or empty, or {@code value} is null
   */
  public static AssetSelection tag(String key, String value) {
    requireValue(key, "The tag key given to AssetSelection.tag");
    if (value == null) {
      throw new IllegalArgumentException(
          "The tag value given to AssetSelection.tag is null; use tag(\""
              + key
              + "\") to select the assets with the tag whatever its value");
    }
    return new AssetSelection(new SelectionNode.Tag(key, value));
  }

  /**
   * Selects the assets that carry the tag {@code key}, whatever its value: {@code tag:key}.
   *
   * @param key the tag key
   * @return the selection; a tag no asset carries selects nothing
   * @throws IllegalArgumentException if {@code key} is null or empty
   */
  public static AssetSelection tag(String key) {
    return new AssetSelection(
        new SelectionNode.Tag(requireValue(key, "The tag key given to AssetSelection.tag"), null));
  }

  /**
   * Selects the assets of a kind: {@code kind:sql}.
   *
   * @param kind the kind
   * @return the selection; a kind no asset has selects nothing
   * @throws IllegalArgumentException if {@code kind} is null or empty
   */
  public static AssetSelection kind(String kind) {
    return new AssetSelection(
        new SelectionNode.Kind(requireValue(kind, "The kind given to AssetSelection.kind")));
  }

  /**
   * Selects the assets with an owner: {@code owner:"team:data"}.
   *
   * @param owner the owner, such as {@code team:data} or {@code alice@example.com}
   * @return the selection; an owner of no asset selects nothing
   * @throws IllegalArgumentException if {@code owner} is null or empty
   */
  public static AssetSelection owner(String owner) {
    return new AssetSelection(
        new SelectionNode.Owner(requireValue(owner, "The owner given to AssetSelection.owner")));
  }

  /**
   * Adds every asset upstream of this selection, however far: {@code *x}.
   *
   * @return the selection and all its ancestors
   */
  public AssetSelection upstream() {
    return new AssetSelection(traverse(SelectionNode.ALL_LEVELS, 0));
  }

  /**
   * Adds the assets up to {@code depth} levels upstream of this selection: {@code 2+x}.
   *
   * @param depth how many levels; 1 adds the direct upstream assets
   * @return the selection and those ancestors
   * @throws IllegalArgumentException if {@code depth} is less than 1
   */
  public AssetSelection upstream(int depth) {
    return new AssetSelection(traverse(requireDepth(depth, "upstream"), 0));
  }

  /**
   * Adds every asset downstream of this selection, however far: {@code x*}.
   *
   * @return the selection and all its descendants
   */
  public AssetSelection downstream() {
    return new AssetSelection(traverse(0, SelectionNode.ALL_LEVELS));
  }

  /**
   * Adds the assets up to {@code depth} levels downstream of this selection: {@code x+2}.
   *
   * @param depth how many levels; 1 adds the direct downstream assets
   * @return the selection and those descendants
   * @throws IllegalArgumentException if {@code depth} is less than 1
   */
  public AssetSelection downstream(int depth) {
    return new AssetSelection(traverse(0, requireDepth(depth, "downstream")));
  }

  /**
   * Selects the assets both selections select: {@code x and y}.
   *
   * @param other the other selection
   * @return the intersection
   * @throws NullPointerException if {@code other} is null
   */
  public AssetSelection and(AssetSelection other) {
    Objects.requireNonNull(other, "other must not be null");
    return new AssetSelection(SelectionNode.and(List.of(node, other.node)));
  }

  /**
   * Selects the assets either selection selects: {@code x or y}.
   *
   * @param other the other selection
   * @return the union
   * @throws NullPointerException if {@code other} is null
   */
  public AssetSelection or(AssetSelection other) {
    Objects.requireNonNull(other, "other must not be null");
    return new AssetSelection(SelectionNode.or(List.of(node, other.node)));
  }

  /**
   * Selects every asset this selection does not select: {@code not x}.
   *
   * @return the complement
   */
  public AssetSelection not() {
    return new AssetSelection(new SelectionNode.Not(node));
  }

  /**
   * Selects the assets this selection selects and {@code other} does not: {@code x and not y}.
   *
   * @param other the selection to remove
   * @return the difference
   * @throws NullPointerException if {@code other} is null
   */
  public AssetSelection minus(AssetSelection other) {
    Objects.requireNonNull(other, "other must not be null");
    return and(other.not());
  }

  /**
   * Returns the keys of the assets of {@code graph} that this selection selects.
   *
   * <p>A key written exactly (without {@code *}) must exist in the graph. Everything else that
   * matches nothing simply selects nothing, as in Dagster: a key pattern, group, tag, kind or owner
   * that no asset has is not an error, so that a selection stays valid while assets come and go.
   * Upstream neighbours outside {@link AssetGraphView#keys()} (external assets) are never selected.
   * Resolution is linear in the size of the graph and iterative, so long chains are no problem.
   *
   * @param graph the graph to select from
   * @return the selected keys, unmodifiable, in the order of {@link AssetGraphView#keys()}
   * @throws UnknownAssetException if the selection names keys that the graph does not have; the
   *     message lists all of them, with suggestions
   * @throws NullPointerException if {@code graph} is null
   */
  public Set<AssetKey> resolve(AssetGraphView graph) {
    Objects.requireNonNull(graph, "graph must not be null");
    return SelectionResolver.resolve(node, graph, this::toExpression);
  }

  /**
   * Writes this selection in the syntax {@link #parse(String)} reads; parsing the result gives an
   * equal selection. Keys are always quoted, other values only when needed.
   *
   * @return the expression, e.g. {@code *key:"marts/revenue" and not tag:deprecated}
   */
  public String toExpression() {
    return ExpressionRenderer.render(node);
  }

  /**
   * Returns whether {@code other} is a selection with the same normalised tree.
   *
   * @param other the object to compare with
   * @return true if both select by the same expression
   */
  @Override
  public boolean equals(Object other) {
    return this == other || (other instanceof AssetSelection that && node.equals(that.node));
  }

  /**
   * Returns a hash code consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return node.hashCode();
  }

  /**
   * Returns the selection for people, such as {@code AssetSelection[group:finance and kind:sql]}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "AssetSelection[" + toExpression() + "]";
  }

  private SelectionNode traverse(int up, int down) {
    return new SelectionNode.Traverse(node, up, down);
  }

  private static int requireDepth(int depth, String method) {
    if (depth < 1) {
      throw new IllegalArgumentException(
          "AssetSelection."
              + method
              + "("
              + depth
              + ") needs a depth of at least 1; use "
              + method
              + "() for every level");
    }
    return depth;
  }

  private static String requireValue(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(
          what + " is " + (value == null ? "null" : "empty") + "; give a non-empty name");
    }
    return value;
  }
}
