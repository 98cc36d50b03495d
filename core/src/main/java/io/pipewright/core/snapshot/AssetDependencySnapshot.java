package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/**
 * One upstream asset of an asset, and how their partitions map.
 *
 * @param key the upstream asset's key; not null
 * @param partitionMapping how partitions map, or null for the default (identity between equal
 *     definitions, all otherwise)
 */
public record AssetDependencySnapshot(
    AssetKeySnapshot key, PartitionMappingSnapshot partitionMapping) {

  /** Validates the key. */
  public AssetDependencySnapshot {
    Checks.require(key, "AssetDependencySnapshot", "key");
  }

  /**
   * Returns a dependency with the default partition mapping.
   *
   * @param key the upstream asset
   * @return the dependency
   */
  public static AssetDependencySnapshot on(AssetKeySnapshot key) {
    return new AssetDependencySnapshot(key, null);
  }
}
