package io.pipewright.daemon.orchestrator;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventPage;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.run.IllegalRunTransitionException;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunConflictException;
import io.pipewright.core.run.RunStatus;
import io.pipewright.daemon.DaemonStores;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The orchestrator's store calls for many runs at once: one cycle reads the new events of every run
 * with news in one call ({@link io.pipewright.core.event.EventLog#eventsForRuns}, one statement on
 * PostgreSQL), appends every run's decided events in one call, and moves every run's status side by
 * side, so that a cycle costs a few round trips to the database however many runs it drives.
 */
final class BatchIo {

  /** Run-level events written by others that may mean the run's row changed (a cancel). */
  private static final Set<DagsterEventType> ROW_CHANGES =
      Set.of(
          DagsterEventType.RUN_CANCELING,
          DagsterEventType.RUN_CANCELED,
          DagsterEventType.RUN_FAILURE);

  /**
   * Runs per read: a cycle usually reads a few; a takeover or a resync reads many, whose pages are
   * then split over several calls side by side rather than one huge answer.
   */
  private static final int RUNS_PER_READ = 100;

  /** Calls in flight at once: the store's connection pool serves them side by side. */
  private static final int CONCURRENCY = 32;

  private final DaemonStores stores;
  private final Duration timeout;

  BatchIo(DaemonStores stores, Duration timeout) {
    this.stores = stores;
    this.timeout = timeout;
  }

  /**
   * Runs one call per item, {@link #CONCURRENCY} at a time, and returns the answers in order. When
   * a call fails, the others already sent are waited for before the failure is thrown: a failed
   * cycle drops the daemon's view and rebuilds it from storage, which must not be overtaken by a
   * write of the failed cycle landing later.
   */
  <T, R> List<R> each(List<T> items, Function<T, Uni<R>> call) {
    List<R> answers = new ArrayList<>(items.size());
    for (int from = 0; from < items.size(); from += CONCURRENCY) {
      List<Uni<R>> calls = new ArrayList<>();
      for (T item : items.subList(from, Math.min(items.size(), from + CONCURRENCY))) {
        calls.add(call.apply(item));
      }
      answers.addAll(Uni.join().all(calls).andCollectFailures().await().atMost(timeout));
    }
    return answers;
  }

  /**
   * Reads the new events of the runs that may have some, and applies them to their views; a run
   * whose events say its row changed (a cancel) is marked to be read again.
   */
  void readNewEvents(List<RunState> batch, int pageSize) {
    List<RunState> pending = new ArrayList<>();
    for (RunState state : batch) {
      if (state.eventsPending) {
        state.eventsPending = false;
        pending.add(state);
      }
    }
    while (!pending.isEmpty()) {
      // One call per chunk of runs (one round trip each on PostgreSQL), chunks side by side.
      List<Map<String, Long>> chunks = new ArrayList<>();
      for (int from = 0; from < pending.size(); from += RUNS_PER_READ) {
        Map<String, Long> cursors = new LinkedHashMap<>();
        for (RunState state :
            pending.subList(from, Math.min(pending.size(), from + RUNS_PER_READ))) {
          cursors.put(state.runId(), state.cursor);
        }
        chunks.add(cursors);
      }
      Map<String, EventPage> pages = new HashMap<>();
      for (Map<String, EventPage> read :
          each(chunks, cursors -> stores.events().eventsForRuns(cursors, pageSize))) {
        pages.putAll(read);
      }
      List<RunState> more = new ArrayList<>();
      for (RunState state : pending) {
        EventPage page = pages.get(state.runId());
        for (StoredEvent stored : page.events()) {
          EventRecord event = stored.event();
          state.progress.apply(event);
          state.outputs.apply(event);
          if (event.stepKey() == null && ROW_CHANGES.contains(event.type())) {
            state.reloadRun = true;
          }
        }
        state.cursor = page.cursor();
        if (page.hasMore()) {
          more.add(state);
        }
      }
      pending = more;
    }
  }

  /**
   * Reads again the rows of the runs marked so.
   *
   * @return the runs that no longer exist
   */
  List<RunState> reload(List<RunState> batch) {
    List<RunState> stale = new ArrayList<>();
    for (RunState state : batch) {
      if (state.reloadRun) {
        state.reloadRun = false;
        stale.add(state);
      }
    }
    if (stale.isEmpty()) {
      return List.of();
    }
    List<Optional<Run>> rows = each(stale, s -> stores.runs().find(s.runId()));
    List<RunState> deleted = new ArrayList<>();
    for (int i = 0; i < stale.size(); i++) {
      if (rows.get(i).isEmpty()) {
        deleted.add(stale.get(i));
      } else {
        stale.get(i).run = rows.get(i).get();
      }
    }
    return deleted;
  }

  /**
   * Appends the events of many runs in one call, each run's in order.
   *
   * @return the stored events, in the same order
   */
  List<StoredEvent> append(List<EventRecord> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    return stores.events().append(events).await().atMost(timeout);
  }

  /** A status change to make: the run's id, the status it must have, the next one. */
  record Order(String runId, RunStatus expected, RunStatus next) {}

  /**
   * What a commit stored.
   *
   * @param events the stored events, in the order sent
   * @param moved per order, the changed run, or empty when the run had changed under the daemon
   */
  record Committed(List<StoredEvent> events, List<Optional<Run>> moved) {}

  /**
   * Sends the events of many runs in one call, each run's in order, then, once they are stored,
   * moves the runs' statuses side by side; does not wait for any of it.
   *
   * @return what was stored, once the last move landed; fails when the append or a move failed
   *     (after every move sent landed), or after the timeout
   */
  CompletableFuture<Committed> commit(List<EventRecord> events, List<Order> orders, Instant now) {
    Uni<List<StoredEvent>> append =
        events.isEmpty()
            ? Uni.createFrom().item(List.<StoredEvent>of())
            : stores.events().append(events);
    return append
        .chain(
            stored -> {
              if (orders.isEmpty()) {
                return Uni.createFrom().item(new Committed(stored, List.of()));
              }
              List<Uni<Optional<Run>>> moves = new ArrayList<>(orders.size());
              for (Order order : orders) {
                moves.add(transition(order.runId(), order.expected(), order.next(), now));
              }
              return SideBySide.all(moves, CONCURRENCY).map(moved -> new Committed(stored, moved));
            })
        .ifNoItem()
        .after(timeout.multipliedBy(2))
        .fail()
        .subscribeAsCompletionStage();
  }

  /**
   * Ends one run: its last event, then its status.
   *
   * @return false when the run changed meanwhile (it was not moved)
   */
  boolean end(Run run, RunStatus end, EventRecord event, Instant now) {
    stores.events().append(List.of(event)).await().atMost(timeout);
    return stores
        .runs()
        .transition(run.runId(), run.status(), end, now)
        .map(r -> true)
        .onFailure(
            e -> e instanceof RunConflictException || e instanceof IllegalRunTransitionException)
        .recoverWithItem(false)
        .await()
        .atMost(timeout);
  }

  /** A status change to make. */
  record Move(RunState state, RunStatus next) {}

  /**
   * Moves runs' statuses; a run someone else changed meanwhile keeps its row and is reported.
   *
   * @return per move, the changed run, or empty when the run had changed under the daemon
   */
  List<Optional<Run>> move(List<Move> moves, Instant now) {
    return each(moves, m -> transition(m.state().runId(), m.state().run.status(), m.next(), now));
  }

  private Uni<Optional<Run>> transition(
      String runId, RunStatus expected, RunStatus next, Instant now) {
    return stores
        .runs()
        .transition(runId, expected, next, now)
        .map(Optional::of)
        .onFailure(
            e -> e instanceof RunConflictException || e instanceof IllegalRunTransitionException)
        .recoverWithItem(Optional.empty());
  }
}
