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
   * Sends a read of the new events of runs, without waiting: one call per chunk of runs (one round
   * trip each on PostgreSQL), chunks side by side.
   *
   * @param batch the runs, each with its cursor
   * @param pageSize events per run and page
   * @return every run's page, keyed by run id; fails after the timeout
   */
  CompletableFuture<Map<String, EventPage>> read(List<RunState> batch, int pageSize) {
    List<Uni<Map<String, EventPage>>> calls = new ArrayList<>();
    for (int from = 0; from < batch.size(); from += RUNS_PER_READ) {
      Map<String, Long> cursors = new LinkedHashMap<>();
      for (RunState state : batch.subList(from, Math.min(batch.size(), from + RUNS_PER_READ))) {
        cursors.put(state.runId(), state.cursor);
      }
      calls.add(stores.events().eventsForRuns(cursors, pageSize));
    }
    return SideBySide.all(calls, CONCURRENCY)
        .map(
            answers -> {
              Map<String, EventPage> pages = new HashMap<>();
              for (Map<String, EventPage> answer : answers) {
                pages.putAll(answer);
              }
              return pages;
            })
        .ifNoItem()
        .after(timeout)
        .fail()
        .subscribeAsCompletionStage();
  }

  /**
   * Applies a page read to its run's view; a run whose events say its row changed (a cancel) is
   * marked to be read again.
   *
   * @return whether more events wait after the page
   */
  static boolean apply(RunState state, EventPage page) {
    for (StoredEvent stored : page.events()) {
      EventRecord event = stored.event();
      state.progress.apply(event);
      state.outputs.apply(event);
      if (event.stepKey() == null && ROW_CHANGES.contains(event.type())) {
        state.reloadRun = true;
      }
    }
    state.cursor = page.cursor();
    return page.hasMore();
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

  /** A status change to make: the run's id, the status it must have, the next one. */
  record Order(String runId, RunStatus expected, RunStatus next) {}

  /**
   * What a commit stored.
   *
   * @param events the stored events, in the order sent
   * @param moved per order, the changed run, or empty when the run had changed under the daemon
   */
  record Committed(List<StoredEvent> events, List<Optional<Run>> moved) {}

  /** Events to append in one call, then the status moves to make once they are stored. */
  record Part(List<EventRecord> events, List<Order> orders) {}

  /**
   * Sends parts one after another, each once the one before it is stored (so that each run's events
   * are stored in order), and moves each part's runs once its events are stored; does not wait for
   * any of it. The parts go through a trampoline ({@link SideBySide}): in memory each answers at
   * once, and the next must not be sent from inside its callback.
   *
   * @return per part, what it stored once its last move landed; fails when its append or a move
   *     failed (after every move sent landed), when a part before it failed (it is not sent then),
   *     or after the timeout
   */
  List<CompletableFuture<Committed>> commit(List<Part> parts, Instant now) {
    List<CompletableFuture<Committed>> answers = new ArrayList<>(parts.size());
    List<Uni<Committed>> calls = new ArrayList<>(parts.size());
    for (Part part : parts) {
      CompletableFuture<Committed> answer = new CompletableFuture<>();
      answers.add(answer);
      calls.add(
          commit(part, now)
              .ifNoItem()
              .after(timeout.multipliedBy(2))
              .fail()
              .onItem()
              .invoke(answer::complete)
              .onFailure()
              .invoke(answer::completeExceptionally));
    }
    SideBySide.all(calls, 1)
        .subscribe()
        .with(
            all -> {},
            error -> {
              for (CompletableFuture<Committed> answer : answers) {
                answer.completeExceptionally(error);
              }
            });
    return answers;
  }

  private Uni<Committed> commit(Part part, Instant now) {
    Uni<List<StoredEvent>> append =
        part.events().isEmpty()
            ? Uni.createFrom().item(List.<StoredEvent>of())
            : stores.events().append(part.events());
    return append.chain(
        stored -> {
          if (part.orders().isEmpty()) {
            return Uni.createFrom().item(new Committed(stored, List.of()));
          }
          List<Uni<Optional<Run>>> moves = new ArrayList<>(part.orders().size());
          for (Order order : part.orders()) {
            moves.add(transition(order.runId(), order.expected(), order.next(), now));
          }
          return SideBySide.all(moves, CONCURRENCY).map(moved -> new Committed(stored, moved));
        });
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
