package io.pipewright.daemon.testing;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.event.StepFailurePayload;
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
import io.pipewright.core.snapshot.ErrorSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A step launcher for loop tests: core's {@link InMemoryStepLauncher} plus workers that, when
 * launched, write the events a real worker would write to the event log and then exit, by a script
 * per step key.
 */
public final class FakeWorkers implements StepLauncher {

  /** What a worker of a step does. */
  public enum Script {
    /** STEP_START, STEP_OUTPUT result, STEP_SUCCESS, exit 0. */
    SUCCEED,
    /** STEP_START, STEP_OUTPUT result, STEP_SUCCESS, and keeps running (its hooks run). */
    SUCCEED_AND_LINGER,
    /** STEP_START, STEP_FAILURE (user code error), exit 1. */
    FAIL,
    /** STEP_START, then dies with exit code 5 and a last line on standard error. */
    CRASH,
    /** STEP_START and keeps running until terminated. */
    HANG,
    /** Nothing happens until the test moves it (pending). */
    MANUAL
  }

  private final InMemoryStepLauncher launcher;
  private final EventLog events;
  private final Clock clock;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private volatile Script defaultScript = Script.SUCCEED;
  private volatile Consumer<LaunchRequest> beforeLaunch = request -> {};
  private final List<AttemptId> started = new ArrayList<>();

  /**
   * Creates the workers.
   *
   * @param events where workers write their events
   * @param clock the time of statuses and events
   */
  public FakeWorkers(EventLog events, Clock clock) {
    this.launcher = new InMemoryStepLauncher(clock);
    this.events = events;
    this.clock = clock;
  }

  /**
   * Sets what the workers of a step do.
   *
   * @param stepKey the step
   * @param script what they do
   * @return this
   */
  public FakeWorkers script(String stepKey, Script script) {
    scripts.put(stepKey, script);
    return this;
  }

  /**
   * Sets what workers of steps without a script do.
   *
   * @param script what they do
   * @return this
   */
  public FakeWorkers byDefault(Script script) {
    this.defaultScript = script;
    return this;
  }

  /**
   * Runs before every launch call (to simulate a crash, throw).
   *
   * @param hook the hook
   */
  public void beforeLaunch(Consumer<LaunchRequest> hook) {
    this.beforeLaunch = hook;
  }

  /**
   * The fake platform underneath.
   *
   * @return the in-memory launcher
   */
  public InMemoryStepLauncher platform() {
    return launcher;
  }

  /**
   * The attempts whose workers started, in order (once each).
   *
   * @return the attempts
   */
  public synchronized List<AttemptId> started() {
    return List.copyOf(started);
  }

  @Override
  public CompletionStage<LaunchResult> launch(LaunchRequest request) {
    beforeLaunch.accept(request);
    CompletionStage<LaunchResult> result = launcher.launch(request);
    LaunchResult answer = result.toCompletableFuture().join();
    if (answer.outcome() == LaunchResult.Outcome.LAUNCHED) {
      run(request.attempt());
    }
    return result;
  }

  private void run(AttemptId id) {
    Script script = scripts.getOrDefault(id.stepKey(), defaultScript);
    if (script == Script.MANUAL) {
      return;
    }
    synchronized (this) {
      started.add(id);
    }
    launcher.running(id);
    List<EventRecord> batch = new ArrayList<>();
    batch.add(event(id, 0, DagsterEventType.STEP_START, null));
    switch (script) {
      case SUCCEED_AND_LINGER -> {
        batch.add(
            event(
                id,
                1,
                DagsterEventType.STEP_OUTPUT,
                new StepOutputPayload(
                    "result", null, new TypeCheckSnapshot(true, null, List.of()), List.of())));
        batch.add(event(id, 2, DagsterEventType.STEP_SUCCESS, new StepSuccessPayload(5)));
        ingest(id, batch);
      }
      case SUCCEED -> {
        batch.add(
            event(
                id,
                1,
                DagsterEventType.STEP_OUTPUT,
                new StepOutputPayload(
                    "result", null, new TypeCheckSnapshot(true, null, List.of()), List.of())));
        batch.add(event(id, 2, DagsterEventType.STEP_SUCCESS, new StepSuccessPayload(5)));
        ingest(id, batch);
        launcher.succeed(id);
      }
      case FAIL -> {
        batch.add(
            event(
                id,
                1,
                DagsterEventType.STEP_FAILURE,
                new StepFailurePayload(
                    ErrorSnapshot.of("java.lang.IllegalStateException", "the op failed"),
                    StepFailurePayload.ErrorSource.USER_CODE_ERROR,
                    List.of())));
        ingest(id, batch);
        launcher.exit(id, 1, List.of("execute-step: step failed"));
      }
      case CRASH -> {
        ingest(id, batch);
        launcher.exit(id, 5, List.of("java.lang.OutOfMemoryError: Java heap space"));
      }
      case HANG -> ingest(id, batch);
      default -> throw new IllegalStateException("Unhandled script " + script);
    }
  }

  /**
   * Makes a hanging worker succeed: its output and STEP_SUCCESS, then exit 0.
   *
   * @param id the attempt
   */
  public void finish(AttemptId id) {
    ingest(
        id,
        List.of(
            event(
                id,
                1,
                DagsterEventType.STEP_OUTPUT,
                new StepOutputPayload(
                    "result", null, new TypeCheckSnapshot(true, null, List.of()), List.of())),
            event(id, 2, DagsterEventType.STEP_SUCCESS, new StepSuccessPayload(5))));
    launcher.succeed(id);
  }

  /**
   * Writes one more event of an attempt, as a worker's hook would after its step's success.
   *
   * @param id the attempt
   * @param sequence the event's sequence
   * @param type its type
   */
  public void report(AttemptId id, long sequence, DagsterEventType type) {
    ingest(id, List.of(event(id, sequence, type, null)));
  }

  private void ingest(AttemptId id, List<EventRecord> batch) {
    events
        .ingest(new StepEventBatch(id.runId(), id.stepKey(), id.attempt(), batch))
        .await()
        .indefinitely();
  }

  private EventRecord event(AttemptId id, long sequence, DagsterEventType type, Object payload) {
    return new EventRecord(
        id.runId(),
        id.stepKey(),
        id.attempt(),
        sequence,
        clock.instant(),
        type,
        type == DagsterEventType.STEP_FAILURE ? EventLevel.ERROR : EventLevel.INFO,
        type.name(),
        (io.pipewright.core.event.EventPayload) payload);
  }

  @Override
  public StatusWatch watch(AttemptStatusListener listener) {
    return launcher.watch(listener);
  }

  @Override
  public CompletionStage<Void> terminate(AttemptId attempt) {
    return launcher.terminate(attempt);
  }

  @Override
  public CompletionStage<Void> terminateRun(String runId) {
    return launcher.terminateRun(runId);
  }
}
