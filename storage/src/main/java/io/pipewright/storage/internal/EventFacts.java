package io.pipewright.storage.internal;

import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.MaterializationPlannedPayload;
import io.pipewright.core.event.ObservationPayload;
import io.pipewright.core.snapshot.AssetKeySnapshot;

/**
 * The facts about an event that the event log indexes (its asset and partition), taken from its
 * payload, so that both adapters index exactly the same events.
 */
public final class EventFacts {

  private EventFacts() {}

  /**
   * Returns the asset an event is about.
   *
   * @param event the event
   * @return the asset, or null for events about no asset
   */
  public static AssetKeySnapshot assetKey(EventRecord event) {
    EventPayload payload = event.payload();
    if (payload instanceof MaterializationPayload p) {
      return p.assetKey();
    }
    if (payload instanceof ObservationPayload p) {
      return p.assetKey();
    }
    if (payload instanceof MaterializationPlannedPayload p) {
      return p.assetKey();
    }
    if (payload instanceof AssetCheckEvaluationPayload p) {
      return p.assetKey();
    }
    return null;
  }

  /**
   * Returns the partition an asset event is about.
   *
   * @param event the event
   * @return the partition, or null when none (or not an asset event)
   */
  public static String partition(EventRecord event) {
    EventPayload payload = event.payload();
    if (payload instanceof MaterializationPayload p) {
      return p.partition();
    }
    if (payload instanceof ObservationPayload p) {
      return p.partition();
    }
    if (payload instanceof MaterializationPlannedPayload p) {
      return p.partition();
    }
    if (payload instanceof AssetCheckEvaluationPayload p) {
      return p.partition();
    }
    return null;
  }
}
