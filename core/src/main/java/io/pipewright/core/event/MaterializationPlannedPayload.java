package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;

/**
 * Payload of {@link DagsterEventType#ASSET_MATERIALIZATION_PLANNED} (the sdk's {@code
 * MaterializationPlannedData}).
 *
 * @param assetKey the asset; not null
 * @param partition the partition planned; null for an unpartitioned asset
 */
public record MaterializationPlannedPayload(AssetKeySnapshot assetKey, String partition)
    implements EventPayload {

  /** Validates the components. */
  public MaterializationPlannedPayload {
    Checks.require(assetKey, "MaterializationPlannedPayload", "assetKey");
    Checks.optionalNonBlank(partition, "MaterializationPlannedPayload", "partition");
  }
}
