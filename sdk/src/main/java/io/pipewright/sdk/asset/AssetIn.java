package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.partition.PartitionMapping;
import io.pipewright.sdk.types.DataType;
import io.pipewright.sdk.types.Types;
import java.util.Objects;

/**
 * An upstream asset loaded as an input (Dagster's {@code AssetIn}): which asset, its type, and how
 * the partitions of the asset being computed map to the upstream's partitions.
 *
 * @param key the upstream asset
 * @param type the type the value is checked against (and deserialized to)
 * @param partitionMapping how partitions map, or {@code null} for the default mapping
 */
public record AssetIn(AssetKey key, DataType type, PartitionMapping partitionMapping) {

  /** Validates the components. */
  public AssetIn {
    Objects.requireNonNull(key, "key");
    type = type == null ? Types.ANY : type;
  }

  /**
   * An upstream asset of any type, with the default partition mapping.
   *
   * @param key the upstream asset
   * @return the input
   */
  public static AssetIn of(AssetKey key) {
    return new AssetIn(key, Types.ANY, null);
  }

  /**
   * A typed upstream asset.
   *
   * @param key the upstream asset
   * @param type its type
   * @return the input
   */
  public static AssetIn of(AssetKey key, DataType type) {
    return new AssetIn(key, type, null);
  }

  /**
   * Returns a copy with a partition mapping.
   *
   * @param mapping the mapping
   * @return the new input
   */
  public AssetIn withPartitionMapping(PartitionMapping mapping) {
    return new AssetIn(key, type, mapping);
  }
}
