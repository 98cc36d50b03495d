package io.pipewright.core.orchestration;

import static io.pipewright.core.orchestration.Plans.plan;
import static io.pipewright.core.orchestration.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.RetryPolicySnapshot;
import io.pipewright.core.snapshot.RetryPolicySnapshot.Backoff;
import io.pipewright.core.snapshot.RetryPolicySnapshot.Jitter;
import io.pipewright.core.step.InfrastructureRetryPolicy;
import io.pipewright.core.step.StepAttemptStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries cycle by cycle on a fake clock: the op's policy, crashes, infrastructure failures. */
class RunProgressRetryTest {

  private static final RetryPolicySnapshot TWICE_EXPONENTIAL =
      new RetryPolicySnapshot(2, Duration.ofSeconds(10), Backoff.EXPONENTIAL, null);

  private static ExecutionPlanSnapshot oneStep(RetryPolicySnapshot policy) {
    return plan(step("flaky").retry(policy), step("after").in("x", "flaky"));
  }

  @Test
  void shouldLaunchTheNextAttemptAfterTheWaitTheWorkerAskedForWhenUpForRetry() {
    Driver run = new Driver(oneStep(null));
    run.decide();

    run.upForRetry("flaky", 2.5);
    RunDecision waiting = run.decide();

    assertThat(waiting.launches()).isEmpty();
    assertThat(waiting.wakeUpAt()).isEqualTo(run.now.plusMillis(2500));
    assertThat(run.statusOf("flaky")).isEqualTo(StepStatus.WAITING_FOR_RETRY);
    run.advance(Duration.ofMillis(2499));
    assertThat(run.decide().launches()).isEmpty();
    run.advance(Duration.ofMillis(1));
    RunDecision retry = run.decide();

    StepLaunch launch = retry.launches().get(0);
    assertThat(launch.attempt()).isEqualTo(new AttemptId(Driver.RUN, "flaky", 2));
    assertThat(launch.origin()).isEqualTo(AttemptOrigin.RETRY);
    assertThat(launch.retryNumber()).as("the worker's retry number").isEqualTo(1);
    assertThat(retry.events().get(0).message()).contains("a retry under the op's retry policy");
    run.succeed("flaky");
    assertThat(run.decide().launchedStepKeys()).containsExactly("after");
  }

  @Test
  void shouldWaitTheGracePeriodForTheFinalEventWhenTheProcessExitsWithoutOne() {
    Driver run = new Driver(oneStep(TWICE_EXPONENTIAL));
    run.decide();
    run.started("flaky");

    run.exited("flaky", 137, "Killed");
    RunDecision waiting = run.decide();

    assertThat(waiting.events()).isEmpty();
    assertThat(waiting.wakeUpAt()).isEqualTo(run.now.plusSeconds(10));
    assertThat(run.progress.step("flaky").orElseThrow().attempts())
        .containsExactly(StepAttemptStatus.EXITED);
  }

  @Test
  void shouldTakeTheWorkersFinalEventWhenItArrivesWithinTheGracePeriod() {
    Driver run = new Driver(oneStep(TWICE_EXPONENTIAL));
    run.decide();
    run.started("flaky");
    run.exited("flaky", 1);
    run.decide();

    run.advance(Duration.ofSeconds(3));
    run.fail("flaky");
    RunDecision decision = run.decide();

    assertThat(decision.stepKeysOf(DagsterEventType.STEP_FAILURE)).isEmpty();
    assertThat(decision.stepKeysOf(DagsterEventType.STEP_SKIPPED)).containsExactly("after");
    assertThat(decision.runStatus()).isEqualTo(RunStatus.FAILURE);
  }

