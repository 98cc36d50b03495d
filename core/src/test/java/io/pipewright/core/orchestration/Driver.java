package io.pipewright.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.event.StepSuccessPayload;
import io.pipewright.core.event.TypeCheckSnapshot;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.run.RunStateMachine;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives a {@link RunProgress} one cycle at a time on a fake clock, the way the daemon's loop
 * would, and records everything it decided: the events it appended (the "event log"), launches and
 * terminations. Worker events and launcher reports are fed in by the test.
 */
final class Driver {
  static final String RUN = "run-1";
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  final RunProgress progress;
  Instant now = T0;
  RunStatus status = RunStatus.STARTING;
  double random = 0.5;
  final List<EventRecord> log = new ArrayList<>();
  final List<StepLaunch> launches = new ArrayList<>();
  final List<AttemptId> terminations = new ArrayList<>();
  RunDecision last;

  Driver(ExecutionPlanSnapshot plan) {
    this(plan, OrchestrationSettings.DEFAULTS, Map.of());
  }

  Driver(ExecutionPlanSnapshot plan, OrchestrationSettings settings) {
    this(plan, settings, Map.of());
  }

  Driver(ExecutionPlanSnapshot plan, OrchestrationSettings settings, Map<String, String> tags) {
    this.progress = RunProgress.start(RUN, plan, tags, settings);
  }

  /** One cycle: decide, "append" the events, move the run as told. */
  RunDecision decide() {
    last = progress.decide(status, now, () -> random);
    log.addAll(last.events());
    launches.addAll(last.launches());
    terminations.addAll(last.terminations());
    if (last.runStatus() != null) {
      status = RunStateMachine.transition(status, last.runStatus());
    }
    return last;
  }

  void advance(Duration by) {
    now = now.plus(by);
  }

  /** The launch of the latest attempt of a step. */
  AttemptId attempt(String stepKey) {
    for (int i = launches.size() - 1; i >= 0; i--) {
      if (launches.get(i).attempt().stepKey().equals(stepKey)) {
        return launches.get(i).attempt();
      }
    }
    throw new AssertionError("Step " + stepKey + " was never launched; launches: " + launches);
  }

  // ------------------------------------------------------------ worker events

  /**
   * A worker's event: appended to the log (after the daemon's, as the ingest would) and applied.
   */
  void event(AttemptId id, DagsterEventType type, EventPayload payload) {
    EventRecord event =
        new EventRecord(
            RUN, id.stepKey(), id.attempt(), 0, now, type, EventLevel.INFO, "", payload);
    log.add(event);
    progress.apply(event);
  }

  void started(String stepKey) {
    event(attempt(stepKey), DagsterEventType.STEP_START, null);
  }

  void output(String stepKey, String output, String mappingKey) {
    event(
        attempt(stepKey),
        DagsterEventType.STEP_OUTPUT,
        new StepOutputPayload(
            output, mappingKey, new TypeCheckSnapshot(true, null, List.of()), List.of()));
  }

  /** STEP_START, the given outputs ({@code result} when none), STEP_SUCCESS. */
  void succeed(String stepKey, String... outputs) {
    started(stepKey);
    if (outputs.length == 0) {
      output(stepKey, "result", null);
    }
    for (String out : outputs) {
      output(stepKey, out, null);
    }
    event(attempt(stepKey), DagsterEventType.STEP_SUCCESS, new StepSuccessPayload(5));
  }

  /** A dynamic step that yields the mapping keys on output {@code items}. */
  void fanOut(String stepKey, String... mappingKeys) {
    started(stepKey);
    for (String key : mappingKeys) {
      output(stepKey, "items", key);
    }
    event(attempt(stepKey), DagsterEventType.STEP_SUCCESS, new StepSuccessPayload(5));
  }

  void fail(String stepKey) {
    started(stepKey);
    event(
        attempt(stepKey),
        DagsterEventType.STEP_FAILURE,
        new StepFailurePayload(
            ErrorSnapshot.of("java.lang.IllegalStateException", "boom"),
            StepFailurePayload.ErrorSource.USER_CODE_ERROR,
            List.of()));
  }

  void upForRetry(String stepKey, double seconds) {
    started(stepKey);
    event(
        attempt(stepKey),
        DagsterEventType.STEP_UP_FOR_RETRY,
        new StepRetryPayload(ErrorSnapshot.of("java.io.IOException", "flaky"), 1, seconds));
  }

  // ------------------------------------------------------------ launcher reports

  void running(String stepKey) {
    progress.apply(AttemptStatus.running(attempt(stepKey), now));
  }

  void exited(String stepKey, int code, String... lines) {
    progress.apply(AttemptStatus.exited(attempt(stepKey), now, code, List.of(lines)));
  }

  void launcherFailed(String stepKey, AttemptFailureReason reason) {
    progress.apply(
        AttemptStatus.failed(
            attempt(stepKey), now, reason, null, reason + " by the fake", List.of()));
  }

  void terminated(String stepKey) {
    progress.apply(AttemptStatus.terminated(attempt(stepKey), now));
  }

  // ------------------------------------------------------------ views

  StepStatus statusOf(String stepKey) {
    return progress
        .step(stepKey)
        .orElseThrow(() -> new AssertionError("no step " + stepKey))
        .status();
  }

  List<String> logKeys(DagsterEventType type) {
    List<String> keys = new ArrayList<>();
    for (EventRecord event : log) {
      if (event.type() == type) {
        keys.add(event.stepKey() == null ? "<run>" : event.stepKey());
      }
    }
    return keys;
  }

  EventRecord lastLogged(DagsterEventType type) {
    for (int i = log.size() - 1; i >= 0; i--) {
      if (log.get(i).type() == type) {
        return log.get(i);
      }
    }
    throw new AssertionError("No " + type + " in the log: " + log);
  }

  /**
   * A restarted daemon: a fresh view of the same plan fed the whole log so far, driven on from the
   * same time and run status.
   */
  Driver restarted(ExecutionPlanSnapshot plan, OrchestrationSettings settings) {
    Driver fresh = new Driver(plan, settings);
    fresh.now = now;
    fresh.status = status;
    fresh.random = random;
    for (EventRecord event : log) {
      fresh.progress.apply(event);
    }
    fresh.log.addAll(log);
    fresh.launches.addAll(launches);
    return fresh;
  }

  void assertRunEnded(RunStatus expected) {
    assertThat(status).isEqualTo(expected);
  }
}
