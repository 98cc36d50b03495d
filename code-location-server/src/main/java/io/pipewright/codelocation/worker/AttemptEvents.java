package io.pipewright.codelocation.worker;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.sdk.event.RunEvent;
import java.time.Clock;

/**
 * Numbers a step attempt's events from 0 and hands them to the sink: the engine's events
 * (translated by {@link StepEvents}) and the worker's own. One lock keeps sequence and sink order
 * the same, as the engine's emitter does.
 */
final class AttemptEvents {
  private final String runId;
  private final String stepKey;
  private final int attempt;
  private final StepEventSink sink;
  private final Clock clock;
  private long next;

  AttemptEvents(String runId, String stepKey, int attempt, StepEventSink sink, Clock clock) {
    this.runId = runId;
    this.stepKey = stepKey;
    this.attempt = attempt;
    this.sink = sink;
    this.clock = clock;
  }

  /** Reports an event of the engine. */
  synchronized void report(RunEvent event) {
    sink.accept(StepEvents.of(event, stepKey, attempt, next++));
  }

  /** Reports an event of the worker itself. */
  synchronized void report(
      DagsterEventType type, EventLevel level, String message, EventPayload payload) {
    sink.accept(
        new EventRecord(
            runId, stepKey, attempt, next++, clock.instant(), type, level, message, payload));
  }

  /** How many events were reported. */
  synchronized long count() {
    return next;
  }
}
