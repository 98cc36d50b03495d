package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;

/**
 * An event as the event log holds it: the record plus the storage id the log assigned.
 *
 * @param id the storage id: positive, unique and increasing in append order across all runs, so
 *     that it serves as the cursor of {@code logsForRun} and of subscriptions
 * @param event the event
 */
public record StoredEvent(long id, EventRecord event) {

  /** Validates the components. */
  public StoredEvent {
    if (id < 1) {
      throw new IllegalArgumentException("StoredEvent needs an id of 1 or more, got " + id);
    }
    Checks.require(event, "StoredEvent", "event");
  }
}
