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
 * The orchestrator's store calls on their way (reads of new events; commits of a cycle's events,
 * then its status moves), each with what it is for (the runs read, the decisions recorded), until
 * the loop thread takes their answers. Owned by the loop thread; only the answers arrive on other
 * threads, and they only wake the loop.
 *
 * @param <D> what a call is for
 * @param <A> its answer
 */
final class InFlight<D, A> {

  private static final Logger LOG = Logger.getLogger(InFlight.class);

  /** A call answered, with what it is for. */
  record Done<D, A>(List<D> items, A answer) {}

  private record Call<D, A>(List<D> items, CompletableFuture<A> answer) {}

  private final Deque<Call<D, A>> sent = new ArrayDeque<>();

  /**
   * Records a call sent.
   *
   * @param items what it is for
   * @param answer its answer
   * @param answered called (on any thread) once it is answered, unless it is already
   */
  void send(List<D> items, CompletableFuture<A> answer, Runnable answered) {
    sent.add(new Call<>(List.copyOf(items), answer));
    if (!answer.isDone()) {
      answer.whenComplete((a, error) -> answered.run());
    }
  }

  /**
   * Takes the calls answered so far, in the order they were sent.
   *
   * @return them, with their answers
   * @throws RuntimeException a call's failure (the others answered stay taken)
   */
  List<Done<D, A>> takeDone() {
    List<Done<D, A>> done = new ArrayList<>();
    for (Iterator<Call<D, A>> it = sent.iterator(); it.hasNext(); ) {
      Call<D, A> call = it.next();
      if (!call.answer().isDone()) {
        continue;
      }
      it.remove();
      try {
        done.add(new Done<>(call.items(), call.answer().join()));
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return done;
  }

  /**
   * Tells whether calls are on their way.
   *
   * @return true while some are not taken
   */
  boolean isEmpty() {
    return sent.isEmpty();
  }

  /**
   * Waits until every call sent is answered, at most {@code timeout} in all; failures are left for
   * {@link #takeDone}.
   *
   * @param timeout the longest wait
   */
  void awaitAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Call<D, A> call : List.copyOf(sent)) {
      try {
        call.answer().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        LOG.debugf("A store call on its way failed or is late: %s", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Forgets every call: their answers are not taken. */
  void clear() {
    sent.clear();
  }
}