  @Test
  void shouldRetryACrashedStepByTheOpsPolicyWithBackoffAndFailWhenItIsSpent() {
    Driver run = new Driver(oneStep(TWICE_EXPONENTIAL));
    run.decide();

    // Attempt 1 crashes: first retry after 10 s.
    run.started("flaky");
    run.exited("flaky", 137, "java.lang.OutOfMemoryError: Java heap space", "Killed");
    run.advance(Duration.ofSeconds(10));
    RunDecision first = run.decide();
    EventRecord retry = first.events().get(0);
    assertThat(retry.type()).isEqualTo(DagsterEventType.STEP_UP_FOR_RETRY);
    StepRetryPayload payload = retry.payload(StepRetryPayload.class).orElseThrow();
    assertThat(payload.attempt()).isEqualTo(1);
    assertThat(payload.secondsToWait()).isEqualTo(10.0);
    assertThat(payload.error().message())
        .contains("NON_ZERO_EXIT, exit code 137")
        .contains("Last log lines:\n  java.lang.OutOfMemoryError: Java heap space\n  Killed");
    assertThat(first.wakeUpAt()).isEqualTo(run.now.plusSeconds(10));

    // Attempt 2 crashes: second retry after (2^2 - 1) * 10 s = 30 s.
    run.advance(Duration.ofSeconds(10));
    assertThat(run.decide().launches())
        .extracting(StepLaunch::attempt)
        .containsExactly(new AttemptId(Driver.RUN, "flaky", 2));
    run.started("flaky");
    run.exited("flaky", 1);
    run.advance(Duration.ofSeconds(10));
    RunDecision second = run.decide();
    assertThat(second.events().get(0).payload(StepRetryPayload.class).orElseThrow().secondsToWait())
        .isEqualTo(30.0);
    run.advance(Duration.ofSeconds(29));
    assertThat(run.decide().launches()).isEmpty();
    run.advance(Duration.ofSeconds(1));
    assertThat(run.decide().launches().get(0).retryNumber()).isEqualTo(2);

    // Attempt 3 crashes: the policy is spent.
    run.started("flaky");
    run.exited("flaky", 1);
    run.advance(Duration.ofSeconds(10));
    RunDecision last = run.decide();

    EventRecord failure = last.events().get(0);
    assertThat(failure.type()).isEqualTo(DagsterEventType.STEP_FAILURE);
    StepFailurePayload failed = failure.payload(StepFailurePayload.class).orElseThrow();
    assertThat(failed.errorSource()).isEqualTo(StepFailurePayload.ErrorSource.UNEXPECTED_ERROR);
    assertThat(failed.error().message())
        .contains("Not retried: the op's retry policy allows 2 retries and 2 were used.");
    assertThat(last.runStatus()).isEqualTo(RunStatus.FAILURE);
    assertThat(run.progress.step("flaky").orElseThrow().attempts())
        .containsExactly(
            StepAttemptStatus.UP_FOR_RETRY,
            StepAttemptStatus.UP_FOR_RETRY,
            StepAttemptStatus.FAILED);
  }

  @Test
  void shouldApplyJitterFromTheRandomSourceWhenThePolicyHasIt() {
    Driver run =
        new Driver(
            oneStep(new RetryPolicySnapshot(1, Duration.ofSeconds(10), null, Jitter.PLUS_MINUS)));
    run.random = 1.0;
    run.decide();
    run.started("flaky");
    run.exited("flaky", 1);
    run.advance(Duration.ofSeconds(10));

    RunDecision decision = run.decide();

    assertThat(
            decision.events().get(0).payload(StepRetryPayload.class).orElseThrow().secondsToWait())
        .isEqualTo(20.0);
  }

  @Test
  void shouldFailACrashedStepAtOnceAfterTheGracePeriodWhenTheOpHasNoRetryPolicy() {
    Driver run = new Driver(oneStep(null));
    run.decide();
    run.progress.apply(
        io.pipewright.core.launch.AttemptStatus.succeeded(run.attempt("flaky"), run.now));

    run.advance(Duration.ofSeconds(10));
    RunDecision decision = run.decide();

    assertThat(
            decision
                .events()
                .get(0)
                .payload(StepFailurePayload.class)
                .orElseThrow()
                .error()
                .message())
        .contains("its process exited with code 0 without a final event")
        .contains("Not retried: the op has no retry policy.");
    assertThat(decision.stepKeysOf(DagsterEventType.STEP_SKIPPED)).containsExactly("after");
  }

