package io.pipewright.sdk.event;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.metadata.Metadata;

/**
 * Reports a materialization of an asset: the asset was (re)computed and stored, e.g. a table was
 * written.
 *
 * <pre>{@code
 * AssetMaterialization.of(AssetKey.of("warehouse", "orders"), Metadata.of("rows", 1200))
 *     .withPartition("2024-05-01");
 * }</pre>
 *
 * @param assetKey the asset; not null
 * @param description what happened, in words; may be null
 * @param metadata facts about the asset, e.g. a row count; null becomes empty
 * @param partition the partition that was materialized; null for unpartitioned assets
 */
public record AssetMaterialization(
    AssetKey assetKey, String description, Metadata metadata, String partition) {

  /**
   * Validates the materialization.
   *
   * @param assetKey the asset; not null
   * @param description what happened, in words; may be null
   * @param metadata facts about the asset, e.g. a row count; null becomes empty
   * @param partition the partition that was materialized; null for unpartitioned assets
   * @throws IllegalArgumentException if the asset key is null or the partition is blank
   */
  public AssetMaterialization {
    Checks.require(assetKey, "AssetMaterialization", "assetKey");
    Checks.nonBlankOrNull(partition, "AssetMaterialization", "partition");
    if (metadata == null) {
      metadata = Metadata.empty();
    }
  }

  /**
   * Creates a materialization of an asset, without description, metadata or partition.
   *
   * @param key the asset
   * @return the materialization
   */
  public static AssetMaterialization of(AssetKey key) {
    return new AssetMaterialization(key, null, Metadata.empty(), null);
  }

  /**
   * Creates a materialization of an asset with metadata.
   *
   * @param key the asset
   * @param metadata facts about the asset
   * @return the materialization
   */
  public static AssetMaterialization of(AssetKey key, Metadata metadata) {
    return new AssetMaterialization(key, null, metadata, null);
  }

  /**
   * Returns a copy with another description.
   *
   * @param description what happened, in words; may be null
   * @return the copy
   */
  public AssetMaterialization withDescription(String description) {
    return new AssetMaterialization(assetKey, description, metadata, partition);
  }

  /**
   * Returns a copy for a partition.
   *
   * @param partition the partition key; null for none
   * @return the copy
   */
  public AssetMaterialization withPartition(String partition) {
    return new AssetMaterialization(assetKey, description, metadata, partition);
  }

  /**
   * Returns a copy whose metadata is {@code metadata} (replacing, not merging, the current one).
   *
   * @param metadata the new metadata; null for none
   * @return the copy
   */
  public AssetMaterialization withMetadata(Metadata metadata) {
    return new AssetMaterialization(assetKey, description, metadata, partition);
  }
}
