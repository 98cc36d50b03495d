package io.pipewright.sdk.asset;

import io.pipewright.sdk.AssetKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Staleness} needs to know about one materialization of an asset, taken from the event
 * log.
 *
 * @param key the asset that was materialized
 * @param eventId the event log cursor of the materialization event; ids grow monotonically, so a
 *     larger id is a later materialization
 * @param timestamp when the materialization happened
 * @param codeVersion the code version of the asset when it was materialized, or null if it had none
 * @param upstreamEventIds for each upstream asset, the event id of the materialization whose data
 *     this one was computed from; may be empty when that was not recorded. Copied defensively.
 */
public record MaterializationRecord(
    AssetKey key,
    long eventId,
    Instant timestamp,
    String codeVersion,
    Map<AssetKey, Long> upstreamEventIds) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if {@code key}, {@code timestamp} or {@code upstreamEventIds} is
   *     null, or {@code upstreamEventIds} holds a null key or value
   * @throws IllegalArgumentException if {@code eventId} is negative
   */
  public MaterializationRecord {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(timestamp, "timestamp must not be null");
    Objects.requireNonNull(
        upstreamEventIds, "upstreamEventIds must not be null; pass Map.of() when not recorded");
    if (eventId < 0) {
      throw new IllegalArgumentException(
          "eventId of the materialization of " + key + " is " + eventId + "; it must be >= 0");
    }
    Map<AssetKey, Long> copy = new HashMap<>(Math.max(4, upstreamEventIds.size() * 2));
    for (Map.Entry<AssetKey, Long> entry : upstreamEventIds.entrySet()) {
      copy.put(
          Objects.requireNonNull(
              entry.getKey(),
              "upstreamEventIds of the materialization of " + key + " has a null key"),
          Objects.requireNonNull(
              entry.getValue(),
              "upstreamEventIds of the materialization of "
                  + key
                  + " maps "
                  + entry.getKey()
                  + " to null"));
    }
    upstreamEventIds = Map.copyOf(copy);
  }
}
