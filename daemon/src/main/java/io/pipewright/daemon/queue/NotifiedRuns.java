package io.pipewright.daemon.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs whose events were notified while this daemon does not drive them, until an admission finds
 * them queued.
 *
 * <p>Why: a launch (the webserver's {@code RunLauncher}, the daemon's {@code RunSubmitter}) appends
 * {@code RUN_ENQUEUED} and then moves the run to QUEUED. The append's notification makes the loop
 * admit at once, which can happen before the run is QUEUED; moving a run's status notifies nothing,
 * so without a second look the run would wait for the periodic queue check ({@code queue.interval},
 * 5 s). After an admission that did not see a notified run queued, another admission follows
 * shortly (100 ms, then doubling up to 1 s), for at most {@link #WINDOW} after the notification;
 * runs that never get queued (a notification of a run that ended, or that another daemon drives)
 * cost a few admissions, then the periodic check applies again. Either order of the launch's two
 * writes is then admitted within about 100 ms.
 *
 * <p>Not thread-safe: owned by the loop thread.
 */
public final class NotifiedRuns {

  /** How long after its notification a run that is not queued is looked for. */
  public static final Duration WINDOW = Duration.ofSeconds(2);

  static final Duration FIRST_RETRY = Duration.ofMillis(100);
  static final Duration MAX_RETRY = Duration.ofSeconds(1);

  /** Bounds the memory a burst of notifications takes; beyond it the periodic check applies. */
  static final int MAX_RUNS = 10_000;

  private final Map<String, Instant> notifiedAt = new LinkedHashMap<>();
  private Duration delay = FIRST_RETRY;
  private Instant retryAt;

  /**
   * A run this daemon does not drive had events appended.
   *
   * @param runId the run
   * @param now when the notification was handled
   */
  public void notified(String runId, Instant now) {
    Objects.requireNonNull(runId, "runId must not be null");
    if (notifiedAt.size() < MAX_RUNS) {
      notifiedAt.putIfAbsent(runId, now);
    }
  }

  /**
   * An admission ran: forgets the runs it found queued (admitted or held by the limits) and those
   * notified longer than {@link #WINDOW} ago, and schedules the next look for the others.
   *
   * @param queued the ids of the runs the admission read as QUEUED
   * @param now the time of the admission
   */
  public void admissionRan(Set<String> queued, Instant now) {
    Instant expired = now.minus(WINDOW);
    for (Iterator<Map.Entry<String, Instant>> it = notifiedAt.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, Instant> entry = it.next();
      if (queued.contains(entry.getKey()) || !entry.getValue().isAfter(expired)) {
        it.remove();
      }
    }
    if (notifiedAt.isEmpty()) {
      delay = FIRST_RETRY;
      retryAt = null;
    } else {
      retryAt = now.plus(delay);
      delay = delay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay.multipliedBy(2);
    }
  }

  /**
   * When another admission should look for the notified runs.
   *
   * @return the time, or null when none waits
   */
  public Instant retryAt() {
    return retryAt;
  }

  /** Forgets everything (leadership lost, or the view dropped). */
  public void clear() {
    notifiedAt.clear();
    delay = FIRST_RETRY;
    retryAt = null;
  }
}
