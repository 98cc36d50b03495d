package io.pipewright.daemon.orchestrator;

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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The orchestrator's store calls for many runs at once: one cycle reads the new events of every run
 * with news side by side, appends every run's decided events in one call, and moves every run's
 * status side by side, so that a cycle costs a few round trips to the database however many runs it
 * drives.
 */
final class BatchIo {

  /** Calls in flight at once: the store's connection pool serves them side by side. */
  private static final int CONCURRENCY = 32;

  private final DaemonStores stores;
  private final Duration timeout;

  BatchIo(DaemonStores stores, Duration timeout) {
    this.stores = stores;
    this.timeout = timeout;
  }

  /** Runs one call per item, {@link #CONCURRENCY} at a time, and returns the answers in order. */
  <T, R> List<R> each(List<T> items, Function<T, Uni<R>> call) {
    List<R> answers = new ArrayList<>(items.size());
    for (int from = 0; from < items.size(); from += CONCURRENCY) {
      List<Uni<R>> calls = new ArrayList<>();
      for (T item : items.subList(from, Math.min(items.size(), from + CONCURRENCY))) {
        calls.add(call.apply(item));
      }
      answers.addAll(Uni.join().all(calls).andFailFast().await().atMost(timeout));
    }
    return answers;
  }

  /** Reads one page of new events per run. */
  List<EventPage> events(List<RunState> states, int page) {
    return each(states, s -> stores.events().eventsForRun(s.runId(), s.cursor, page));
  }

  /** Reads the rows of runs again. */
  List<Optional<Run>> rows(List<RunState> states) {
    return each(states, s -> stores.runs().find(s.runId()));
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

  /** A status change to make. */
  record Move(RunState state, RunStatus next) {}

  /**
   * Moves runs' statuses; a run someone else changed meanwhile keeps its row and is reported.
   *
   * @return per move, the changed run, or empty when the run had changed under the daemon
   */
  List<Optional<Run>> move(List<Move> moves, Instant now) {
    return each(
        moves,
        m ->
            stores
                .runs()
                .transition(m.state().runId(), m.state().run.status(), m.next(), now)
                .map(Optional::of)
                .onFailure(
                    e ->
                        e instanceof RunConflictException
                            || e instanceof IllegalRunTransitionException)
                .recoverWithItem(Optional.empty()));
  }
}
