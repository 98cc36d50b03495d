package io.pipewright.core.orchestration;

import static io.pipewright.core.orchestration.Plans.plan;
import static io.pipewright.core.orchestration.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.RunFailurePayload;
import io.pipewright.core.event.StepSkippedPayload;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.step.StepAttemptStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The basic walk of a plan: launches, skips and the run's end, cycle by cycle. */
class RunProgressTest {

  private static final ExecutionPlanSnapshot CHAIN =
      plan(
          step("extract"), step("transform").in("x", "extract"), step("load").in("x", "transform"));

  @Test
  void shouldStartTheRunAndLaunchOnlyTheRootStepWhenTheRunIsStarting() {
    Driver run = new Driver(CHAIN);

    RunDecision decision = run.decide();

    assertThat(decision.runStatus()).isEqualTo(RunStatus.STARTED);
    assertThat(decision.launchedStepKeys()).containsExactly("extract");
    assertThat(decision.events())
        .extracting(EventRecord::type)
        .containsExactly(DagsterEventType.RUN_START, DagsterEventType.STEP_WORKER_STARTING);
    StepLaunch launch = decision.launches().get(0);
    assertThat(launch.attempt()).isEqualTo(new AttemptId(Driver.RUN, "extract", 1));
    assertThat(launch.origin()).isEqualTo(AttemptOrigin.FIRST);
    assertThat(launch.retryNumber()).isZero();
    assertThat(run.statusOf("transform")).isEqualTo(StepStatus.WAITING);
  }

  @Test
  void shouldLaunchEachStepWhenItsUpstreamSucceededAndEndTheRunInSuccess() {
    Driver run = new Driver(CHAIN);
    run.decide();

    run.succeed("extract");
    assertThat(run.decide().launchedStepKeys()).containsExactly("transform");
    run.succeed("transform");
    assertThat(run.decide().launchedStepKeys()).containsExactly("load");
    run.succeed("load");
    RunDecision end = run.decide();

    assertThat(end.runStatus()).isEqualTo(RunStatus.SUCCESS);
    assertThat(end.events())
        .extracting(EventRecord::type)
        .containsExactly(DagsterEventType.RUN_SUCCESS);
    assertThat(run.decide().isEmpty()).as("an ended run decides nothing more").isTrue();
  }

  @Test
  void shouldDecideNothingNewWhenNothingHappenedSinceTheLastCycle() {
    Driver run = new Driver(CHAIN);
    run.decide();

    RunDecision idle = run.decide();

    assertThat(idle.launches()).isEmpty();
    assertThat(idle.events()).isEmpty();
    assertThat(idle.wakeUpAt())
        .as("the start timeout of extract")
        .isEqualTo(Driver.T0.plus(OrchestrationSettings.DEFAULTS.startTimeout()));
  }

  @Test
  void shouldLaunchIndependentStepsTogetherAndWaitForAllOfAFanIn() {
    Driver run =
        new Driver(plan(step("one"), step("two"), step("sum").fanIn("values", "one", "two")));

    assertThat(run.decide().launchedStepKeys()).containsExactly("one", "two");
    run.succeed("one");
    assertThat(run.decide().launchedStepKeys()).isEmpty();
    run.succeed("two");
    assertThat(run.decide().launchedStepKeys()).containsExactly("sum");
  }

  @Test
  void shouldSkipEveryDownstreamStepAfterAFailureAndEndTheRunInFailureNamingTheStep() {
    Driver run =
        new Driver(
            plan(
                step("extract"),
                step("transform").in("x", "extract"),
                step("load").in("x", "transform"),
                step("side")));
    run.decide();

    run.fail("extract");
    run.succeed("side");
    RunDecision decision = run.decide();

    assertThat(decision.stepKeysOf(DagsterEventType.STEP_SKIPPED))
        .containsExactly("transform", "load");
    assertThat(decision.events().get(0).message())
        .isEqualTo("Skipped execution of step \"transform\": upstream step \"extract\" failed.");
    assertThat(decision.events().get(1).payload(StepSkippedPayload.class).orElseThrow().reason())
        .isEqualTo("upstream step \"transform\" was skipped after a failure");
    assertThat(decision.runStatus()).isEqualTo(RunStatus.FAILURE);
    RunFailurePayload failure =
        run.lastLogged(DagsterEventType.RUN_FAILURE).payload(RunFailurePayload.class).orElseThrow();
    assertThat(failure.failedStepKeys()).containsExactly("extract");
    assertThat(failure.reason()).isEqualTo("Steps failed: [\"extract\"].");
  }

