package io.pipewright.storage.contract;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Values and helpers the contract suites share. */
public final class Fixtures {

  /** A fixed start of time, with millisecond precision (PostgreSQL keeps microseconds). */
  public static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private Fixtures() {}

  /**
   * Waits for a port's result, from the calling (non-Vert.x) thread, as daemon loops do.
   *
   * @param uni the result
   * @param <T> its type
   * @return the item
   */
  public static <T> T await(Uni<T> uni) {
    return uni.await().atMost(Duration.ofSeconds(30));
  }

  /**
   * A time after {@link #T0}.
   *
   * @param seconds how many seconds after
   * @return the time
   */
  public static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /**
   * A run builder with the given identity and creation time.
   *
   * @param runId the id
   * @param job the job
   * @param status the status
   * @param created seconds after {@link #T0}
   * @return the builder
   */
  public static Run.Builder run(String runId, String job, RunStatus status, long created) {
    return Run.builder(runId, job, "etl").status(status).createTime(at(created));
  }

  /**
   * A step event.
   *
   * @param runId the run
   * @param step the step
   * @param attempt the attempt
   * @param sequence the sequence
   * @param type the type
   * @param payload the payload, or null
   * @return the event
   */
  public static EventRecord stepEvent(
      String runId,
      String step,
      int attempt,
      long sequence,
      DagsterEventType type,
      EventPayload payload) {
    return new EventRecord(
        runId,
        step,
        attempt,
        sequence,
        at(sequence),
        type,
        EventLevel.INFO,
        type + " #" + sequence,
        payload);
  }

  /**
   * A run-level event (written by a host).
   *
   * @param runId the run
   * @param type the type
   * @param when seconds after {@link #T0}
   * @return the event
   */
  public static EventRecord runEvent(String runId, DagsterEventType type, long when) {
    return new EventRecord(
        runId, null, 0, 0, at(when), type, EventLevel.DEBUG, "run event " + type, null);
  }

  /**
   * A batch of log events with sequences {@code from} to {@code to} inclusive.
   *
   * @param runId the run
   * @param step the step
   * @param attempt the attempt
   * @param from the first sequence
   * @param to the last sequence
   * @return the batch
   */
  public static StepEventBatch logBatch(
      String runId, String step, int attempt, long from, long to) {
    List<EventRecord> events = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      events.add(stepEvent(runId, step, attempt, s, DagsterEventType.LOG_MESSAGE, null));
    }
    return new StepEventBatch(runId, step, attempt, events);
  }

  /**
   * A materialization event, with some metadata.
   *
   * @param runId the run
   * @param step the step
   * @param sequence the sequence within attempt 1
   * @param key the asset
   * @param partition the partition, or null
   * @return the event
   */
  public static EventRecord materialization(
      String runId, String step, long sequence, AssetKeySnapshot key, String partition) {
    return stepEvent(
        runId,
        step,
        1,
        sequence,
        DagsterEventType.ASSET_MATERIALIZATION,
        new MaterializationPayload(
            key,
            "stored " + key,
            List.of(
                new MetadataEntrySnapshot("rows", new MetadataValueSnapshot.Int(42)),
                new MetadataEntrySnapshot(
                    "preview", new MetadataValueSnapshot.Json(Map.of("a", List.of(1L, 2.5))))),
            partition));
  }

  /**
   * Runs the same task on many threads at once and collects what each returned or threw.
   *
   * @param threads how many
   * @param task the task, given its thread's number
   * @return each thread's result, or its exception
   * @throws Exception when the executor fails
   */
  public static List<Object> concurrently(int threads, IndexedTask task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        Callable<Object> call =
            () -> {
              try {
                return task.run(n);
              } catch (RuntimeException e) {
                return e;
              }
            };
        futures.add(pool.submit(call));
      }
      List<Object> results = new ArrayList<>();
      for (Future<Object> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A task run on several threads. */
  @FunctionalInterface
  public interface IndexedTask {
    /**
     * Runs the task.
     *
     * @param thread the thread's number, from 0
     * @return a result
     */
    Object run(int thread);
  }
}
