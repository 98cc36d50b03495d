package io.pipewright.daemon.orchestrator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The orchestrator's commits on their way to storage (a cycle's events, then its status moves),
 * each with the decisions it records, until the loop thread carries them out. Owned by the loop
 * thread; only the commits' answers arrive on other threads, and they only wake the loop.
 *
 * @param <D> a decision
 */
final class Commits<D> {

  private static final Logger LOG = Logger.getLogger(Commits.class);

  /** A commit answered, with its decisions. */
  record Done<D>(List<D> decided, BatchIo.Committed committed) {}

  private record Commit<D>(List<D> decided, CompletableFuture<BatchIo.Committed> stored) {}

  private final Deque<Commit<D>> sent = new ArrayDeque<>();

  /**
   * Records a commit sent.
   *
   * @param decided the decisions it records
   * @param stored its answer
   * @param answered called (on any thread) once it is answered, unless it is already
   */
  void send(List<D> decided, CompletableFuture<BatchIo.Committed> stored, Runnable answered) {
    sent.add(new Commit<>(List.copyOf(decided), stored));
    if (!stored.isDone()) {
      stored.whenComplete((committed, error) -> answered.run());
    }
  }

  /**
   * Takes the commits answered so far, in the order they were sent.
   *
   * @return them, with what they stored
   * @throws RuntimeException a commit's failure (the others answered stay taken)
   */
  List<Done<D>> takeDone() {
    List<Done<D>> done = new ArrayList<>();
    for (Iterator<Commit<D>> it = sent.iterator(); it.hasNext(); ) {
      Commit<D> commit = it.next();
      if (!commit.stored().isDone()) {
        continue;
      }
      it.remove();
      try {
        done.add(new Done<>(commit.decided(), commit.stored().join()));
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return done;
  }

  /**
   * Waits until every commit sent is answered, at most {@code timeout} in all; failures are left
   * for {@link #takeDone}.
   *
   * @param timeout the longest wait
   */
  void awaitAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Commit<D> commit : sent) {
      try {
        commit.stored().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        LOG.debugf("A commit on its way failed or is late: %s", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Forgets every commit: their decisions are not carried out. */
  void clear() {
    sent.clear();
  }
}
