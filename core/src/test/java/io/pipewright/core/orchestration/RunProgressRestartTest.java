package io.pipewright.core.orchestration;

import static io.pipewright.core.orchestration.Plans.mapped;
import static io.pipewright.core.orchestration.Plans.plan;
import static io.pipewright.core.orchestration.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.step.StepAttemptStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A daemon restart: a fresh view rebuilt from the event log and the launcher's replay decides as
 * the old one would have, launches nothing twice under a new id, and writes nothing twice.
 */
class RunProgressRestartTest {

  private static final ExecutionPlanSnapshot DYNAMIC =
      plan(
          step("fan_out").dynamicOut("items"),
          step("double").mappedOver("fan_out", "items").in("x", "fan_out", "items"),
          step("sum").collect("values", mapped("double"), "result"),
          step("side"),
          step("after_side").in("x", "side"));

  @Test
  void shouldRebuildTheSameViewAndDecideNothingNewWhenTheLogIsReplayed() {
    Driver run = new Driver(DYNAMIC);
    run.decide();
    run.fanOut("fan_out", "a", "b");
    run.fail("side");
    run.decide(); // launches double[a], double[b]; skips after_side
    run.succeed("double[a]");

    Driver restarted = run.restarted(DYNAMIC, OrchestrationSettings.DEFAULTS);
    for (AttemptId live : restarted.progress.liveAttempts()) {
      restarted.progress.apply(AttemptStatus.running(live, restarted.now));
    }
    RunDecision decision = restarted.decide();

    assertThat(restarted.progress.steps())
        .extracting(StepView::key, StepView::status)
        .containsExactlyElementsOf(
            run.progress.steps().stream()
                .map(v -> org.assertj.core.groups.Tuple.tuple(v.key(), v.status()))
                .toList());
    assertThat(decision.launches()).isEmpty();
    assertThat(decision.events()).as("no skip written twice").isEmpty();
    assertThat(decision.ignored()).isEmpty();
    assertThat(restarted.progress.dynamicMappings()).isEqualTo(run.progress.dynamicMappings());
  }

  @Test
  void shouldLaunchAgainUnderTheSameIdWhenTheOldDaemonRecordedALaunchItMayNotHaveMade() {
    ExecutionPlanSnapshot plan = plan(step("a"), step("b").in("x", "a"));
    Driver run = new Driver(plan);
    run.decide(); // STEP_WORKER_STARTING for a#1 is in the log; then the daemon dies

    Driver restarted = run.restarted(plan, OrchestrationSettings.DEFAULTS);
    RunDecision decision = restarted.decide();

    assertThat(decision.launches())
        .extracting(StepLaunch::attempt)
        .containsExactly(new AttemptId(Driver.RUN, "a", 1));
    assertThat(decision.events()).as("the launch is recorded once").isEmpty();
    assertThat(restarted.decide().launches()).as("and issued once").isEmpty();
  }

  @Test
  void shouldNotLaunchAgainWhenTheLauncherAlreadyReportsTheRecordedAttempt() {
    ExecutionPlanSnapshot plan = plan(step("a"));
    Driver run = new Driver(plan);
    run.decide();

    Driver restarted = run.restarted(plan, OrchestrationSettings.DEFAULTS);
    restarted.progress.apply(AttemptStatus.running(new AttemptId(Driver.RUN, "a", 1), run.now));

    assertThat(restarted.decide().launches()).isEmpty();
  }

  @Test
  void shouldAdoptAnAttemptTheLauncherKnowsButTheLogDoesNot() {
    ExecutionPlanSnapshot plan = plan(step("a"));
    RunProgress fresh =
        RunProgress.start(Driver.RUN, plan, java.util.Map.of(), OrchestrationSettings.DEFAULTS);
    fresh.apply(
        new EventRecord(
            Driver.RUN,
            null,
            0,
            0,
            Driver.T0,
            DagsterEventType.RUN_START,
            io.pipewright.core.event.EventLevel.INFO,
            "",
            null));

    fresh.apply(AttemptStatus.running(new AttemptId(Driver.RUN, "a", 1), Driver.T0));
    RunDecision decision = fresh.decide(RunStatus.STARTED, Driver.T0, () -> 0.5);

    assertThat(decision.launches()).isEmpty();
    assertThat(fresh.step("a").orElseThrow().attempts()).containsExactly(StepAttemptStatus.RUNNING);
  }

  @Test
  void shouldKeepTheRetryScheduleAndTheInfrastructureBudgetAcrossARestart() {
    ExecutionPlanSnapshot plan = plan(step("a"));
    Driver run = new Driver(plan);
    run.decide();
    run.launcherFailed("a", AttemptFailureReason.EVICTED);
    run.decide(); // infra retry 1, due in 10 s

    run.advance(Duration.ofSeconds(4));
    Driver restarted = run.restarted(plan, OrchestrationSettings.DEFAULTS);
    RunDecision early = restarted.decide();

    assertThat(early.launches()).isEmpty();
    assertThat(early.wakeUpAt()).isEqualTo(Driver.T0.plusSeconds(10));
    assertThat(restarted.progress.step("a").orElseThrow().infrastructureRetriesUsed()).isEqualTo(1);
    restarted.advance(Duration.ofSeconds(6));
    StepLaunch retry = restarted.decide().launches().get(0);
    assertThat(retry.attempt().attempt()).isEqualTo(2);
    assertThat(retry.origin()).isEqualTo(AttemptOrigin.INFRASTRUCTURE_RETRY);
  }

  @Test
  void shouldKeepTheOpsRetryCountAcrossARestartWhenTheDaemonDecidedTheRetry() {
    ExecutionPlanSnapshot plan =
        plan(
            step("a")
                .retry(
                    new io.pipewright.core.snapshot.RetryPolicySnapshot(
                        1, Duration.ZERO, null, null)));
    Driver run = new Driver(plan);
    run.decide();
    run.started("a");
    run.exited("a", 1);
    run.advance(Duration.ofSeconds(10));
    run.decide(); // daemon-written STEP_UP_FOR_RETRY, attempt 2 launched

    Driver restarted = run.restarted(plan, OrchestrationSettings.DEFAULTS);
    restarted.progress.apply(AttemptStatus.running(new AttemptId(Driver.RUN, "a", 2), run.now));
    restarted.progress.apply(
        AttemptStatus.exited(new AttemptId(Driver.RUN, "a", 2), run.now, 1, List.of()));
    restarted.advance(Duration.ofSeconds(10));
    RunDecision decision = restarted.decide();

    assertThat(restarted.progress.step("a").orElseThrow().retriesUsed()).isEqualTo(1);
    assertThat(decision.stepKeysOf(DagsterEventType.STEP_FAILURE)).containsExactly("a");
    assertThat(decision.runStatus()).isEqualTo(RunStatus.FAILURE);
  }

  @Test
  void shouldIgnoreAStatusOfAnOlderAttemptOnceANewerOneExists() {
    ExecutionPlanSnapshot plan = plan(step("a"));
    Driver run = new Driver(plan);
    run.decide();
    run.upForRetry("a", 0);
    run.decide();

    run.progress.apply(AttemptStatus.running(new AttemptId(Driver.RUN, "a", 3), run.now));

    assertThat(run.decide().ignored())
        .containsExactly(
            "launcher status of run-1/a#3 ignored: attempt 2 is still PENDING_LAUNCH.");
  }
}
