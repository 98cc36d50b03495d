package io.pipewright.sdk.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.DynamicOutputs;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.Outputs;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.types.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphExecutionTest {

  static OpDefinition fanOut(List<String> keys) {
    return OpDefinition.builder("fan_out")
        .output(Out.dynamic("items", Types.INT))
        .compute(
            (ctx, in) -> {
              DynamicOutputs.Builder b = DynamicOutputs.builder();
              for (int i = 0; i < keys.size(); i++) {
                b.add(keys.get(i), i + 1);
              }
              return b.build();
            })
        .build();
  }

  static final OpDefinition DOUBLE =
      OpDefinition.builder("double")
          .input("x", Types.INT)
          .output(Types.INT)
          .compute((ctx, in) -> in.getInt("x") * 2)
          .build();

  static final OpDefinition SUM =
      OpDefinition.builder("sum")
          .input("values", Types.list(Types.INT))
          .output(Types.INT)
          .compute((ctx, in) -> in.getList("values", Integer.class).stream().mapToInt(i -> i).sum())
          .build();

  @Test
  void shouldMapOverDynamicOutputsAndCollectTheResultsWithMappingKeysInStepKeys() {
    GraphDefinition g =
        GraphDefinition.builder("dyn")
            .compose(
                b -> {
                  var items = b.add(fanOut(List.of("a", "b", "c"))).out("items");
                  var doubled = b.add(DOUBLE).in("x", items);
                  var plusOne =
                      b.add("plus_one", Fixtures.addOne("add_one")).in("x", doubled.out());
                  b.add(SUM).in("values", plusOne.out().collect());
                })
            .build();
    ExecutionResult result = JobExecution.of(JobDefinition.builder("dyn_job", g).build()).execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.stepKeysWith(EventType.STEP_SUCCESS))
        .contains("double[a]", "double[b]", "double[c]", "plus_one[a]", "plus_one[c]", "sum");
    assertThat(result.outputFor("sum")).isEqualTo((2 + 1) + (4 + 1) + (6 + 1));
    assertThat(result.outputFor("fan_out", "items", "b")).isEqualTo(2);
  }

  @Test
  void shouldCollectAnEmptyListWhenTheDynamicOutputYieldsNothing() {
    GraphDefinition g =
        GraphDefinition.builder("dyn")
            .compose(
                b -> {
                  var items = b.add(fanOut(List.of())).out("items");
                  var doubled = b.add(DOUBLE).in("x", items);
                  b.add(SUM).in("values", doubled.out().collect());
                })
            .build();
    ExecutionResult result = JobExecution.of(JobDefinition.builder("dyn_job", g).build()).execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.outputFor("sum")).isEqualTo(0);
  }

  @Test
  void shouldSkipMappedAndCollectingStepsWhenAMappedStepFails() {
    OpDefinition picky =
        OpDefinition.builder("picky")
            .input("x", Types.INT)
            .output(Types.INT)
            .compute(
                (ctx, in) -> {
                  if (ctx.mappingKey().orElseThrow().equals("b")) {
                    throw new IllegalArgumentException("no b");
                  }
                  return in.getInt("x");
                })
            .build();
    GraphDefinition g =
        GraphDefinition.builder("dyn")
            .compose(
                b -> {
                  var picked = b.add(picky).in("x", b.add(fanOut(List.of("a", "b"))).out("items"));
                  b.add(SUM).in("values", picked.out().collect());
                })
            .build();
    ExecutionResult result = JobExecution.of(JobDefinition.builder("dyn_job", g).build()).execute();

    assertThat(result.failedSteps()).containsExactly("picky[b]");
    assertThat(result.skippedSteps()).containsExactly("sum");
  }

  @Test
  void shouldFlattenNestedGraphsWithInputAndOutputMappingIntoDottedStepKeys() {
    GraphDefinition inner =
        GraphDefinition.builder("inner")
            .compose(
                b -> {
                  var x = b.input(In.of("x", Types.INT));
                  var first = b.add("first", Fixtures.addOne("add_one")).in("x", x);
                  var second = b.add("second", Fixtures.addOne("add_one")).in("x", first.out());
                  b.output("result", second.out());
                })
            .build();
    GraphDefinition outer =
        GraphDefinition.builder("outer")
            .compose(
                b -> {
                  var start = b.add(Fixtures.constant("start", 40));
                  var nested = b.add("nested", inner).in("x", start.out());
                  b.add("last", Fixtures.addOne("add_one")).in("x", nested.out());
                })
            .build();
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("nested_job", outer).build()).execute();

    assertThat(result.stepKeysWith(EventType.STEP_SUCCESS))
        .containsExactly("start", "nested.first", "nested.second", "last");
    assertThat(result.outputFor("last")).isEqualTo(43);
  }

  @Test
  void shouldOrderStepsByNothingDependenciesWithoutPassingValues() {
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    OpDefinition first =
        OpDefinition.builder("first")
            .output(Types.NOTHING)
            .compute(
                (ctx, in) -> {
                  order.add("first");
                  return null;
                })
            .build();
    OpDefinition second =
        OpDefinition.builder("second")
            .input(In.nothing("after"))
            .noOutputs()
            .compute(
                (ctx, in) -> {
                  order.add("second");
                  assertThat(in.names()).isEmpty();
                  return null;
                })
            .build();
    GraphDefinition g =
        GraphDefinition.builder("ordered")
            .compose(b -> b.add(second).in("after", b.add(first).out()))
            .build();
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("ordered_job", g).build()).execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(order).containsExactly("first", "second");
    assertThat(result.eventsOfType(EventType.LOADED_INPUT)).isEmpty();
  }

  @Test
  void shouldSkipConsumersOfAnOptionalOutputThatWasNotProducedAndStillSucceed() {
    OpDefinition split =
        OpDefinition.builder("split")
            .output(Out.of("always", Types.INT))
            .output(Out.of("sometimes", Types.INT).asOptional())
            .compute((ctx, in) -> Outputs.of("always", 1))
            .build();
    GraphDefinition g =
        GraphDefinition.builder("opt")
            .compose(
                b -> {
                  var s = b.add(split);
                  b.add("uses_always", Fixtures.addOne("add_one")).in("x", s.out("always"));
                  b.add("uses_sometimes", Fixtures.addOne("add_one")).in("x", s.out("sometimes"));
                })
            .build();
    ExecutionResult result = JobExecution.of(JobDefinition.builder("opt_job", g).build()).execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.skippedSteps()).containsExactly("uses_sometimes");
    assertThat(result.outputFor("uses_always")).isEqualTo(2);
  }

  @Test
  void shouldFailWhenARequiredOutputIsMissing() {
    OpDefinition two =
        OpDefinition.builder("two")
            .output(Out.of("a", Types.INT))
            .output(Out.of("b", Types.INT))
            .compute((ctx, in) -> Outputs.of("a", 1))
            .build();
    ExecutionResult result = JobExecution.of(JobDefinition.builder("j", two).build()).execute();

    assertThat(result.failureOf("two").orElseThrow().message())
        .contains("did not return required output 'b'");
  }

  @Test
  void shouldPassAListToAFanInInput() {
    GraphDefinition g =
        GraphDefinition.builder("fan_in")
            .compose(
                b -> {
                  var one = b.add(Fixtures.constant("one", 1));
                  var two = b.add(Fixtures.constant("two", 2));
                  b.add(SUM).in("values", one.out(), two.out());
                })
            .build();
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("fan_in_job", g).build()).execute();

    assertThat(result.outputFor("sum")).isEqualTo(3);
  }
}
