package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link AssetGraphView} built by hand, with assets in the order they were first named. Edges
 * from a key never declared with {@link #asset} make that key an external (upstream-only) asset.
 */
final class InMemoryAssetGraph implements AssetGraphView {

  private final Map<AssetKey, Set<AssetKey>> upstream = new LinkedHashMap<>();
  private final Map<AssetKey, Set<AssetKey>> downstream = new LinkedHashMap<>();
  private final Map<AssetKey, String> groups = new LinkedHashMap<>();
  private final Map<AssetKey, Map<String, String>> tags = new LinkedHashMap<>();
  private final Map<AssetKey, Set<String>> kinds = new LinkedHashMap<>();
  private final Map<AssetKey, Set<String>> owners = new LinkedHashMap<>();

  static AssetKey key(String userString) {
    return AssetKey.fromUserString(userString);
  }

  InMemoryAssetGraph asset(String key) {
    AssetKey assetKey = key(key);
    upstream.computeIfAbsent(assetKey, k -> new LinkedHashSet<>());
    downstream.computeIfAbsent(assetKey, k -> new LinkedHashSet<>());
    return this;
  }

  InMemoryAssetGraph group(String key, String group) {
    asset(key);
    groups.put(key(key), group);
    return this;
  }

  InMemoryAssetGraph tag(String key, String tagKey, String tagValue) {
    asset(key);
    tags.computeIfAbsent(key(key), k -> new LinkedHashMap<>()).put(tagKey, tagValue);
    return this;
  }

  InMemoryAssetGraph kind(String key, String kind) {
    asset(key);
    kinds.computeIfAbsent(key(key), k -> new LinkedHashSet<>()).add(kind);
    return this;
  }

  InMemoryAssetGraph owner(String key, String owner) {
    asset(key);
    owners.computeIfAbsent(key(key), k -> new LinkedHashSet<>()).add(owner);
    return this;
  }

  /** Adds the edge {@code from -> to}: {@code to} depends on {@code from}; both become assets. */
  InMemoryAssetGraph edge(String from, String to) {
    asset(from);
    asset(to);
    downstream.get(key(from)).add(key(to));
    upstream.get(key(to)).add(key(from));
    return this;
  }

  /**
   * Makes {@code to} depend on the external asset {@code from}, which is not in {@link #keys()}.
   */
  InMemoryAssetGraph external(String from, String to) {
    asset(to);
    upstream.get(key(to)).add(key(from));
    return this;
  }

  /** The chain n0 -> n1 -> ... -> n(size - 1). */
  static InMemoryAssetGraph chain(int size) {
    InMemoryAssetGraph graph = new InMemoryAssetGraph().asset("n0");
    for (int i = 1; i < size; i++) {
      graph.edge("n" + (i - 1), "n" + i);
    }
    return graph;
  }

  /** The chain {@code keys[0] -> keys[1] -> ...}. */
  static InMemoryAssetGraph chainOf(String... keys) {
    InMemoryAssetGraph graph = new InMemoryAssetGraph().asset(keys[0]);
    for (int i = 1; i < keys.length; i++) {
      graph.edge(keys[i - 1], keys[i]);
    }
    return graph;
  }

  @Override
  public Set<AssetKey> keys() {
    return upstream.keySet();
  }

  @Override
  public Set<AssetKey> upstreamOf(AssetKey key) {
    return upstream.get(key);
  }

  @Override
  public Set<AssetKey> downstreamOf(AssetKey key) {
    return downstream.get(key);
  }

  @Override
  public Optional<String> groupOf(AssetKey key) {
    return Optional.ofNullable(groups.get(key));
  }

  @Override
  public Map<String, String> tagsOf(AssetKey key) {
    return tags.getOrDefault(key, Map.of());
  }

  @Override
  public Set<String> kindsOf(AssetKey key) {
    return kinds.getOrDefault(key, Set.of());
  }

  @Override
  public Set<String> ownersOf(AssetKey key) {
    return owners.getOrDefault(key, Set.of());
  }
}
