package io.pipewright.core.orchestration;

import static io.pipewright.core.orchestration.Plans.plan;
import static io.pipewright.core.orchestration.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.RunFailurePayload;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.step.StepAttemptStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cancel while steps run: stop every live attempt, launch nothing, end CANCELED. */
class RunProgressCancelTest {

  private static final ExecutionPlanSnapshot PLAN =
      plan(step("a"), step("b"), step("c").in("x", "a"));

  @Test
  void shouldStopEveryLiveAttemptAndLaunchNothingWhenTheRunIsCanceling() {
    Driver run = new Driver(PLAN);
    run.decide();
    run.running("a");

    run.status = RunStatus.CANCELING;
    run.succeed("a"); // c would be ready now
    RunDecision decision = run.decide();

    assertThat(decision.launches()).isEmpty();
    assertThat(decision.terminations()).containsExactly(new AttemptId(Driver.RUN, "b", 1));
    assertThat(decision.runStatus()).isNull();
    assertThat(run.progress.step("b").orElseThrow().attempts())
        .containsExactly(StepAttemptStatus.TERMINATING);
    assertThat(decision.wakeUpAt()).isEqualTo(run.now.plus(Duration.ofMinutes(2)));
  }

  @Test
  void shouldEndCanceledWithAnInterruptFailurePerStoppedStepOnceEveryAttemptStopped() {
    Driver run = new Driver(PLAN);
    run.decide();
    run.status = RunStatus.CANCELING;
    run.decide();

    run.terminated("a");
    assertThat(run.decide().runStatus()).as("b still stopping").isNull();
    run.terminated("b");
    RunDecision decision = run.decide();

    assertThat(decision.stepKeysOf(DagsterEventType.STEP_FAILURE)).containsExactly("b");
    EventRecord interrupt =
        run.log.stream()
            .filter(e -> e.type() == DagsterEventType.STEP_FAILURE && "a".equals(e.stepKey()))
            .findFirst()
            .orElseThrow();
    assertThat(interrupt.payload(StepFailurePayload.class).orElseThrow().errorSource())
        .isEqualTo(StepFailurePayload.ErrorSource.INTERRUPT);
    assertThat(decision.runStatus()).isEqualTo(RunStatus.CANCELED);
    assertThat(run.logKeys(DagsterEventType.RUN_CANCELED)).containsExactly("<run>");
    assertThat(run.progress.liveAttempts()).isEmpty();
  }

  @Test
  void shouldLetAStepThatFinishesWhileBeingStoppedKeepItsOutcome() {
    Driver run = new Driver(PLAN);
    run.decide();
    run.status = RunStatus.CANCELING;
    run.decide();

    run.succeed("a");
    run.terminated("b");
    RunDecision decision = run.decide();

    assertThat(run.statusOf("a")).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(decision.stepKeysOf(DagsterEventType.STEP_FAILURE)).containsExactly("b");
    assertThat(decision.runStatus()).isEqualTo(RunStatus.CANCELED);
  }

  @Test
  void shouldCancelAtOnceWhenNoAttemptIsLive() {
    Driver run =
        new Driver(
            plan(
                step("a")
                    .retry(
                        new io.pipewright.core.snapshot.RetryPolicySnapshot(
                            1, Duration.ofHours(1), null, null))));
    run.decide();
    run.upForRetry("a", 3600);
    run.decide();

    run.status = RunStatus.CANCELING;
    RunDecision decision = run.decide();

    assertThat(decision.terminations()).isEmpty();
    assertThat(decision.runStatus()).isEqualTo(RunStatus.CANCELED);
  }

  @Test
  void shouldStopAnAttemptWhoseProcessHadAlreadyExitedWithoutAskingTheLauncher() {
    Driver run = new Driver(PLAN);
    run.decide();
    run.running("a");
    run.running("b");
    run.exited("a", 1);
    run.status = RunStatus.CANCELING;

    RunDecision decision = run.decide();

    assertThat(decision.terminations()).containsExactly(new AttemptId(Driver.RUN, "b", 1));
    assertThat(decision.stepKeysOf(DagsterEventType.STEP_FAILURE)).containsExactly("a");
  }

  @Test
  void shouldAskAgainWhenAnAttemptShowsUpAliveAfterItWasAskedToStop() {
    Driver run = new Driver(plan(step("a")));
    run.decide();
    run.status = RunStatus.CANCELING;
    run.decide();

    run.running("a"); // the launch raced with the terminate
    RunDecision decision = run.decide();

    assertThat(decision.terminations()).containsExactly(new AttemptId(Driver.RUN, "a", 1));
    assertThat(run.decide().terminations()).isEmpty();
  }

  @Test
  void shouldFailTheRunNamingTheAttemptsThatWouldNotStopWithinTheTerminateTimeout() {
    Driver run = new Driver(PLAN);
    run.decide();
    run.status = RunStatus.CANCELING;
    run.decide();
    run.terminated("a");

    run.advance(Duration.ofMinutes(2));
    RunDecision decision = run.decide();

    assertThat(decision.runStatus()).isEqualTo(RunStatus.FAILURE);
    RunFailurePayload failure =
        run.lastLogged(DagsterEventType.RUN_FAILURE).payload(RunFailurePayload.class).orElseThrow();
    assertThat(failure.failedStepKeys()).containsExactly("b");
    assertThat(failure.reason())
        .isEqualTo(
            "Could not stop [run-1/b#1] within PT2M while canceling the run; they may still be"
                + " running, check the launcher.");
  }

  @Test
  void shouldReadItsOwnInterruptEventsBackWithoutComplaint() {
    Driver run = new Driver(plan(step("a")));
    run.decide();
    run.status = RunStatus.CANCELING;
    run.decide();
    run.terminated("a");
    RunDecision decision = run.decide();

    for (EventRecord event : decision.events()) {
      run.progress.apply(event);
    }

    assertThat(run.decide().ignored()).isEmpty();
  }
}
