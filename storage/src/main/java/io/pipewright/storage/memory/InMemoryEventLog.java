package io.pipewright.storage.memory;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPage;
import io.pipewright.core.event.EventQuery;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.IngestResult;
import io.pipewright.core.event.RunEventsAppended;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.storage.internal.Failures;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * An {@link EventLog} in memory. It keeps the asset index of the same {@link InMemoryStorage} up to
 * date with every stored event, under the same lock, as the PostgreSQL adapter does in one
 * transaction.
 */
public final class InMemoryEventLog implements EventLog {

  /**
   * Notifications a subscriber may fall behind by before its stream fails with a back-pressure
   * failure (it then subscribes again and re-reads after its cursor; nothing is lost).
   */
  static final int NOTIFICATION_BUFFER = 65_536;

  private final EventState state;
  private final BroadcastProcessor<RunEventsAppended> notifications = BroadcastProcessor.create();
  private final Object emitLock = new Object();

  InMemoryEventLog(EventState state) {
    this.state = state;
  }

  @Override
  public Uni<IngestResult> ingest(StepEventBatch batch) {
    return state
        .guard
        .call(
            () -> {
              EventState.Attempt attempt =
                  new EventState.Attempt(batch.runId(), batch.stepKey(), batch.attempt());
              TreeMap<Long, Long> seen = state.sequences.get(attempt);
              int accepted = 0;
              int duplicates = 0;
              long lastId = 0;
              for (EventRecord event : batch.events()) {
                if (seen != null && seen.containsKey(event.sequence())) {
                  duplicates++;
                  continue;
                }
                lastId = state.store(event, event.sequence()).id();
                seen = state.sequences.get(attempt);
                accepted++;
              }
              long highest = seen == null || seen.isEmpty() ? -1 : seen.lastKey();
              Map<String, Long> notify = accepted == 0 ? Map.of() : Map.of(batch.runId(), lastId);
              return new Outcome<>(new IngestResult(accepted, duplicates, highest), notify);
            })
        .invoke(this::emit)
        .map(Outcome::value);
  }

  @Override
  public Uni<List<StoredEvent>> append(List<EventRecord> events) {
    return state
        .guard
        .call(
            () -> {
              List<StoredEvent> stored = new ArrayList<>(events.size());
              Map<String, Long> notify = new LinkedHashMap<>();
              for (EventRecord event : events) {
                StoredEvent s = state.store(event, null).stored;
                stored.add(s);
                notify.put(event.runId(), s.id());
              }
              return new Outcome<>(List.copyOf(stored), notify);
            })
        .invoke(this::emit)
        .map(Outcome::value);
  }

  private void emit(Outcome<?> outcome) {
    if (outcome.notifications().isEmpty()) {
      return;
    }
    synchronized (emitLock) {
      outcome
          .notifications()
          .forEach((run, id) -> notifications.onNext(new RunEventsAppended(run, id)));
    }
  }

  @Override
  public Uni<EventPage> eventsForRun(String runId, long afterId, int limit) {
    return state.guard.call(
        () -> {
          Failures.requireLimit(limit);
          TreeMap<Long, EventState.Entry> run = state.byRun.get(runId);
          if (run == null) {
            return new EventPage(List.of(), afterId, false);
          }
          NavigableMap<Long, EventState.Entry> tail = run.tailMap(afterId, false);
          List<StoredEvent> page = new ArrayList<>(Math.min(limit, tail.size()));
          for (EventState.Entry e : tail.values()) {
            if (page.size() == limit) {
              break;
            }
            page.add(e.stored);
          }
          long cursor = page.isEmpty() ? afterId : page.get(page.size() - 1).id();
          return new EventPage(page, cursor, tail.size() > page.size());
        });
  }

  @Override
  public Uni<List<StoredEvent>> query(EventQuery query) {
    return state.guard.call(
        () -> {
          String key = query.assetKey() == null ? null : query.assetKey().toUserString();
          NavigableMap<Long, EventState.Entry> range =
              query.runId() == null
                  ? state.byId
                  : state.byRun.getOrDefault(query.runId(), new TreeMap<>());
          if (query.afterId() >= query.beforeId()) {
            return List.of();
          }
          range = range.subMap(query.afterId(), false, query.beforeId(), false);
          Iterable<EventState.Entry> ordered =
              query.ascending() ? range.values() : range.descendingMap().values();
          List<StoredEvent> out = new ArrayList<>();
          for (EventState.Entry e : ordered) {
            if (out.size() == query.limit()) {
              break;
            }
            if (!query.types().isEmpty() && !query.types().contains(e.event().type())) {
              continue;
            }
            if (key != null && !key.equals(e.assetKey)) {
              continue;
            }
            if (query.partition() != null && !query.partition().equals(e.partition)) {
              continue;
            }
            out.add(e.stored);
          }
          return List.copyOf(out);
        });
  }

  @Override
  public Uni<Long> deleteRun(String runId) {
    return state.guard.call(
        () -> {
          TreeMap<Long, EventState.Entry> run = state.byRun.get(runId);
          state.removeChecksOfRun(runId);
          return run == null ? 0L : state.remove(new ArrayList<>(run.values()));
        });
  }

  @Override
  public Uni<Long> deleteBefore(Instant cutoff) {
    return state.guard.call(
        () -> {
          Set<Long> pinned = state.pinned();
          List<EventState.Entry> doomed = new ArrayList<>();
          for (EventState.Entry e : state.byId.values()) {
            if (e.event().timestamp().isBefore(cutoff) && !pinned.contains(e.id())) {
              doomed.add(e);
            }
          }
          return state.remove(doomed);
        });
  }

  @Override
  public Multi<RunEventsAppended> appended() {
    return notifications.onOverflow().buffer(NOTIFICATION_BUFFER);
  }

  /** A result plus the notifications to send once the lock is released. */
  private record Outcome<T>(T value, Map<String, Long> notifications) {}
}
