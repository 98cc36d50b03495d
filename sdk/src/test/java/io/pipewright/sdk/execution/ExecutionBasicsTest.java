package io.pipewright.sdk.execution;

import static io.pipewright.sdk.event.EventType.HANDLED_OUTPUT;
import static io.pipewright.sdk.event.EventType.LOADED_INPUT;
import static io.pipewright.sdk.event.EventType.RUN_FAILURE;
import static io.pipewright.sdk.event.EventType.RUN_START;
import static io.pipewright.sdk.event.EventType.RUN_SUCCESS;
import static io.pipewright.sdk.event.EventType.STEP_FAILURE;
import static io.pipewright.sdk.event.EventType.STEP_INPUT;
import static io.pipewright.sdk.event.EventType.STEP_OUTPUT;
import static io.pipewright.sdk.event.EventType.STEP_SKIPPED;
import static io.pipewright.sdk.event.EventType.STEP_START;
import static io.pipewright.sdk.event.EventType.STEP_SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.event.ErrorSource;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.RunEvent;
import io.pipewright.sdk.event.RunFailureData;
import io.pipewright.sdk.event.StepFailureData;
import io.pipewright.sdk.types.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionBasicsTest {

  private static JobDefinition chain(OpDefinition... ops) {
    GraphDefinition.Builder g = GraphDefinition.builder("chain");
    GraphDefinition.Node previous = null;
    for (OpDefinition op : ops) {
      GraphDefinition.Node node = g.add(op);
      if (previous != null) {
        node.in(op.inputs().get(0).name(), previous.out());
      }
      previous = node;
    }
    return JobDefinition.builder("chain_job", g.build()).build();
  }

  @Test
  void shouldEmitDagsterEventsInOrderWhenAChainSucceeds() {
    ExecutionResult result =
        JobExecution.of(chain(Fixtures.constant("start", 1), Fixtures.addOne("plus_one")))
            .runId("run-1")
            .execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.events().get(0).type()).isEqualTo(RUN_START);
    assertThat(result.events().get(result.events().size() - 1).type()).isEqualTo(RUN_SUCCESS);
    assertThat(types(result.eventsForStep("plus_one")))
        .containsExactly(
            STEP_START, LOADED_INPUT, STEP_INPUT, STEP_OUTPUT, HANDLED_OUTPUT, STEP_SUCCESS);
    assertThat(result.outputFor("plus_one")).isEqualTo(2);
    assertThat(result.events()).allMatch(e -> e.runId().equals("run-1"));
    assertThat(result.events()).extracting(RunEvent::sequence).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void shouldFailTheStepSkipDownstreamAndNameTheStepWhenAnOpThrows() {
    IllegalStateException boom =
        new IllegalStateException("boom", new RuntimeException("root cause"));
    ExecutionResult result =
        JobExecution.of(
                chain(
                    Fixtures.constant("start", 1),
                    Fixtures.failing("explode", boom),
                    Fixtures.addOne("after")))
            .execute();

    assertThat(result.isSuccess()).isFalse();
    assertThat(result.failedSteps()).containsExactly("explode");
    assertThat(result.skippedSteps()).containsExactly("after");
    StepFailureData failure =
        result.eventsOfType(STEP_FAILURE).get(0).data(StepFailureData.class).orElseThrow();
    assertThat(failure.errorSource()).isEqualTo(ErrorSource.USER_CODE_ERROR);
    assertThat(failure.error().className()).isEqualTo("java.lang.IllegalStateException");
    assertThat(failure.error().message()).contains("boom");
    assertThat(failure.error().stack()).isNotEmpty();
    assertThat(failure.error().cause().message()).contains("root cause");
    RunEvent runFailure = result.eventsOfType(RUN_FAILURE).get(0);
    assertThat(runFailure.message()).contains("explode");
    assertThat(runFailure.data(RunFailureData.class).orElseThrow().failedStepKeys())
        .containsExactly("explode");
    assertThat(result.eventsOfType(STEP_SKIPPED).get(0).message()).contains("explode");
  }

  @Test
  void shouldFailWithFrameworkErrorNamingOpOutputTypeAndClassWhenOutputTypeCheckFails() {
    OpDefinition wrong =
        OpDefinition.builder("wrong").output(Types.INT).compute((ctx, in) -> "ten").build();
    ExecutionResult result = JobExecution.of(JobDefinition.builder("j", wrong).build()).execute();

    StepFailureData failure =
        result.eventsOfType(STEP_FAILURE).get(0).data(StepFailureData.class).orElseThrow();
    assertThat(failure.errorSource()).isEqualTo(ErrorSource.FRAMEWORK_ERROR);
    assertThat(failure.error().message())
        .contains("output 'result'", "op 'wrong'", "Int", "java.lang.String");
  }

  @Test
  void shouldNameTheInputWhenAnInputTypeCheckFails() {
    OpDefinition text = Fixtures.constant("text", "ten");
    ExecutionResult result = JobExecution.of(chain(text, Fixtures.addOne("plus_one"))).execute();

    assertThat(result.failureOf("plus_one").orElseThrow().message())
        .contains("input 'x'", "op 'plus_one'", "Int", "java.lang.String");
  }

  @Test
  void shouldRunTenThousandChainedOpsAndSkipThemAllAfterAFailureAtTheHead() {
    GraphDefinition.Builder g = GraphDefinition.builder("long");
    GraphDefinition.Node previous =
        g.add(
            OpDefinition.builder("head")
                .output(Types.INT)
                .compute(
                    (ctx, in) -> {
                      throw new IllegalStateException("x");
                    })
                .build());
    for (int i = 0; i < 10_000; i++) {
      previous = g.add("op_" + i, Fixtures.addOne("plus")).in("x", previous.out());
    }
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("long_job", g.build()).build()).execute();

    assertThat(result.failedSteps()).containsExactly("head");
    assertThat(result.skippedSteps()).hasSize(10_000);
  }

  static List<EventType> types(List<RunEvent> events) {
    return events.stream().map(RunEvent::type).toList();
  }
}
