package io.pipewright.codelocation.worker;

import io.pipewright.core.event.EventRecord;

/**
 * Where a step attempt reports its events: the port between the step worker and the event log.
 * Events arrive in sequence order (from 0 per attempt) and belong to one run, step and attempt.
 * Adapters: {@link JsonLinesEventSink} (standard output, one JSON line per event, when the worker
 * has no event ingest) and {@link HttpIngestEventSink} (batches to the webserver's ingest, with
 * retries). Every adapter passes {@code StepEventSinkContract}.
 *
 * <p>A sink never throws on a delivery problem: it reports it from {@link #flush()} and {@link
 * #close()}, and the worker decides (exit code 3). Delivery is at least once; the ingest stores an
 * event once by (run, step, attempt, sequence).
 */
public interface StepEventSink {

  /**
   * Takes an event; it may be delivered later. May block while the sink's buffer is full.
   *
   * @param event the next event of the attempt
   */
  void accept(EventRecord event);

  /**
   * Waits until every event taken so far is delivered, or delivery failed for good.
   *
   * @return the outcome so far
   */
  Delivery flush();

  /**
   * Flushes and releases the sink; events taken afterwards are dropped.
   *
   * @return the final outcome
   */
  Delivery close();

  /**
   * Whether the events taken so far were delivered.
   *
   * @param delivered true when every event was delivered
   * @param eventsDelivered how many events were delivered
   * @param problem why delivery failed for good; {@code null} when delivered
   */
  record Delivery(boolean delivered, long eventsDelivered, String problem) {

    /**
     * Every event was delivered.
     *
     * @param count how many
     * @return the outcome
     */
    public static Delivery delivered(long count) {
      return new Delivery(true, count, null);
    }

    /**
     * Delivery failed for good.
     *
     * @param count how many events were delivered before
     * @param problem what went wrong and how to fix it
     * @return the outcome
     */
    public static Delivery failed(long count, String problem) {
      return new Delivery(false, count, problem);
    }
  }
}
