package io.pipewright.daemon.testing;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPage;
import io.pipewright.core.event.EventQuery;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.IngestResult;
import io.pipewright.core.event.RunEventsAppended;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.event.StoredEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event log that hands every call to another one; tests and figures override the calls they
 * watch or hold. Every method forwards, {@link EventLog#eventsForRuns} too: its default asks run by
 * run, which a wrapper that did not forward it would silently measure instead of the store's own.
 */
public class ForwardingEventLog implements EventLog {

  /** The event log the calls go to. */
  protected final EventLog delegate;

  /**
   * Wraps an event log.
   *
   * @param delegate the event log the calls go to
   */
  public ForwardingEventLog(EventLog delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
  }

  @Override
  public Uni<IngestResult> ingest(StepEventBatch batch) {
    return delegate.ingest(batch);
  }

  @Override
  public Uni<List<StoredEvent>> append(List<EventRecord> events) {
    return delegate.append(events);
  }

  @Override
  public Uni<EventPage> eventsForRun(String runId, long afterId, int limit) {
    return delegate.eventsForRun(runId, afterId, limit);
  }

  @Override
  public Uni<Map<String, EventPage>> eventsForRuns(Map<String, Long> cursors, int limit) {
    return delegate.eventsForRuns(cursors, limit);
  }

  @Override
  public Uni<List<StoredEvent>> query(EventQuery query) {
    return delegate.query(query);
  }

  @Override
  public Uni<Long> deleteRun(String runId) {
    return delegate.deleteRun(runId);
  }

  @Override
  public Uni<Long> deleteBefore(Instant cutoff) {
    return delegate.deleteBefore(cutoff);
  }

  @Override
  public Multi<RunEventsAppended> appended() {
    return delegate.appended();
  }
}
