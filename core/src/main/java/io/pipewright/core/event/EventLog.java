package io.pipewright.core.event;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The port to the event log: the append-only record of what happened in runs, the source of truth
 * for run and step status (architecture §4).
 *
 * <p>Every adapter (in memory, PostgreSQL) passes the same contract test suite. Methods may be
 * called from any thread; adapters that need a Vert.x context switch to one themselves.
 */
public interface EventLog {

  /**
   * Appends the events one step attempt reported, idempotently: an event whose (run, step, attempt,
   * sequence) is stored already is skipped, so a worker may resend a batch safely. Listeners of
   * {@link #appended()} are notified once the batch is stored.
   *
   * @param batch the attempt's events
   * @return how many were new, how many were duplicates, and the highest stored sequence
   */
  Uni<IngestResult> ingest(StepEventBatch batch);

  /**
   * {@link #ingest(StepEventBatch)}, with each event's encoding as the event ingest received it
   * (the protocol's {@code Event} message, without run, step and attempt): an adapter that stores
   * events in that encoding may store these bytes rather than encode each event again. This default
   * ignores them.
   *
   * @param batch the attempt's events
   * @param bodies per event of the batch, in its order, the bytes that decode to it
   * @return what {@link #ingest(StepEventBatch)} answers
   * @throws IllegalArgumentException when there is not one body per event
   */
  default Uni<IngestResult> ingest(StepEventBatch batch, List<byte[]> bodies) {
    if (bodies.size() != batch.events().size()) {
      throw new IllegalArgumentException(
          "ingest needs one body per event: got "
              + bodies.size()
              + " bodies for "
              + batch.events().size()
              + " events");
    }
    return ingest(batch);
  }

  /**
   * Appends events written by the hosts (the webserver's {@code RUN_ENQUEUED}, the daemon's run and
   * step decisions). They are not de-duplicated: their writers append each once.
   *
   * @param events the events, in order
   * @return the stored events with their ids, in the same order
   */
  Uni<List<StoredEvent>> append(List<EventRecord> events);

  /**
   * Reads a run's events after a cursor, oldest first.
   *
   * @param runId the run
   * @param afterId the cursor: only events with a larger id; 0 for the start
   * @param limit at most this many events; 1 or more
   * @return the page
   */
  Uni<EventPage> eventsForRun(String runId, long afterId, int limit);

  /**
   * Reads the new events of several runs at once, each after its own cursor: for each run, what
   * {@link #eventsForRun} answers. Adapters answer it in one round trip where they can (the daemon
   * reads every run with news this way, once per cycle); this default asks run by run.
   *
   * @param cursors per run, the cursor to read after (0 for the start)
   * @param limit at most this many events per run; 1 or more
   * @return per run, its page, in the order of {@code cursors}
   */
  default Uni<Map<String, EventPage>> eventsForRuns(Map<String, Long> cursors, int limit) {
    List<String> runIds = new ArrayList<>(cursors.keySet());
    if (runIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<Uni<EventPage>> reads = new ArrayList<>(runIds.size());
    for (String runId : runIds) {
      reads.add(eventsForRun(runId, cursors.get(runId), limit));
    }
    return Uni.join()
        .all(reads)
        .andFailFast()
        .map(
            pages -> {
              Map<String, EventPage> out = new LinkedHashMap<>();
              for (int i = 0; i < runIds.size(); i++) {
                out.put(runIds.get(i), pages.get(i));
              }
              return out;
            });
  }

  /**
   * Reads events across runs.
   *
   * @param query which events
   * @return the matching events in the query's order
   */
  Uni<List<StoredEvent>> query(EventQuery query);

  /**
   * Deletes every event of a run.
   *
   * @param runId the run
   * @return how many events were deleted
   */
  Uni<Long> deleteRun(String runId);

  /**
   * Deletes events older than a cutoff (retention). Asset events the asset index still points at as
   * an asset's latest materialization are kept.
   *
   * @param cutoff events with an earlier timestamp are deleted
   * @return how many events were deleted
   */
  Uni<Long> deleteBefore(Instant cutoff);

  /**
   * Notifications after each append or ingest, across all runs (PostgreSQL: {@code LISTEN}/{@code
   * NOTIFY}; never polling). The stream is hot: it carries appends from the moment of subscription.
   *
   * @return the notifications
   */
  Multi<RunEventsAppended> appended();
}
