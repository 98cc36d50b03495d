package io.pipewright.daemon.sensor;

import io.pipewright.core.codelocation.SensorMaterialization;
import io.pipewright.core.codelocation.SensorRunStatus;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventQuery;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.RunFailurePayload;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.daemon.schedule.InstigationStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the events a sensor reacts to from the event log, for its evaluation request: the
 * materializations of an asset sensor's assets after its cursor (an event id), and the runs that
 * reached a run-status sensor's status after its cursor.
 */
final class SensorEvents {

  private final InstigationStores stores;
  private final int limit;
  private final Duration timeout;

  SensorEvents(InstigationStores stores, int limit, Duration timeout) {
    this.stores = stores;
    this.limit = limit;
    this.timeout = timeout;
  }

  /** The materializations to send: after the cursor for asset sensors, the latest for others. */
  List<SensorMaterialization> materializations(SensorSnapshot sensor, String cursor) {
    if (sensor.kind() != SensorSnapshot.Kind.ASSET
        && sensor.kind() != SensorSnapshot.Kind.MULTI_ASSET) {
      return List.of();
    }
    List<SensorMaterialization> out = new ArrayList<>();
    long after = sensor.kind() == SensorSnapshot.Kind.ASSET ? eventId(cursor) : 0;
    for (AssetKeySnapshot asset : sensor.monitoredAssets()) {
      // Asset sensors walk forward from their cursor; multi-asset sensors keep a cursor per asset
      // (their own JSON), so they get the latest events and pick the unconsumed ones themselves.
      boolean forward = sensor.kind() == SensorSnapshot.Kind.ASSET;
      EventQuery query =
          new EventQuery(
              Set.of(DagsterEventType.ASSET_MATERIALIZATION),
              asset,
              null,
              null,
              after,
              Long.MAX_VALUE,
              limit,
              forward);
      for (StoredEvent stored : stores.events().query(query).await().atMost(timeout)) {
        if (stored.event().payload() instanceof MaterializationPayload m) {
          out.add(
              new SensorMaterialization(
                  stored.id(),
                  stored.event().runId(),
                  stored.event().timestamp(),
                  m.assetKey(),
                  m.partition()));
        }
      }
    }
    out.sort(Comparator.comparingLong(SensorMaterialization::eventId));
    return out;
  }

  /** The runs that reached the monitored status after the cursor (the latest one without one). */
  List<SensorRunStatus> runStatuses(SensorSnapshot sensor, String cursor) {
    if (sensor.kind() != SensorSnapshot.Kind.RUN_STATUS) {
      return List.of();
    }
    DagsterEventType type = endEvent(sensor.monitoredRunStatus());
    if (type == null) {
      return List.of();
    }
    boolean initializing = cursor == null;
    EventQuery query =
        new EventQuery(
            Set.of(type),
            null,
            null,
            null,
            initializing ? 0 : eventId(cursor),
            Long.MAX_VALUE,
            initializing ? 1 : limit,
            !initializing);
    List<StoredEvent> ends = stores.events().query(query).await().atMost(timeout);
    if (ends.isEmpty()) {
      return List.of();
    }
    List<String> runIds = new ArrayList<>();
    for (StoredEvent end : ends) {
      runIds.add(end.event().runId());
    }
    Map<String, Run> runs = new HashMap<>();
    for (Run run :
        stores
            .runs()
            .list(RunFilter.builder().runIds(runIds).build(), null, runIds.size())
            .await()
            .atMost(timeout)) {
      runs.put(run.runId(), run);
    }
    List<SensorRunStatus> out = new ArrayList<>();
    for (StoredEvent end : ends) {
      Run run = runs.get(end.event().runId());
      if (run == null) {
        continue; // Deleted since.
      }
      String failure = end.event().payload() instanceof RunFailurePayload f ? f.reason() : null;
      out.add(
          new SensorRunStatus(
              end.id(),
              run.runId(),
              run.jobName(),
              sensor.monitoredRunStatus(),
              run.tags(),
              end.event().timestamp(),
              failure));
    }
    out.sort(Comparator.comparingLong(SensorRunStatus::eventId));
    return out;
  }

  private static DagsterEventType endEvent(RunStatus status) {
    return switch (status) {
      case SUCCESS -> DagsterEventType.RUN_SUCCESS;
      case FAILURE -> DagsterEventType.RUN_FAILURE;
      case CANCELED -> DagsterEventType.RUN_CANCELED;
      case STARTED -> DagsterEventType.RUN_START;
      default -> null;
    };
  }

  private static long eventId(String cursor) {
    if (cursor == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(cursor.strip()));
    } catch (NumberFormatException e) {
      return 0; // An unreadable cursor is no cursor, as in Dagster.
    }
  }
}
