package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * Events that one step attempt reports in one call, as the event ingest receives them. A step
 * worker's token allows writing exactly this attempt's events, so every event must belong to it.
 *
 * @param runId the run's id; non-blank
 * @param stepKey the step's key; non-blank
 * @param attempt the attempt, from 1
 * @param events the events, in sequence order; each of this run, step and attempt
 */
public record StepEventBatch(String runId, String stepKey, int attempt, List<EventRecord> events) {

  /** Validates the batch. */
  public StepEventBatch {
    Checks.requireNonBlank(runId, "StepEventBatch", "runId");
    Checks.requireNonBlank(stepKey, "StepEventBatch", "stepKey");
    if (attempt < 1) {
      throw new IllegalArgumentException(
          "StepEventBatch needs an attempt of 1 or more, got " + attempt);
    }
    events = events == null ? List.of() : List.copyOf(events);
    long previous = -1;
    for (EventRecord event : events) {
      if (!event.runId().equals(runId)
          || !stepKey.equals(event.stepKey())
          || event.attempt() != attempt) {
        throw new IllegalArgumentException(
            "StepEventBatch for run "
                + runId
                + ", step "
                + stepKey
                + ", attempt "
                + attempt
                + " holds an event of run "
                + event.runId()
                + ", step "
                + event.stepKey()
                + ", attempt "
                + event.attempt()
                + "; a batch carries one attempt's events only");
      }
      if (event.sequence() <= previous) {
        throw new IllegalArgumentException(
            "StepEventBatch for step "
                + stepKey
                + " has event sequence "
                + event.sequence()
                + " after "
                + previous
                + "; events must come in increasing sequence order");
      }
      previous = event.sequence();
    }
  }
}
