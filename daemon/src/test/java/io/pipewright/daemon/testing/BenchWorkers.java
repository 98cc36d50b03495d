package io.pipewright.daemon.testing;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepSuccessPayload;
import io.pipewright.core.event.TypeCheckSnapshot;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatusListener;
import io.pipewright.core.launch.InMemoryStepLauncher;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StatusWatch;
import io.pipewright.core.launch.StepLauncher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Fake workers for measurements: each launched attempt "works" for a fixed time on a pool of
 * threads, then stores STEP_START, STEP_OUTPUT and STEP_SUCCESS and exits 0. Records when each
 * launch call came and when each success was stored (System.nanoTime), for the orchestrator's time
 * per step. Steps matching {@link #hold} wait until {@link #release}.
 */
public final class BenchWorkers implements StepLauncher, AutoCloseable {

  private final InMemoryStepLauncher platform = new InMemoryStepLauncher(Clock.systemUTC());
  private final EventLog events;
  private final Duration work;
  private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
  public final Map<AttemptId, Long> launchCalls = new ConcurrentHashMap<>();
  public final Map<AttemptId, Long> successStored = new ConcurrentHashMap<>();
  private final Set<AttemptId> held = ConcurrentHashMap.newKeySet();
  private volatile Predicate<AttemptId> hold = id -> false;

  /**
   * Creates the workers.
   *
   * @param events where they store their events
   * @param work how long each works
   */
  public BenchWorkers(EventLog events, Duration work) {
    this.events = events;
    this.work = work;
  }

  /**
   * Holds the attempts that match until {@link #release}.
   *
   * @param which the attempts to hold
   */
  public void hold(Predicate<AttemptId> which) {
    this.hold = which;
  }

  /**
   * Finishes every held attempt now, from the calling thread.
   *
   * @return how many were released
   */
  public int release() {
    List<AttemptId> now = List.copyOf(held);
    held.removeAll(now);
    for (AttemptId id : now) {
      finish(id);
    }
    return now.size();
  }

  /**
   * Counts the held attempts.
   *
   * @return the count
   */
  public int heldCount() {
    return held.size();
  }

  @Override
  public CompletionStage<LaunchResult> launch(LaunchRequest request) {
    AttemptId id = request.attempt();
    launchCalls.putIfAbsent(id, System.nanoTime());
    CompletionStage<LaunchResult> result = platform.launch(request);
    if (result.toCompletableFuture().join().outcome() == LaunchResult.Outcome.LAUNCHED) {
      platform.running(id);
      if (hold.test(id)) {
        held.add(id);
      } else {
        pool.schedule(() -> finish(id), work.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
    return result;
  }

  private void finish(AttemptId id) {
    Instant now = Instant.now();
    events.ingest(successBatch(id, now)).await().indefinitely();
    successStored.put(id, System.nanoTime());
    platform.succeed(id);
  }

  /**
   * What a fake worker stores for a successful attempt: STEP_START, STEP_OUTPUT and STEP_SUCCESS,
   * as one ingest batch (shared with the Kubernetes benchmark's kubelet).
   *
   * @param id the attempt
   * @param now the events' time
   * @return the batch
   */
  public static StepEventBatch successBatch(AttemptId id, Instant now) {
    return new StepEventBatch(
        id.runId(),
        id.stepKey(),
        id.attempt(),
        List.of(
            event(id, 0, now, DagsterEventType.STEP_START, null),
            event(
                id,
                1,
                now,
                DagsterEventType.STEP_OUTPUT,
                new StepOutputPayload(
                    "result", null, new TypeCheckSnapshot(true, null, List.of()), List.of())),
            event(id, 2, now, DagsterEventType.STEP_SUCCESS, new StepSuccessPayload(1))));
  }

  private static EventRecord event(
      AttemptId id, long sequence, Instant at, DagsterEventType type, EventPayload payload) {
    return new EventRecord(
        id.runId(), id.stepKey(), id.attempt(), sequence, at, type, EventLevel.INFO, "", payload);
  }

  @Override
  public StatusWatch watch(AttemptStatusListener listener) {
    return platform.watch(listener);
  }

  @Override
  public CompletionStage<Void> terminate(AttemptId attempt) {
    return platform.terminate(attempt);
  }

  @Override
  public CompletionStage<Void> terminateRun(String runId) {
    return platform.terminateRun(runId);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
