package io.pipewright.core.orchestration;

import static io.pipewright.core.orchestration.Plans.mapped;
import static io.pipewright.core.orchestration.Plans.plan;
import static io.pipewright.core.orchestration.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dynamic fan-out into {@code op[key]} steps and collect, as the in-process engine does it. */
class RunProgressDynamicTest {

  /** fan_out -> double[?] -> plus_one[?] -> sum (collect), as in the sdk's GraphExecutionTest. */
  private static final ExecutionPlanSnapshot DYNAMIC =
      plan(
          step("fan_out").dynamicOut("items"),
          step("double").mappedOver("fan_out", "items").in("x", "fan_out", "items"),
          step("plus_one").mappedOver("fan_out", "items").in("x", mapped("double")),
          step("sum").collect("values", mapped("plus_one"), "result"));

  @Test
  void shouldLaunchOneStepPerMappingKeyAndChainThemByKeyWhenTheDynamicStepSucceeds() {
    Driver run = new Driver(DYNAMIC);
    assertThat(run.decide().launchedStepKeys()).containsExactly("fan_out");

    run.fanOut("fan_out", "a", "b", "c");
    RunDecision mappedLaunch = run.decide();

    assertThat(mappedLaunch.launchedStepKeys())
        .containsExactly("double[a]", "double[b]", "double[c]");
    assertThat(mappedLaunch.launches().get(1).mappingKey()).isEqualTo("b");
    assertThat(mappedLaunch.launches().get(1).nodeHandle()).isEqualTo("double");
    assertThat(mappedLaunch.launches().get(0).dynamicMappings())
        .isEqualTo(Map.of("fan_out", Map.of("items", List.of("a", "b", "c"))));

    run.succeed("double[b]");
    assertThat(run.decide().launchedStepKeys()).containsExactly("plus_one[b]");
    run.succeed("double[a]");
    run.succeed("double[c]");
    assertThat(run.decide().launchedStepKeys()).containsExactly("plus_one[a]", "plus_one[c]");
  }

