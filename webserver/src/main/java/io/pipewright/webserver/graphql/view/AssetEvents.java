package io.pipewright.webserver.graphql.view;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventQuery;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.run.Await;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * An asset's materialization and observation events as Dagster's {@code MaterializationEvent} and
 * {@code ObservationEvent}, newest first, filtered as {@code assetMaterializations(partitions,
 * beforeTimestampMillis, afterTimestampMillis, limit)} asks.
 */
@ApplicationScoped
public class AssetEvents {

  /** Events answered when no limit is given (Dagster answers all; that does not scale). */
  public static final int DEFAULT_LIMIT = 1000;

  /** The largest limit accepted. */
  public static final int MAX_LIMIT = 10_000;

  /** How many events one read of the log asks for while filtering by time. */
  private static final int PAGE = 500;

  private final EventLog events;
  private final RunViews runViews;

  /**
   * Creates the views.
   *
   * @param events the event log
   * @param runViews the runs and step statistics the events refer to
   */
  @Inject
  public AssetEvents(EventLog events, RunViews runViews) {
    this.events = events;
    this.runViews = runViews;
  }

  /**
   * Lists an asset's events of one type, newest first.
   *
   * @param type {@link DagsterEventType#ASSET_MATERIALIZATION} or {@link
   *     DagsterEventType#ASSET_OBSERVATION}
   * @param key the asset
   * @param partitions only these partitions; null for any
   * @param beforeMillis only events before this time (unix milliseconds as a string); null for any
   * @param afterMillis only events after this time; null for any
   * @param limit at most this many; null for {@link #DEFAULT_LIMIT}
   * @return the event objects
   * @throws BadArgumentException for a limit out of range or a time that is not a number
   */
  public List<GqlObject> list(
      DagsterEventType type,
      AssetKeySnapshot key,
      List<String> partitions,
      String beforeMillis,
      String afterMillis,
      Integer limit) {
    int size = limit(limit);
    Instant before = millis(beforeMillis, "beforeTimestampMillis");
    Instant after = millis(afterMillis, "afterTimestampMillis");
    List<StoredEvent> found = new ArrayList<>();
    if (partitions == null) {
      found.addAll(read(type, key, null, before, after, size));
    } else {
      for (String partition : partitions) {
        found.addAll(read(type, key, partition, before, after, size));
      }
      found.sort(Comparator.comparingLong(StoredEvent::id).reversed());
    }
    List<GqlObject> objects = new ArrayList<>();
    for (StoredEvent event : found.subList(0, Math.min(size, found.size()))) {
      objects.add(event(event));
    }
    return objects;
  }

  /**
   * Returns the latest event of one type for one partition.
   *
   * @param type the event type
   * @param key the asset
   * @param partition the partition; null for any
   * @return the event object, or null when there is none
   */
  public GqlObject latest(DagsterEventType type, AssetKeySnapshot key, String partition) {
    List<StoredEvent> found = read(type, key, partition, null, null, 1);
    return found.isEmpty() ? null : event(found.get(0));
  }

  /**
   * Returns a stored event as its GraphQL object.
   *
   * @param event the event
   * @return the object
   */
  public GqlObject event(StoredEvent event) {
    return EventViews.event(event, null, runViews);
  }

  /** Reads newest first, page by page while the time filter drops events, up to {@code size}. */
  private List<StoredEvent> read(
      DagsterEventType type,
      AssetKeySnapshot key,
      String partition,
      Instant before,
      Instant after,
      int size) {
    List<StoredEvent> kept = new ArrayList<>();
    long beforeId = Long.MAX_VALUE;
    boolean filtered = before != null || after != null;
    while (kept.size() < size) {
      int page = filtered ? PAGE : size - kept.size();
      List<StoredEvent> batch =
          Await.of(
              events.query(
                  new EventQuery(Set.of(type), key, partition, null, 0, beforeId, page, false)));
      for (StoredEvent event : batch) {
        Instant at = event.event().timestamp();
        if (after != null && !at.isAfter(after)) {
          return kept; // Newest first: every later event is older still.
        }
        if ((before == null || at.isBefore(before)) && kept.size() < size) {
          kept.add(event);
        }
      }
      if (batch.size() < page) {
        break;
      }
      beforeId = batch.get(batch.size() - 1).id();
    }
    return kept;
  }

  private static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadArgumentException(
          "limit must be 1 to "
              + MAX_LIMIT
              + ", got "
              + limit
              + "; page with beforeTimestampMillis");
    }
    return limit;
  }

  private static Instant millis(String value, String argument) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.ofEpochMilli((long) Double.parseDouble(value));
    } catch (NumberFormatException e) {
      throw new BadArgumentException(
          argument
              + " must be unix milliseconds as a string, such as \"1700000000000\"; got '"
              + value
              + "'");
    }
  }
}
