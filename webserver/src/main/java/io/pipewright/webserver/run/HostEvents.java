package io.pipewright.webserver.run;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the run-level events the webserver writes ({@code RUN_ENQUEUED}, {@code RUN_CANCELING},
 * {@code RUN_CANCELED}).
 *
 * <p>Host events are appended, not ingested, so their sequence only has to be distinct among the
 * run's run-level events: it comes from one counter per process that starts at the start-up time in
 * microseconds, so that it also grows across restarts.
 */
final class HostEvents {

  private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

  /**
   * Builds a run-level event.
   *
   * @param runId the run
   * @param type what happened
   * @param level how serious it is
   * @param message what happened, for people
   * @param at when
   * @return the event
   */
  EventRecord runEvent(
      String runId, DagsterEventType type, EventLevel level, String message, Instant at) {
    return new EventRecord(
        runId, null, 0, sequence.incrementAndGet(), at, type, level, message, null);
  }
}