  @Test
  void shouldCollectOnlyWhenEveryMappedStepIsDone() {
    Driver run = new Driver(DYNAMIC);
    run.decide();
    run.fanOut("fan_out", "a", "b");
    run.decide();
    run.succeed("double[a]");
    run.succeed("double[b]");
    run.decide();

    run.succeed("plus_one[a]");
    assertThat(run.decide().launchedStepKeys()).isEmpty();
    run.succeed("plus_one[b]");
    assertThat(run.decide().launchedStepKeys()).containsExactly("sum");
    run.succeed("sum");
    assertThat(run.decide().runStatus()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void shouldRunTheCollectorAtOnceWithNoMappedStepsWhenTheDynamicOutputIsEmpty() {
    Driver run = new Driver(DYNAMIC);
    run.decide();

    run.fanOut("fan_out");
    RunDecision decision = run.decide();

    assertThat(decision.launchedStepKeys()).containsExactly("sum");
    assertThat(run.progress.steps()).extracting(StepView::key).containsExactly("fan_out", "sum");
    assertThat(run.progress.dynamicMappings())
        .isEqualTo(Map.of("fan_out", Map.of("items", List.of())));
  }

  @Test
  void shouldCreateExactlyOneMappedChainWhenTheDynamicOutputHasOneValue() {
    Driver run = new Driver(DYNAMIC);
    run.decide();

    run.fanOut("fan_out", "only");

    assertThat(run.decide().launchedStepKeys()).containsExactly("double[only]");
    run.succeed("double[only]");
    assertThat(run.decide().launchedStepKeys()).containsExactly("plus_one[only]");
    run.succeed("plus_one[only]");
    assertThat(run.decide().launchedStepKeys()).containsExactly("sum");
  }

  @Test
  void shouldFanOutToManyKeysWithOneLaunchEach() {
    Driver run = new Driver(DYNAMIC);
    run.decide();
    String[] keys = new String[500];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "k" + i;
    }

    run.fanOut("fan_out", keys);

    assertThat(run.decide().launches()).hasSize(500);
  }

  @Test
  void shouldSkipTheCollectorButNotTheOtherInstancesWhenOneMappedStepFails() {
    Driver run =
        new Driver(
            plan(
                step("fan_out").dynamicOut("items"),
                step("picky").mappedOver("fan_out", "items").in("x", "fan_out", "items"),
                step("sum").collect("values", mapped("picky"), "result")));
    run.decide();
    run.fanOut("fan_out", "a", "b");
    run.decide();

    run.fail("picky[b]");
    assertThat(run.decide().stepKeysOf(DagsterEventType.STEP_SKIPPED)).isEmpty();
    run.succeed("picky[a]");
    RunDecision decision = run.decide();

    assertThat(decision.stepKeysOf(DagsterEventType.STEP_SKIPPED)).containsExactly("sum");
    assertThat(run.progress.step("sum").orElseThrow().skipReason())
        .isEqualTo("upstream step \"picky[b]\" failed");
    assertThat(decision.runStatus()).isEqualTo(RunStatus.FAILURE);
    assertThat(run.progress.failedSteps()).containsExactly("picky[b]");
  }

  @Test
  void shouldSkipTheCollectorAfterAFailureWhenTheDynamicStepFails() {
    Driver run = new Driver(DYNAMIC);
    run.decide();

    run.fail("fan_out");
    RunDecision decision = run.decide();

    assertThat(decision.stepKeysOf(DagsterEventType.STEP_SKIPPED)).containsExactly("sum");
    assertThat(run.progress.step("sum").orElseThrow().skipReason())
        .isEqualTo("the dynamic output it collects was not produced after a failure");
    assertThat(decision.runStatus()).isEqualTo(RunStatus.FAILURE);
  }

  @Test
  void shouldSkipOnlyTheChainOfTheFailedKeyWhenAMappedStepFails() {
    Driver run = new Driver(DYNAMIC);
    run.decide();
    run.fanOut("fan_out", "a", "b");
    run.decide();

    run.fail("double[a]");
    run.succeed("double[b]");
    RunDecision decision = run.decide();

    assertThat(decision.stepKeysOf(DagsterEventType.STEP_SKIPPED)).containsExactly("plus_one[a]");
    assertThat(decision.launchedStepKeys()).containsExactly("plus_one[b]");
  }

  @Test
  void shouldCollectADynamicOutputDirectlyWithoutMappedSteps() {
    Driver run =
        new Driver(
            plan(
                step("fan_out").dynamicOut("items"),
                step("all").collect("values", "fan_out", "items")));
    run.decide();

    run.fanOut("fan_out", "x", "y");

    assertThat(run.decide().launchedStepKeys()).containsExactly("all");
  }

  @Test
  void shouldKeepMappingKeysOfEveryDynamicStepForTheWorkersKnownState() {
    Driver run = new Driver(DYNAMIC);
    run.decide();
    assertThat(run.progress.dynamicMappings()).isEmpty();

    run.fanOut("fan_out", "b", "a", "b");

    assertThat(run.progress.dynamicMappings())
        .isEqualTo(Map.of("fan_out", Map.of("items", List.of("b", "a"))));
    assertThatThrownBy(() -> run.progress.dynamicMappings().put("x", Map.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldRejectAPlanWhoseMappedStepHasNoDynamicStepToFanOutFrom() {
    ExecutionPlanSnapshot orphan =
        plan(step("double").mappedOver("fan_out", "items").in("x", "fan_out", "items"));

    assertThatThrownBy(
            () -> RunProgress.start("r", orphan, Map.of(), OrchestrationSettings.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step 'double[?]' is mapped over output 'items' of step 'fan_out'")
        .hasMessageContaining("must also run the dynamic step");
  }

  @Test
  void shouldRejectAPlanThatReadsOneInstanceOfAMappedStepFromAnUnmappedStep() {
    ExecutionPlanSnapshot bad =
        plan(
            step("fan_out").dynamicOut("items"),
            step("double").mappedOver("fan_out", "items").in("x", "fan_out", "items"),
            step("one").in("x", mapped("double")));

    assertThatThrownBy(() -> RunProgress.start("r", bad, Map.of(), OrchestrationSettings.DEFAULTS))
        .hasMessageContaining("without collecting it");
  }

  @Test
  void shouldRejectAMappingOverAnOutputThatIsNotDynamic() {
    ExecutionPlanSnapshot bad =
        plan(step("fan_out"), step("double").mappedOver("fan_out", "result").in("x", "fan_out"));

    assertThatThrownBy(() -> RunProgress.start("r", bad, Map.of(), OrchestrationSettings.DEFAULTS))
        .hasMessageContaining("has no dynamic output of that name");
  }
}
