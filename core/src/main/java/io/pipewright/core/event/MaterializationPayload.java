package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import java.util.List;

/**
 * Payload of {@link DagsterEventType#ASSET_MATERIALIZATION} (the sdk's {@code MaterializationData}
 * and its {@code AssetMaterialization}).
 *
 * @param assetKey the asset; not null
 * @param description what happened, in words; may be null
 * @param metadata facts about the asset, such as a row count
 * @param partition the partition materialized; null for an unpartitioned asset
 */
public record MaterializationPayload(
    AssetKeySnapshot assetKey,
    String description,
    List<MetadataEntrySnapshot> metadata,
    String partition)
    implements EventPayload {

  /** Validates and copies the components. */
  public MaterializationPayload {
    Checks.require(assetKey, "MaterializationPayload", "assetKey");
    metadata = MetadataEntrySnapshot.copyOf(metadata, "MaterializationPayload");
    Checks.optionalNonBlank(partition, "MaterializationPayload", "partition");
  }
}
