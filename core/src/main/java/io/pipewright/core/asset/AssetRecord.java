package io.pipewright.core.asset;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import java.time.Instant;

/**
 * One asset as the event log knows it (Dagster's {@code asset_keys} row): an asset appears once any
 * event about it is stored (planned or done materialization, observation, check evaluation).
 *
 * @param assetKey the asset; not null
 * @param lastMaterializationEventId the storage id of its latest materialization; null when none
 * @param lastMaterializationRunId the run of that materialization; null when none
 * @param lastMaterializationTime when that materialization happened; null when none
 * @param lastObservationEventId the storage id of its latest observation; null when none
 * @param lastObservationTime when that observation happened; null when none
 */
public record AssetRecord(
    AssetKeySnapshot assetKey,
    Long lastMaterializationEventId,
    String lastMaterializationRunId,
    Instant lastMaterializationTime,
    Long lastObservationEventId,
    Instant lastObservationTime) {

  /** Validates the components. */
  public AssetRecord {
    Checks.require(assetKey, "AssetRecord", "assetKey");
  }
}