  @Test
  void shouldCountAnOomKillAgainstTheOpsRetries() {
    Driver run = new Driver(oneStep(new RetryPolicySnapshot(1, Duration.ZERO, null, null)));
    run.decide();
    run.running("flaky");

    run.progress.apply(
        io.pipewright.core.launch.AttemptStatus.failed(
            run.attempt("flaky"),
            run.now,
            AttemptFailureReason.OOM_KILLED,
            137,
            "OOMKilled",
            List.of()));
    run.advance(Duration.ofSeconds(10));
    RunDecision decision = run.decide();

    assertThat(decision.events())
        .extracting(EventRecord::type)
        .contains(DagsterEventType.STEP_UP_FOR_RETRY);
    assertThat(decision.launches().get(0).origin()).isEqualTo(AttemptOrigin.RETRY);
    assertThat(run.progress.step("flaky").orElseThrow().infrastructureRetriesUsed()).isZero();
  }

  @Test
  void shouldLateFinalEventsNotOverturnTheDecisionTakenAfterTheGracePeriod() {
    Driver run = new Driver(oneStep(TWICE_EXPONENTIAL));
    run.decide();
    run.started("flaky");
    run.exited("flaky", 1);
    run.advance(Duration.ofSeconds(10));
    run.decide(); // retry decided

    run.event(
        new AttemptId(Driver.RUN, "flaky", 1),
        DagsterEventType.STEP_SUCCESS,
        new io.pipewright.core.event.StepSuccessPayload(1));
    RunDecision decision = run.decide();

    assertThat(decision.ignored())
        .containsExactly(
            "STEP_SUCCESS of run-1/flaky#1 came after its attempt had ended UP_FOR_RETRY; the"
                + " daemon's decision stands.");
    assertThat(run.statusOf("flaky")).isEqualTo(StepStatus.WAITING_FOR_RETRY);
  }

  @Test
  void shouldRetryAnEvictedStepUnderTheInfrastructureBudgetWithoutUsingTheOpsRetries() {
    Driver run = new Driver(oneStep(new RetryPolicySnapshot(1, Duration.ZERO, null, null)));
    run.decide();
    run.started("flaky");

    run.launcherFailed("flaky", AttemptFailureReason.EVICTED);
    run.advance(Duration.ofSeconds(10)); // grace: it was running
    RunDecision decision = run.decide();

    EventRecord infra = decision.events().get(0);
    assertThat(infra.type()).isEqualTo(DagsterEventType.ENGINE_EVENT);
    assertThat(infra.message())
        .contains("infrastructure reason, EVICTED")
        .contains("infrastructure retry 1 of 3; the op's retry policy is not used up");
    assertThat(decision.wakeUpAt()).isEqualTo(run.now.plusSeconds(10));
    assertThat(run.progress.step("flaky").orElseThrow().attempts())
        .containsExactly(StepAttemptStatus.INFRA_FAILED);

    run.advance(Duration.ofSeconds(10));
    StepLaunch relaunch = run.decide().launches().get(0);
    assertThat(relaunch.attempt().attempt()).isEqualTo(2);
    assertThat(relaunch.origin()).isEqualTo(AttemptOrigin.INFRASTRUCTURE_RETRY);
    assertThat(relaunch.retryNumber()).as("no op retry used").isZero();

    // The op's own retry is still available.
    run.upForRetry("flaky", 0);
    assertThat(run.decide().launches().get(0).retryNumber()).isEqualTo(1);
  }

  @Test
  void shouldDecideAtOnceWhenAnAttemptThatNeverRanFailsForAnInfrastructureReason() {
    Driver run = new Driver(oneStep(null));
    run.decide();
    run.progress.launchResult(run.attempt("flaky"), LaunchResult.launched(), run.now);

    run.launcherFailed("flaky", AttemptFailureReason.IMAGE_PULL);
    RunDecision decision = run.decide();

    assertThat(decision.events())
        .extracting(EventRecord::type)
        .containsExactly(DagsterEventType.ENGINE_EVENT);
  }

