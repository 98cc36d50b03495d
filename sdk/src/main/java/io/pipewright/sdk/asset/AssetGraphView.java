package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read-only view of an asset graph that {@link AssetSelection} and {@link Staleness} need: the
 * assets, their direct neighbours and the attributes selections filter on.
 *
 * <p>Implementations should answer each call cheaply (a map lookup) and never return null:
 * resolving a selection may call these methods once per asset, and a traversal calls {@link
 * #upstreamOf(AssetKey)} or {@link #downstreamOf(AssetKey)} once per asset it visits. The two
 * neighbour methods must agree: {@code b} is in {@code downstreamOf(a)} exactly when {@code a} is
 * in {@code upstreamOf(b)}.
 */
public interface AssetGraphView {

  /**
   * Returns the key of every asset of the graph.
   *
   * @return the keys, in a deterministic order that selections and staleness reports keep
   */
  Set<AssetKey> keys();

  /**
   * Returns the assets that {@code key} depends on directly.
   *
   * <p>The result may name assets that are not in {@link #keys()}: external (source) assets that
   * the graph references but does not define. Selection ignores them; {@link Staleness} documents
   * how it treats them.
   *
   * @param key a key from {@link #keys()}
   * @return the direct upstream neighbours; empty for a root asset
   */
  Set<AssetKey> upstreamOf(AssetKey key);

  /**
   * Returns the assets that depend on {@code key} directly.
   *
   * @param key a key from {@link #keys()}
   * @return the direct downstream neighbours; empty for a sink asset
   */
  Set<AssetKey> downstreamOf(AssetKey key);

  /**
   * Returns the group the asset belongs to.
   *
   * @param key a key from {@link #keys()}
   * @return the group name, or empty when the asset has none
   */
  Optional<String> groupOf(AssetKey key);

  /**
   * Returns the tags of the asset.
   *
   * @param key a key from {@link #keys()}
   * @return the tags, key to value; empty when the asset has none
   */
  Map<String, String> tagsOf(AssetKey key);

  /**
   * Returns the kinds of the asset, such as {@code sql} or {@code python}.
   *
   * @param key a key from {@link #keys()}
   * @return the kinds; empty when the asset has none
   */
  Set<String> kindsOf(AssetKey key);

  /**
   * Returns the owners of the asset, such as {@code team:data} or {@code alice@example.com}.
   *
   * @param key a key from {@link #keys()}
   * @return the owners; empty when the asset has none
   */
  Set<String> ownersOf(AssetKey key);

  /**
   * Whether an asset is external: declared so that others can depend on it, but not produced here.
   * Staleness leaves external assets out (they are never missing or stale).
   *
   * @param key the asset
   * @return true for external assets; false by default
   */
  default boolean isExternal(AssetKey key) {
    return false;
  }
}
