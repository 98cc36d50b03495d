package io.pipewright.daemon.loop;

import io.pipewright.core.instance.DaemonHeartbeat;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.daemon.heartbeat.Heartbeats;
import io.pipewright.daemon.orchestrator.SideBySide;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The leader's heartbeats ({@link Heartbeats#DAEMON_TYPES}), sent by the loop thread without
 * waiting: a heartbeat is a round trip to the database, and under load it took up to 100 ms, during
 * which every run's news waited. One heartbeat is on its way at a time; a failed one fails the
 * cycle that sends the next, as a failed write of the loop does. Each heartbeat reports the loop's
 * recent failures. Owned by the loop thread.
 */
final class LoopHeartbeats {

  private static final int MAX_ERRORS = 5;

  private final DaemonHeartbeatStore store;
  private final String daemonId;
  private final Duration timeout;

  /** The loop's recent failures, newest first; kept across takeovers. */
  private final Deque<ErrorSnapshot> errors = new ArrayDeque<>();

  /** The heartbeat on its way, or null. */
  private CompletableFuture<List<Void>> sent;

  LoopHeartbeats(DaemonHeartbeatStore store, String daemonId, Duration timeout) {
    this.store = store;
    this.daemonId = daemonId;
    this.timeout = timeout;
  }

  /**
   * Keeps a failure of the loop's, for the heartbeats to report (the last few only).
   *
   * @param e the failure
   */
  void failed(RuntimeException e) {
    errors.addFirst(ErrorSnapshot.of(e.getClass().getName(), String.valueOf(e.getMessage())));
    while (errors.size() > MAX_ERRORS) {
      errors.removeLast();
    }
  }

  /**
   * Sends one heartbeat per daemon type, with the loop's recent failures, unless the last one is
   * still on its way.
   *
   * @param now the time
   * @throws RuntimeException the last heartbeat's failure
   */
  void beat(Instant now) {
    List<ErrorSnapshot> errors = List.copyOf(this.errors);
    CompletableFuture<List<Void>> last = sent;
    if (last != null) {
      if (!last.isDone()) {
        return; // Slow: this one is skipped, the next is due an interval later.
      }
      sent = null;
      try {
        last.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    List<Uni<Void>> beats = new ArrayList<>(Heartbeats.DAEMON_TYPES.size());
    for (String type : Heartbeats.DAEMON_TYPES) {
      beats.add(store.beat(new DaemonHeartbeat(type, daemonId, now, errors)));
    }
    sent =
        SideBySide.all(beats, beats.size())
            .ifNoItem()
            .after(timeout)
            .fail()
            .subscribeAsCompletionStage();
  }

  /** Forgets the heartbeat on its way: it writes no run, so nothing waits for it. */
  void clear() {
    sent = null;
  }
}
