package io.pipewright.core.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A listener that records statuses and lets a test wait for one, for launchers that report from
 * other threads. Part of core's test jar.
 */
public final class StatusRecorder implements AttemptStatusListener {

  private final List<AttemptStatus> statuses = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean overlapped;

  @Override
  public void onStatus(AttemptStatus status) {
    // Counted outside the monitor, so that two calls at once are seen (best effort).
    if (inFlight.incrementAndGet() > 1) {
      overlapped = true;
    }
    try {
      synchronized (this) {
        statuses.add(status);
        notifyAll();
      }
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * Returns every status recorded so far, in order.
   *
   * @return the statuses
   */
  public synchronized List<AttemptStatus> all() {
    return List.copyOf(statuses);
  }

  /**
   * Returns the statuses of one attempt, in order.
   *
   * @param id the attempt
   * @return its statuses
   */
  public synchronized List<AttemptStatus> of(AttemptId id) {
    List<AttemptStatus> mine = new ArrayList<>();
    for (AttemptStatus status : statuses) {
      if (status.attempt().equals(id)) {
        mine.add(status);
      }
    }
    return mine;
  }

  /**
   * Tells whether two deliveries ever overlapped.
   *
   * @return true if the listener was called concurrently
   */
  public boolean overlapped() {
    return overlapped;
  }

  /**
   * Waits for a status of an attempt that matches.
   *
   * @param id the attempt
   * @param match the condition
   * @param timeout how long to wait
   * @return the first matching status
   * @throws AssertionError when none arrives in time, listing what arrived
   */
  public synchronized AttemptStatus await(
      AttemptId id, Predicate<AttemptStatus> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (AttemptStatus status : statuses) {
        if (status.attempt().equals(id) && match.test(status)) {
          return status;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "No matching status of " + id + " within " + timeout + "; got " + of(id));
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + id, e);
      }
    }
  }

  /**
   * Waits for an attempt's end (succeeded, failed or terminated).
   *
   * @param id the attempt
   * @param timeout how long to wait
   * @return the ending status
   */
  public AttemptStatus awaitEnd(AttemptId id, Duration timeout) {
    return await(id, s -> s.phase().isEnded(), timeout);
  }
}
