package io.pipewright.core.orchestration;

import static io.pipewright.core.orchestration.Plans.mapped;
import static io.pipewright.core.orchestration.Plans.plan;
import static io.pipewright.core.orchestration.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepSuccessPayload;
import io.pipewright.core.event.TypeCheckSnapshot;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReexecutionTest {

  private static final ExecutionPlanSnapshot CHAIN =
      plan(step("source"), step("flaky").in("x", "source"), step("last").in("x", "flaky"));

  private static final ExecutionPlanSnapshot DYNAMIC =
      plan(
          step("fan_out").dynamicOut("items"),
          step("double").mappedOver("fan_out", "items").in("x", "fan_out", "items"),
          step("plus_one").mappedOver("fan_out", "items").in("x", mapped("double")),
          step("sum").collect("values", mapped("plus_one"), "result"));

  /** Events of one run: outputs and successes of the given steps. */
  private static final class Log {
    final String runId;
    final List<EventRecord> events = new ArrayList<>();

    Log(String runId) {
      this.runId = runId;
    }

    Log success(String stepKey, String output, String... mappingKeys) {
      if (mappingKeys.length == 0) {
        events.add(event(stepKey, DagsterEventType.STEP_OUTPUT, out(output, null)));
      }
      for (String key : mappingKeys) {
        events.add(event(stepKey, DagsterEventType.STEP_OUTPUT, out(output, key)));
      }
      events.add(event(stepKey, DagsterEventType.STEP_SUCCESS, new StepSuccessPayload(1)));
      return this;
    }

    Log failure(String stepKey) {
      events.add(event(stepKey, DagsterEventType.STEP_FAILURE, null));
      return this;
    }

    private EventRecord event(
        String stepKey, DagsterEventType type, io.pipewright.core.event.EventPayload payload) {
      return new EventRecord(
          runId, stepKey, 1, events.size(), Instant.EPOCH, type, EventLevel.INFO, "", payload);
    }

    private static StepOutputPayload out(String name, String key) {
      return new StepOutputPayload(
          name, key, new TypeCheckSnapshot(true, null, List.of()), List.of());
    }

    ParentRun run() {
      return new ParentRun(runId, events);
    }
  }

  @Test
  void shouldChooseTheStepsThatDidNotSucceedWhenReexecutingFromFailure() {
    Log parent = new Log("p").success("source", "result").failure("flaky");

    assertThat(Reexecution.fromFailure(CHAIN, parent.events)).containsExactly("flaky", "last");
  }

  @Test
  void shouldRerunAMappedStepWithItsDynamicStepWhenOneInstanceFailed() {
    Log parent =
        new Log("p")
            .success("fan_out", "items", "a", "b")
            .success("double[a]", "result")
            .success("double[b]", "result")
            .success("plus_one[a]", "result")
            .failure("plus_one[b]");

    assertThat(Reexecution.fromFailure(DYNAMIC, parent.events))
        .containsExactly("fan_out", "plus_one", "sum");
  }

  @Test
  void shouldRerunAMappedStepWhoseInstancesNeverRanWhenTheRunStoppedEarly() {
    Log parent = new Log("p").success("fan_out", "items", "a", "b").success("double[a]", "result");

    assertThat(Reexecution.fromFailure(DYNAMIC, parent.events))
        .containsExactly("fan_out", "double", "plus_one", "sum");
  }

  @Test
  void shouldRefuseAReexecutionFromFailureOfARunThatSucceeded() {
    Log parent =
        new Log("p")
            .success("source", "result")
            .success("flaky", "result")
            .success("last", "result");

    assertThatThrownBy(() -> Reexecution.fromFailure(CHAIN, parent.events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nothing to run");
  }

  @Test
  void shouldAcceptHandlesAndStepKeysAndAddTheDynamicStepWhenChoosingSteps() {
    assertThat(Reexecution.ofSteps(DYNAMIC, List.of("sum", "plus_one[b]")))
        .containsExactly("fan_out", "plus_one", "sum");
    assertThat(Reexecution.ofSteps(CHAIN, List.of("last"))).containsExactly("last");
  }

  @Test
  void shouldNameUnknownStepsAndListTheKnownOnesWhenChoosingSteps() {
    assertThatThrownBy(() -> Reexecution.ofSteps(CHAIN, List.of("lats", "flaky")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot re-execute [lats]: job 'job' has no such step; its steps are [source, flaky,"
                + " last].");
    assertThatThrownBy(() -> Reexecution.ofSteps(CHAIN, List.of()))
        .hasMessageContaining("needs a step");
  }

  @Test
  void shouldReadEachInputFromTheParentRunThatProducedIt() {
    ExecutionPlanSnapshot child =
        plan(step("flaky").in("x", "source"), step("last").in("x", "flaky"));
    Log parent = new Log("parent").success("source", "result").failure("flaky");

    ReexecutionSources sources = Reexecution.inputSources(child, List.of(parent.run()));

    assertThat(sources.requireComplete())
        .containsExactly(new InputSource("flaky", "x", "source", "result", "parent", List.of()));
  }

  @Test
  void shouldWalkUpTheLineageWhenTheParentDidNotRunTheProducer() {
    ExecutionPlanSnapshot child = plan(step("last").in("x", "flaky"));
    Log parent = new Log("parent").success("flaky", "other"); // ran flaky, not its "result"?
    Log grandparent = new Log("root").success("source", "result").success("flaky", "result");
    Log empty = new Log("parent2");

    ReexecutionSources sources =
        Reexecution.inputSources(child, List.of(empty.run(), parent.run(), grandparent.run()));

    assertThat(sources.sources()).extracting(InputSource::runId).containsExactly("root");
  }

  @Test
  void shouldCollectTheMappingKeysOfAMappedProducerFromTheRunThatRanIt() {
    ExecutionPlanSnapshot child = plan(step("sum").collect("values", mapped("plus_one"), "result"));
    Log parent =
        new Log("parent")
            .success("fan_out", "items", "a", "b", "c")
            .success("plus_one[b]", "result")
            .success("plus_one[a]", "result");

    InputSource source = Reexecution.inputSources(child, List.of(parent.run())).sources().get(0);

    assertThat(source.runId()).isEqualTo("parent");
    assertThat(source.sourceStepKey()).isEqualTo("plus_one[?]");
    assertThat(source.mappingKeys()).containsExactly("b", "a");
  }

  @Test
  void shouldListEveryInputWithoutASourceAndHowToFixIt() {
    ExecutionPlanSnapshot child = plan(step("last").in("x", "flaky"));
    Log parent = new Log("parent").failure("flaky");

    ReexecutionSources sources = Reexecution.inputSources(child, List.of(parent.run()));

    assertThat(sources.missing())
        .containsExactly(
            "Input 'x' of step 'last' reads output 'result' of step 'flaky', which no run of the"
                + " lineage [parent] produced; re-execute 'flaky' too.");
    assertThatThrownBy(sources::requireComplete)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The re-execution cannot load 1 input: Input 'x'");
  }

  @Test
  void shouldDriveAReexecutionPlanWithoutWaitingForStepsOutsideIt() {
    ExecutionPlanSnapshot child =
        plan(step("flaky").in("x", "source"), step("last").in("x", "flaky"));
    Driver run = new Driver(child);

    assertThat(run.decide().launchedStepKeys()).containsExactly("flaky");
  }
}
