package io.pipewright.core.codelocation;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import java.time.Instant;

/**
 * A materialization an asset or multi-asset sensor is told about: one {@code ASSET_MATERIALIZATION}
 * event of a monitored asset, after the sensor's cursor. The event id is the cursor asset sensors
 * keep.
 *
 * @param eventId the event's id in the event log; positive
 * @param runId the run that materialized the asset; non-blank
 * @param timestamp when; not null
 * @param assetKey the asset; not null
 * @param partition the partition; null when not partitioned
 */
public record SensorMaterialization(
    long eventId, String runId, Instant timestamp, AssetKeySnapshot assetKey, String partition) {

  /** Validates the components. */
  public SensorMaterialization {
    if (eventId < 1) {
      throw new IllegalArgumentException(
          "SensorMaterialization needs an event id of 1 or more, got " + eventId);
    }
    Checks.requireNonBlank(runId, "SensorMaterialization", "runId");
    Checks.require(timestamp, "SensorMaterialization", runId, "timestamp");
    Checks.require(assetKey, "SensorMaterialization", runId, "assetKey");
  }
}
