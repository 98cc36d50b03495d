package io.pipewright.core.event;

import java.util.List;

/**
 * One page of a run's events.
 *
 * @param events the events in id order
 * @param cursor the id to continue after: the last event's id, or the request's cursor when the
 *     page is empty
 * @param hasMore whether more events existed after this page when it was read
 */
public record EventPage(List<StoredEvent> events, long cursor, boolean hasMore) {

  /** Makes the list immutable. */
  public EventPage {
    events = events == null ? List.of() : List.copyOf(events);
  }
}