  @Test
  void shouldFailTheStepWhenTheInfrastructureBudgetIsSpent() {
    Driver run =
        new Driver(
            oneStep(TWICE_EXPONENTIAL),
            OrchestrationSettings.builder()
                .infrastructureRetries(
                    new InfrastructureRetryPolicy(1, Duration.ofSeconds(5), null))
                .build());
    run.decide();
    run.launcherFailed("flaky", AttemptFailureReason.NODE_LOST);
    run.decide();
    run.advance(Duration.ofSeconds(5));
    run.decide();

    run.launcherFailed("flaky", AttemptFailureReason.NODE_LOST);
    RunDecision decision = run.decide();

    StepFailurePayload failure =
        decision.events().get(0).payload(StepFailurePayload.class).orElseThrow();
    assertThat(failure.error().className()).isEqualTo("io.pipewright.InfrastructureFailure");
    assertThat(failure.error().message())
        .contains("NODE_LOST")
        .contains("Not retried: the infrastructure retry budget of 1 retry is spent.");
    assertThat(decision.runStatus()).isEqualTo(RunStatus.FAILURE);
  }

  @Test
  void shouldFailWithoutRetryingWhenTheLauncherCannotStartTheAttemptAsSpecified() {
    Driver run = new Driver(oneStep(TWICE_EXPONENTIAL));
    run.decide();

    run.progress.launchResult(
        run.attempt("flaky"),
        LaunchResult.rejected(AttemptFailureReason.CONFIG_ERROR, "secret \"db\" not found"),
        run.now);
    RunDecision decision = run.decide();

    StepFailurePayload failure =
        decision.events().get(0).payload(StepFailurePayload.class).orElseThrow();
    assertThat(failure.errorSource()).isEqualTo(StepFailurePayload.ErrorSource.FRAMEWORK_ERROR);
    assertThat(failure.error().message())
        .contains("cannot be started as specified, CONFIG_ERROR")
        .contains("secret \"db\" not found")
        .contains("Not retried");
    assertThat(decision.runStatus()).isEqualTo(RunStatus.FAILURE);
  }

  @Test
  void shouldRetryARejectedLaunchUnderTheInfrastructureBudgetWhenThePlatformFailedForNow() {
    Driver run = new Driver(oneStep(null));
    run.decide();

    run.progress.launchResult(
        run.attempt("flaky"),
        LaunchResult.rejected(AttemptFailureReason.LAUNCH_FAILED, "503 from the API server"),
        run.now);
    run.decide();
    run.advance(OrchestrationSettings.DEFAULTS.infrastructureRetries().delayFor(1));

    assertThat(run.decide().launches().get(0).origin())
        .isEqualTo(AttemptOrigin.INFRASTRUCTURE_RETRY);
  }

  @Test
  void shouldStopAndRetryAnAttemptThatDidNotStartWithinTheStartTimeout() {
    Driver run =
        new Driver(
            oneStep(null),
            OrchestrationSettings.builder().startTimeout(Duration.ofMinutes(5)).build());
    run.decide();
    run.progress.launchResult(run.attempt("flaky"), LaunchResult.launched(), run.now);

    run.advance(Duration.ofMinutes(4));
    assertThat(run.decide().terminations()).isEmpty();
    run.advance(Duration.ofMinutes(1));
    RunDecision decision = run.decide();

    assertThat(decision.terminations()).containsExactly(new AttemptId(Driver.RUN, "flaky", 1));
    assertThat(decision.events().get(0).message()).contains("START_TIMEOUT");
    assertThat(run.statusOf("flaky")).isEqualTo(StepStatus.WAITING_FOR_RETRY);
  }

  @Test
  void shouldTreatAnAttemptStoppedBySomeoneElseAsDeleted() {
    Driver run = new Driver(oneStep(null));
    run.decide();
    run.running("flaky");

    run.terminated("flaky");
    run.advance(Duration.ofSeconds(10));
    RunDecision decision = run.decide();

    assertThat(decision.events().get(0).message()).contains("DELETED");
    assertThat(run.progress.step("flaky").orElseThrow().infrastructureRetriesUsed()).isEqualTo(1);
  }
}
