package io.pipewright.sdk.event;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.metadata.Metadata;

/**
 * Reports an observation of an asset: facts about it were recorded without recomputing it, e.g. the
 * row count of a table maintained elsewhere.
 *
 * <pre>{@code
 * AssetObservation.of(AssetKey.of("warehouse", "orders"), Metadata.of("rows", 1200))
 *     .withPartition("2024-05-01");
 * }</pre>
 *
 * @param assetKey the asset; not null
 * @param description what happened, in words; may be null
 * @param metadata facts about the asset, e.g. a row count; null becomes empty
 * @param partition the partition that was observed; null for unpartitioned assets
 */
public record AssetObservation(
    AssetKey assetKey, String description, Metadata metadata, String partition) {

  /**
   * Validates the observation.
   *
   * @param assetKey the asset; not null
   * @param description what happened, in words; may be null
   * @param metadata facts about the asset, e.g. a row count; null becomes empty
   * @param partition the partition that was observed; null for unpartitioned assets
   * @throws IllegalArgumentException if the asset key is null or the partition is blank
   */
  public AssetObservation {
    Checks.require(assetKey, "AssetObservation", "assetKey");
    Checks.nonBlankOrNull(partition, "AssetObservation", "partition");
    if (metadata == null) {
      metadata = Metadata.empty();
    }
  }

  /**
   * Creates a observation of an asset, without description, metadata or partition.
   *
   * @param key the asset
   * @return the observation
   */
  public static AssetObservation of(AssetKey key) {
    return new AssetObservation(key, null, Metadata.empty(), null);
  }

  /**
   * Creates a observation of an asset with metadata.
   *
   * @param key the asset
   * @param metadata facts about the asset
   * @return the observation
   */
  public static AssetObservation of(AssetKey key, Metadata metadata) {
    return new AssetObservation(key, null, metadata, null);
  }

  /**
   * Returns a copy with another description.
   *
   * @param description what happened, in words; may be null
   * @return the copy
   */
  public AssetObservation withDescription(String description) {
    return new AssetObservation(assetKey, description, metadata, partition);
  }

  /**
   * Returns a copy for a partition.
   *
   * @param partition the partition key; null for none
   * @return the copy
   */
  public AssetObservation withPartition(String partition) {
    return new AssetObservation(assetKey, description, metadata, partition);
  }

  /**
   * Returns a copy whose metadata is {@code metadata} (replacing, not merging, the current one).
   *
   * @param metadata the new metadata; null for none
   * @return the copy
   */
  public AssetObservation withMetadata(Metadata metadata) {
    return new AssetObservation(assetKey, description, metadata, partition);
  }
}
