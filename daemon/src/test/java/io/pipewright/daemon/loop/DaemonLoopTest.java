package io.pipewright.daemon.loop;

import static io.pipewright.core.event.DagsterEventType.RUN_CANCELED;
import static io.pipewright.core.event.DagsterEventType.RUN_FAILURE;
import static io.pipewright.core.event.DagsterEventType.RUN_START;
import static io.pipewright.core.event.DagsterEventType.RUN_STARTING;
import static io.pipewright.core.event.DagsterEventType.RUN_SUCCESS;
import static io.pipewright.core.event.DagsterEventType.STEP_FAILURE;
import static io.pipewright.core.event.DagsterEventType.STEP_SUCCESS;
import static io.pipewright.core.event.DagsterEventType.STEP_WORKER_STARTING;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.RunFailurePayload;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.orchestration.OrchestrationSettings;
import io.pipewright.core.queue.RunQueueLimits;
import io.pipewright.core.run.RunStatus;
import io.pipewright.daemon.testing.FakeWorkers.Script;
import io.pipewright.daemon.testing.Harness;
import io.pipewright.daemon.testing.Plans;
import io.pipewright.protocol.mapping.StepArgsCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The loops stepped by hand against in-memory storage and fake workers. */
class DaemonLoopTest {

  @Test
  void shouldRunAQueuedRunToSuccessWhenEveryStepSucceeds() {
    Harness h = new Harness();
    String runId = h.queue(Plans.chain("etl_job", "extract", "transform", "load"));

    h.settle();

    assertThat(h.run(runId).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(h.run(runId).startTime()).isNotNull();
    assertThat(h.run(runId).endTime()).isNotNull();
    List<EventRecord> events = h.events(runId);
    assertThat(h.types(runId))
        .containsSubsequence(
            RUN_STARTING, RUN_START, STEP_WORKER_STARTING, STEP_SUCCESS, RUN_SUCCESS);
    assertThat(events.stream().filter(e -> e.type() == STEP_SUCCESS).map(EventRecord::stepKey))
        .containsExactly("extract", "transform", "load");
    assertThat(h.workers.started())
        .containsExactly(
            new AttemptId(runId, "extract", 1),
            new AttemptId(runId, "transform", 1),
            new AttemptId(runId, "load", 1));
    assertThat(h.loop.drivenRuns()).isEmpty();
  }

  @Test
  void shouldPassTheRunAndStepToTheWorkerWhenLaunching() {
    Harness h = new Harness();
    String runId = h.queue(Plans.chain("etl_job", "extract"));

    h.settle();

    LaunchRequest request = h.workers.platform().launched().get(0);
    assertThat(request.codeLocation()).isEqualTo("etl");
    assertThat(request.command()).hasSize(3).startsWith("execute-step", "--args");
    var args = StepArgsCodec.decode(request.command().get(2));
    assertThat(args.runId()).isEqualTo(runId);
    assertThat(args.jobName()).isEqualTo("etl_job");
    assertThat(args.stepKey()).isEqualTo("extract");
    assertThat(args.attempt()).isEqualTo(1);
    assertThat(args.codeLocationName()).isEqualTo("etl");
  }

  @Test
  void shouldEndTheRunAfterItsLastWorkerExitedWhenHookEventsFollowTheStepsSuccess() {
    Harness h = new Harness();
    h.workers.script("load", Script.SUCCEED_AND_LINGER);
    String runId = h.queue(Plans.chain("etl_job", "extract", "load"));
    h.settle();
    assertThat(h.run(runId).status()).isEqualTo(RunStatus.STARTED);

    AttemptId load = new AttemptId(runId, "load", 1);
    h.workers.report(load, 3, io.pipewright.core.event.DagsterEventType.HOOK_COMPLETED);
    h.workers.platform().succeed(load);
    h.settle();

    assertThat(h.run(runId).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(h.types(runId))
        .endsWith(io.pipewright.core.event.DagsterEventType.HOOK_COMPLETED, RUN_SUCCESS);
  }

  @Test
  void shouldEndTheRunAfterTheGracePeriodWhenAWorkerLingersAfterItsStepsSuccess() {
    Harness h = new Harness();
    h.workers.script("load", Script.SUCCEED_AND_LINGER);
    String runId = h.queue(Plans.chain("etl_job", "load"));
    h.settle();

    h.advance(OrchestrationSettings.DEFAULTS.exitGracePeriod());

    assertThat(h.run(runId).status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void shouldFailTheRunWithTheStepFailureWhenAnOpFails() {
    Harness h = new Harness();
    h.workers.script("transform", Script.FAIL);
    String runId = h.queue(Plans.chain("etl_job", "extract", "transform", "load"));

    h.settle();

    assertThat(h.run(runId).status()).isEqualTo(RunStatus.FAILURE);
    EventRecord failure = last(h.events(runId), RUN_FAILURE);
    assertThat(failure.payload(RunFailurePayload.class).orElseThrow().failedStepKeys())
        .containsExactly("transform");
    assertThat(h.workers.started())
        .extracting(AttemptId::stepKey)
        .containsExactly("extract", "transform");
  }

  @Test
  void shouldFailTheStepWithExitCodeAndLastLogLinesWhenTheWorkerDiesWithoutEvents() {
    Harness h = new Harness();
    h.workers.script("transform", Script.CRASH);
    String runId = h.queue(Plans.chain("etl_job", "extract", "transform"));

    h.settle();
    // The daemon waits for late events for the exit grace period, then decides from the exit.
    h.advance(OrchestrationSettings.DEFAULTS.exitGracePeriod());

    assertThat(h.run(runId).status()).isEqualTo(RunStatus.FAILURE);
    EventRecord stepFailure = last(h.events(runId), STEP_FAILURE);
    String message = stepFailure.payload(StepFailurePayload.class).orElseThrow().error().message();
    assertThat(message).contains("exit code 5").contains("Java heap space");
  }

  @Test
  void shouldRetryTheStepWhenTheOpPolicyAllowsIt() {
    Harness h = new Harness();
    h.workers.script("flaky", Script.CRASH);
    String runId = h.queue(Plans.plan("job", Plans.step("flaky").retries(1)));

    h.settle();
    h.workers.script("flaky", Script.SUCCEED);
    h.advance(OrchestrationSettings.DEFAULTS.exitGracePeriod());
    h.advance(Duration.ofSeconds(1));

    assertThat(h.run(runId).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(h.workers.started())
        .containsExactly(new AttemptId(runId, "flaky", 1), new AttemptId(runId, "flaky", 2));
  }

  @Test
  void shouldAdmitRunsUpToTheLimitAndTheNextWhenOneEnds() {
    Harness h = new Harness(RunQueueLimits.of(1), OrchestrationSettings.DEFAULTS);
    h.workers.byDefault(Script.HANG);
    String first = h.queue(Plans.chain("job", "a"));
    h.clock.advance(Duration.ofSeconds(1));
    String second = h.queue(Plans.chain("job", "a"));

    h.settle();

    assertThat(h.run(first).status()).isEqualTo(RunStatus.STARTED);
    assertThat(h.run(second).status()).isEqualTo(RunStatus.QUEUED);

    h.workers.platform().succeed(new AttemptId(first, "a", 1));
    h.settle();
    h.advance(OrchestrationSettings.DEFAULTS.exitGracePeriod());

    assertThat(h.run(first).status()).isEqualTo(RunStatus.FAILURE);
    assertThat(h.run(second).status()).isEqualTo(RunStatus.STARTED);
    assertThat(h.types(second)).contains(RUN_STARTING);
  }

  @Test
  void shouldStopTheStepsAndCancelTheRunWhenACancelIsRequested() {
    Harness h = new Harness();
    h.workers.byDefault(Script.HANG);
    String runId = h.queue(Plans.chain("job", "slow"));
    h.settle();

    h.cancel(runId);
    h.settle();

    assertThat(h.workers.platform().terminateCalls()).contains(new AttemptId(runId, "slow", 1));
    assertThat(h.run(runId).status()).isEqualTo(RunStatus.CANCELED);
    assertThat(h.types(runId)).endsWith(RUN_CANCELED);
  }

  @Test
  void shouldFailTheRunClearlyWhenItsPlanCannotBeFound() {
    Harness h = new Harness();
    String runId = h.queue(null, "etl", Map.of());

    h.settle();

    assertThat(h.run(runId).status()).isEqualTo(RunStatus.FAILURE);
    EventRecord failure = last(h.events(runId), RUN_FAILURE);
    assertThat(failure.message()).contains("has no execution plan snapshot");
    assertThat(h.workers.started()).isEmpty();
  }

  @Test
  void shouldFailTheRunWithTheReasonWhenItsCodeLocationIsGone() {
    Harness h = new Harness();
    h.knownLocations(Set.of("etl"));
    String runId = h.queue(Plans.chain("job", "a"), "sales", Map.of());

    h.settle();

    assertThat(h.run(runId).status()).isEqualTo(RunStatus.FAILURE);
    assertThat(last(h.events(runId), RUN_FAILURE).message())
        .contains("Code location 'sales' is gone");
    assertThat(h.workers.started()).isEmpty();
  }

  @Test
  void shouldLaunchTheRecordedAttemptOnceWhenTheDaemonDiedBeforeLaunchingIt() {
    Harness h = new Harness();
    String runId = h.queue(Plans.chain("job", "extract", "load"));
    h.workers.beforeLaunch(
        request -> {
          if (request.attempt().stepKey().equals("load")) {
            throw new IllegalStateException("the daemon died here");
          }
        });
    h.settle();
    assertThat(h.types(runId)).filteredOn(t -> t == STEP_WORKER_STARTING).hasSize(2);
    assertThat(h.workers.started()).extracting(AttemptId::stepKey).containsExactly("extract");

    h.workers.beforeLaunch(request -> {});
    h.loop.close();
    h.restart();
    h.settle();

    assertThat(h.run(runId).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(h.workers.started())
        .containsExactly(new AttemptId(runId, "extract", 1), new AttemptId(runId, "load", 1));
    assertThat(h.types(runId)).filteredOn(t -> t == STEP_WORKER_STARTING).hasSize(2);
  }

  @Test
  void shouldAdoptARunningAttemptWithoutRelaunchingItWhenANewDaemonTakesOver() {
    Harness h = new Harness();
    h.workers.byDefault(Script.HANG);
    String runId = h.queue(Plans.chain("job", "slow"));
    h.settle();
    h.loop.close();

    h.restart();
    h.settle();
    AttemptId attempt = new AttemptId(runId, "slow", 1);
    h.workers.platform().succeed(attempt);
    h.settle();
    h.advance(OrchestrationSettings.DEFAULTS.exitGracePeriod());

    assertThat(h.workers.platform().launchCalls()).isEqualTo(1);
    assertThat(h.workers.started()).containsExactly(attempt);
  }

  @Test
  void shouldEndTheRunAtOnceWhenALateLiveStatusOfAnEndedWorkerComes() {
    Harness h = new Harness();
    h.workers.script("collect", Script.HANG);
    String runId = h.queue(Plans.chain("job", "root", "collect"));
    h.settle();
    AttemptId root = new AttemptId(runId, "root", 1);
    assertThat(h.workers.platform().status(root).phase()).isEqualTo(AttemptStatus.Phase.SUCCEEDED);

    // A stale live status of root's worker, after its end (a platform's late or replayed report).
    h.workers.platform().report(AttemptStatus.pending(root, h.clock.instant()));
    h.settle();
    h.workers.finish(new AttemptId(runId, "collect", 1));
    h.settle();

    assertThat(h.run(runId).status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void shouldAdmitARunAtOnceWhenItsEnqueuedEventIsSeenBeforeItIsQueued() {
    Harness h = new Harness();
    h.settle();
    String runId = h.enqueueWithoutQueuing(Plans.chain("job", "a"));
    // The notification of RUN_ENQUEUED triggers an admission while the run is not QUEUED yet.
    h.advance(DaemonLoop.ADMISSION_GAP.multipliedBy(2));
    assertThat(h.run(runId).status()).isEqualTo(RunStatus.NOT_STARTED);

    h.moveToQueued(runId);
    h.advance(Duration.ofMillis(500));

    assertThat(h.run(runId).status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void shouldNotAdmitAgainAndAgainWhenANotifiedRunIsNeverQueued() {
    Harness h = new Harness();
    h.settle();
    String runId = h.enqueueWithoutQueuing(Plans.chain("job", "a"));
    h.advance(DaemonLoop.ADMISSION_GAP.multipliedBy(2));

    for (int i = 0; i < 30; i++) {
      h.advance(Duration.ofMillis(100));
    }

    assertThat(h.loop.nextWakeUp()).isAfter(h.clock.instant().plus(Duration.ofSeconds(1)));
    assertThat(h.run(runId).status()).isEqualTo(RunStatus.NOT_STARTED);
  }

  private static EventRecord last(
      List<EventRecord> events, io.pipewright.core.event.DagsterEventType type) {
    EventRecord found = null;
    for (EventRecord event : events) {
      if (event.type() == type) {
        found = event;
      }
    }
    assertThat(found).as("an event of type " + type).isNotNull();
    return found;
  }
}
