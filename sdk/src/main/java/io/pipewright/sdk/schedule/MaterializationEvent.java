package io.pipewright.sdk.schedule;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.metadata.Metadata;
import java.time.Instant;
import java.util.Objects;

/**
 * One materialization of an asset, as an asset sensor sees it: taken from the event log, where the
 * event id is the position (ids grow, so a larger id is a later event) and the sensors' cursor.
 *
 * @param eventId the event log id of the materialization event
 * @param runId the run that materialized the asset
 * @param timestamp when it was materialized
 * @param assetKey the asset
 * @param partition the partition materialized, or null for an unpartitioned asset
 * @param metadata the materialization's metadata; never null (empty when not given)
 */
public record MaterializationEvent(
    long eventId,
    String runId,
    Instant timestamp,
    AssetKey assetKey,
    String partition,
    Metadata metadata) {

  /**
   * Validates the components; null metadata becomes empty.
   *
   * @param eventId the event log id of the materialization event
   * @param runId the run that materialized the asset
   * @param timestamp when it was materialized
   * @param assetKey the asset
   * @param partition the partition materialized, or null for an unpartitioned asset
   * @param metadata the materialization's metadata; never null (empty when not given)
   * @throws NullPointerException if the run id, timestamp or asset key is null
   */
  public MaterializationEvent {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(assetKey, "assetKey");
    metadata = metadata == null ? Metadata.empty() : metadata;
  }
}