  @Test
  void shouldSkipConsumersOfAnOptionalOutputThatWasNotProducedAndStillSucceed() {
    Driver run =
        new Driver(
            plan(
                step("split").out("always").optionalOut("sometimes"),
                step("uses_always").in("x", "split", "always"),
                step("uses_sometimes").in("x", "split", "sometimes"),
                step("after").in("x", "uses_sometimes")));
    run.decide();

    run.succeed("split", "always");
    RunDecision decision = run.decide();

    assertThat(decision.launchedStepKeys()).containsExactly("uses_always");
    assertThat(decision.stepKeysOf(DagsterEventType.STEP_SKIPPED))
        .containsExactly("uses_sometimes", "after");
    assertThat(run.progress.step("uses_sometimes").orElseThrow().skipReason())
        .isEqualTo("output \"sometimes\" of step \"split\" was not produced");
    assertThat(run.progress.step("after").orElseThrow().skipReason())
        .isEqualTo("upstream step \"uses_sometimes\" was skipped");
    run.succeed("uses_always");
    assertThat(run.decide().runStatus()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void shouldRunAFanInWithTheValuesThatExistWhenAnOptionalSourceProducedNothing() {
    Driver run =
        new Driver(
            plan(
                step("maybe").optionalOut("result"),
                step("surely"),
                step("sum").fanIn("values", "maybe", "surely")));
    run.decide();

    run.succeed("maybe", "other_output_only");
    run.succeed("surely");

    assertThat(run.decide().launchedStepKeys()).containsExactly("sum");
  }

  @Test
  void shouldSkipAFanInWhenOneOfItsSourcesFailed() {
    Driver run =
        new Driver(plan(step("one"), step("two"), step("sum").fanIn("values", "one", "two")));
    run.decide();

    run.fail("one");
    run.succeed("two");

    assertThat(run.decide().stepKeysOf(DagsterEventType.STEP_SKIPPED)).containsExactly("sum");
  }

  @Test
  void shouldReadInputsFromOutsideThePlanWithoutWaitingWhenTheStepIsNotPlanned() {
    Driver run = new Driver(plan(step("load").in("x", "transform")));

    assertThat(run.decide().launchedStepKeys()).containsExactly("load");
  }

  @Test
  void shouldSucceedAtOnceWithoutLaunchingWhenThePlanIsEmpty() {
    Driver run = new Driver(new ExecutionPlanSnapshot("job", java.util.List.of()));

    RunDecision start = run.decide();
    assertThat(start.runStatus()).isEqualTo(RunStatus.STARTED);
    assertThat(start.wakeUpAt()).as("decide again at once").isEqualTo(run.now);

    assertThat(run.decide().runStatus()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void shouldLaunchHigherPriorityOpsFirstWhenOnlySomeMayRun() {
    Driver run =
        new Driver(
            plan(step("a"), step("b").tag("dagster/priority", "5"), step("c")),
            OrchestrationSettings.builder().maxConcurrentSteps(2).build());

    assertThat(run.decide().launchedStepKeys()).containsExactly("b", "a");
    run.succeed("a");
    assertThat(run.decide().launchedStepKeys()).containsExactly("c");
  }

  @Test
  void shouldKeepLiveAttemptsUnderTheRunsStepLimit() {
    Driver run =
        new Driver(
            plan(step("a"), step("b"), step("c")),
            OrchestrationSettings.builder().maxConcurrentSteps(1).build());

    assertThat(run.decide().launchedStepKeys()).containsExactly("a");
    assertThat(run.decide().launchedStepKeys()).isEmpty();
    run.succeed("a");
    assertThat(run.decide().launchedStepKeys()).containsExactly("b");
  }

  @Test
  void shouldTrackTheAttemptFromLaunchToSuccessWhenReportsAndEventsArrive() {
    Driver run = new Driver(CHAIN);
    run.decide();
    AttemptId extract = run.attempt("extract");

    run.progress.launchResult(extract, io.pipewright.core.launch.LaunchResult.launched(), run.now);
    assertThat(run.progress.step("extract").orElseThrow().attempts())
        .containsExactly(StepAttemptStatus.LAUNCHED);
    run.running("extract");
    assertThat(run.progress.step("extract").orElseThrow().attempts())
        .containsExactly(StepAttemptStatus.RUNNING);
    run.succeed("extract");
    run.progress.apply(AttemptStatus.succeeded(extract, run.now));

    assertThat(run.progress.step("extract").orElseThrow().attempts())
        .containsExactly(StepAttemptStatus.SUCCEEDED);
    assertThat(run.progress.liveAttempts()).isEmpty();
    assertThat(run.decide().ignored()).isEmpty();
  }

  @Test
  void shouldDecideNothingWhenTheRunIsNotItsToDrive() {
    for (RunStatus status :
        new RunStatus[] {
          RunStatus.QUEUED, RunStatus.NOT_STARTED, RunStatus.MANAGED, RunStatus.SUCCESS
        }) {
      RunProgress progress =
          RunProgress.start("r", CHAIN, Map.of(), OrchestrationSettings.DEFAULTS);

      assertThat(progress.decide(status, Driver.T0, () -> 0.5).isEmpty()).as("%s", status).isTrue();
    }
  }

  @Test
  void shouldListObservationsItIgnoredWhenTheyDoNotFitTheRun() {
    Driver run = new Driver(CHAIN);
    run.decide();

    run.progress.apply(
        new EventRecord(
            Driver.RUN,
            "ghost",
            1,
            0,
            run.now,
            DagsterEventType.STEP_START,
            EventLevel.INFO,
            "",
            null));
    run.progress.apply(AttemptStatus.running(new AttemptId(Driver.RUN, "ghost", 1), run.now));

    assertThat(run.decide().ignored())
        .containsExactly(
            "STEP_START for step \"ghost\", which the run does not have.",
            "Launcher status of run-1/ghost#1: the run has no such step.");
  }

  @Test
  void shouldRefuseEventsAndStatusesOfAnotherRun() {
    Driver run = new Driver(CHAIN);

    assertThatThrownBy(
            () ->
                run.progress.apply(
                    new EventRecord(
                        "other",
                        "extract",
                        1,
                        0,
                        Instant.EPOCH,
                        DagsterEventType.STEP_START,
                        EventLevel.INFO,
                        "",
                        null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Event of run other was given to the progress of run run-1.");
    assertThatThrownBy(
            () ->
                run.progress.apply(
                    AttemptStatus.running(new AttemptId("other", "x", 1), Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectAPlanThatListsAConsumerBeforeItsProducer() {
    ExecutionPlanSnapshot reversed = plan(step("load").in("x", "extract"), step("extract"));

    assertThatThrownBy(
            () -> RunProgress.start("r", reversed, Map.of(), OrchestrationSettings.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Execution plan of job 'job' cannot be driven: step 'load' reads from step 'extract',"
                + " which the plan lists after it; plans list steps in topological order.");
  }

  @Test
  void shouldSkipTenThousandChainedStepsAfterAFailureAtTheHeadWithoutDeepRecursion() {
    Plans.Step[] steps = new Plans.Step[10_000];
    steps[0] = step("s0");
    for (int i = 1; i < steps.length; i++) {
      steps[i] = step("s" + i).in("x", "s" + (i - 1));
    }
    Driver run = new Driver(plan(steps));
    run.decide();

    run.fail("s0");
    RunDecision decision = run.decide();

    assertThat(decision.stepKeysOf(DagsterEventType.STEP_SKIPPED)).hasSize(9_999);
    assertThat(decision.runStatus()).isEqualTo(RunStatus.FAILURE);
  }
}
