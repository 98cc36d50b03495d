package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;

/**
 * A notification that a run's event log grew: what a subscription or the daemon wakes up on. It
 * carries no events; the listener reads them after its own cursor, so a lost or merged notification
 * never loses an event.
 *
 * @param runId the run whose events were appended
 * @param lastEventId the storage id of the newest event appended
 */
public record RunEventsAppended(String runId, long lastEventId) {

  /** Validates the components. */
  public RunEventsAppended {
    Checks.requireNonBlank(runId, "RunEventsAppended", "runId");
  }
}
