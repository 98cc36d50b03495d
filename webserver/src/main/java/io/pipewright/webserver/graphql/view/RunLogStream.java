package io.pipewright.webserver.graphql.view;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPage;
import io.pipewright.core.event.RunEventsAppended;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStore;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.run.Await;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code pipelineRunLogs} subscription as a stream: the run's past events in chunks, then each
 * batch of new events, woken by the event log's append notifications (LISTEN/NOTIFY in PostgreSQL,
 * never polling).
 *
 * <p>Notifications carry no events: each wakes one read after the stream's cursor, so a merged or
 * dropped notification loses nothing (reads are sequential; while one runs, only the newest waiting
 * notification is kept). The stream listens before it catches up after the past events, so that
 * events appended meanwhile are read too. Payloads are emitted on worker threads: selecting them
 * may read storage, which must not happen on the event loop that delivers notifications.
 */
@ApplicationScoped
public class RunLogStream {

  /** The cursor that skips the past events. */
  public static final String HEAD = "HEAD";

  private final RunStore runs;
  private final EventLog events;
  private final RunViews runViews;

  /**
   * Creates the stream factory.
   *
   * @param runs the run storage
   * @param events the event log
   * @param runViews the runs' and events' GraphQL objects
   */
  @Inject
  public RunLogStream(RunStore runs, EventLog events, RunViews runViews) {
    this.runs = runs;
    this.events = events;
    this.runViews = runViews;
  }

  /**
   * Opens the stream of a run's events.
   *
   * @param runId the run
   * @param cursor the cursor of an earlier payload to continue after, {@link #HEAD} for new events
   *     only, or null for all
   * @return {@code PipelineRunLogsSubscriptionSuccess} payloads, or one {@code
   *     PipelineRunLogsSubscriptionFailure} for an unknown run or a bad cursor
   */
  public Multi<GqlObject> open(String runId, String cursor) {
    return runs.find(runId)
        .onItem()
        .transformToMulti(
            found -> {
              if (found.isEmpty()) {
                return Multi.createFrom()
                    .item(failure("Could not load run with id " + runId, runId));
              }
              boolean head = HEAD.equals(cursor);
              long after;
              try {
                after =
                    head || cursor == null || cursor.isBlank() ? 0 : Long.parseLong(cursor.trim());
              } catch (NumberFormatException e) {
                return Multi.createFrom()
                    .item(
                        failure(
                            "cursor '"
                                + cursor
                                + "' is not a cursor: pass the cursor of an earlier payload, HEAD,"
                                + " or none",
                            null));
              }
              return stream(found.get(), new AtomicLong(after), head);
            })
        .emitOn(Infrastructure.getDefaultWorkerPool());
  }

  private Multi<GqlObject> stream(Run run, AtomicLong cursor, boolean skipPast) {
    Multi<GqlObject> past = past(run, cursor, skipPast);
    // Listening starts before the catch-up read (a merge subscribes in order), and after the past.
    Multi<Object> wakeUps =
        Multi.createBy()
            .merging()
            .streams(
                events.appended().filter(n -> n.runId().equals(run.runId())).map(n -> (Object) n),
                Multi.createFrom().item((Object) "catch-up"));
    Multi<GqlObject> live =
        wakeUps
            .onOverflow()
            .dropPreviousItems()
            .onItem()
            .transformToUniAndConcatenate(wakeUp -> next(run, cursor, wakeUp))
            .filter(payload -> payload != NOTHING);
    return Multi.createBy().concatenating().streams(past, live);
  }

  /** The past events in chunks; when skipped, only moves the cursor to the newest event. */
  private Multi<GqlObject> past(Run run, AtomicLong cursor, boolean skip) {
    return Multi.createBy()
        .repeating()
        .uni(
            () ->
                events
                    .eventsForRun(run.runId(), cursor.get(), RunViews.DEFAULT_EVENT_LIMIT)
                    .invoke(page -> cursor.set(page.cursor())))
        .whilst(EventPage::hasMore)
        .filter(page -> !skip)
        .map(page -> success(run, page.events(), page.hasMore(), page.cursor()));
  }

  private Uni<GqlObject> next(Run run, AtomicLong cursor, Object wakeUp) {
    if (wakeUp instanceof RunEventsAppended appended && appended.lastEventId() <= cursor.get()) {
      return Uni.createFrom().item(NOTHING);
    }
    return events
        .eventsForRun(run.runId(), cursor.get(), RunViews.MAX_EVENT_LIMIT)
        .map(
            page -> {
              if (page.events().isEmpty()) {
                return NOTHING;
              }
              cursor.set(page.cursor());
              return success(run, page.events(), false, page.cursor());
            });
  }

  private GqlObject success(Run run, List<StoredEvent> stored, boolean hasMore, long cursor) {
    List<GqlObject> messages = new ArrayList<>(stored.size());
    for (StoredEvent event : stored) {
      messages.add(EventViews.event(event, run.jobName(), runViews));
    }
    return GqlObject.of("PipelineRunLogsSubscriptionSuccess")
        // The run as it is now, read when selected: its status changes while the stream runs.
        .lazy("run", env -> runViews.run(Await.of(runs.find(run.runId())).orElse(run)))
        .put("messages", messages)
        .put("hasMorePastEvents", hasMore)
        .put("cursor", Long.toString(cursor));
  }

  private static GqlObject failure(String message, String missingRunId) {
    return GqlObject.of("PipelineRunLogsSubscriptionFailure")
        .put("message", message)
        .put("missingRunId", missingRunId);
  }

  /** A read that found nothing new; filtered out of the stream. */
  private static final GqlObject NOTHING = GqlObject.of("nothing");
}
