package io.pipewright.core.event;

import io.pipewright.core.snapshot.AssetKeySnapshot;
import java.util.Set;

/**
 * Events across runs, for asset and event history queries: Dagster's {@code EventRecordsFilter}.
 * The parts that are set must all match.
 *
 * @param types only these event types; empty for any
 * @param assetKey only events of this asset (materializations, observations, check evaluations,
 *     planned materializations); null for any
 * @param partition only events of this partition; null for any (requires {@code assetKey})
 * @param runId only events of this run; null for any
 * @param afterId only events with a larger storage id; 0 for no bound
 * @param beforeId only events with a smaller storage id; {@link Long#MAX_VALUE} for no bound
 * @param limit at most this many events; 1 or more
 * @param ascending oldest first when true, newest first otherwise
 */
public record EventQuery(
    Set<DagsterEventType> types,
    AssetKeySnapshot assetKey,
    String partition,
    String runId,
    long afterId,
    long beforeId,
    int limit,
    boolean ascending) {

  /** Validates the components. */
  public EventQuery {
    types = types == null ? Set.of() : Set.copyOf(types);
    if (partition != null && assetKey == null) {
      throw new IllegalArgumentException(
          "EventQuery filters on partition '" + partition + "' without an asset key; set both");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("EventQuery needs a limit of 1 or more, got " + limit);
    }
    if (afterId < 0 || beforeId < 1) {
      throw new IllegalArgumentException(
          "EventQuery needs afterId >= 0 and beforeId >= 1, got " + afterId + " and " + beforeId);
    }
  }

  /**
   * The latest events of one type for one asset, newest first.
   *
   * @param type the event type
   * @param assetKey the asset
   * @param limit at most this many
   * @return the query
   */
  public static EventQuery latest(DagsterEventType type, AssetKeySnapshot assetKey, int limit) {
    return new EventQuery(Set.of(type), assetKey, null, null, 0, Long.MAX_VALUE, limit, false);
  }
}
