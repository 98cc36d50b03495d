package io.pipewright.sdk.event;

import io.pipewright.sdk.AssetKey;
import java.util.Objects;

/**
 * Payload of {@link EventType#ASSET_MATERIALIZATION_PLANNED}: a run intends to materialize an asset
 * (or one partition of it). Emitted when the run starts, so that a UI can show what is in flight.
 *
 * @param assetKey the asset
 * @param partition the partition key, or {@code null} for an unpartitioned asset
 */
public record MaterializationPlannedData(AssetKey assetKey, String partition) implements EventData {
  /** Validates the components. */
  public MaterializationPlannedData {
    Objects.requireNonNull(assetKey, "assetKey");
  }
}
