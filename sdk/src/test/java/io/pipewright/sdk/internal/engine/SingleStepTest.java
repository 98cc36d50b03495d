package io.pipewright.sdk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.DynamicOutputs;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.internal.plan.GraphFlattener;
import io.pipewright.sdk.types.Types;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Resolving one step from known state, as a step worker does. */
class SingleStepTest {

  static final OpDefinition SPLIT =
      OpDefinition.builder("split")
          .output(Out.dynamic("parts", Types.INT))
          .output(Out.of("note", Types.STRING).asOptional())
          .compute((ctx, in) -> DynamicOutputs.builder().build())
          .build();

  static final OpDefinition SQUARE =
      OpDefinition.builder("square")
          .input("n", Types.INT)
          .output(Types.INT)
          .compute((ctx, in) -> 0)
          .build();

  static final OpDefinition TOTAL =
      OpDefinition.builder("total")
          .input("values", Types.list(Types.INT))
          .output(Types.INT)
          .compute((ctx, in) -> 0)
          .build();

  static final OpDefinition ECHO =
      OpDefinition.builder("echo")
          .input("text", Types.STRING)
          .noOutputs()
          .compute((ctx, in) -> null)
          .build();

  static final OpDefinition ALL_PARTS =
      OpDefinition.builder("all_parts")
          .input("parts", Types.list(Types.INT))
          .noOutputs()
          .compute((ctx, in) -> null)
          .build();

  static final JobDefinition JOB =
      JobDefinition.builder(
              "fan",
              GraphDefinition.builder("fan")
                  .compose(
                      g -> {
                        var split = g.add(SPLIT);
                        var square = g.add(SQUARE).in("n", split.out("parts"));
                        g.add(TOTAL).in("values", square.out().collect());
                        g.add(ECHO).in("text", split.out("note"));
                        g.add(ALL_PARTS).in("parts", split.out("parts").collect());
                      })
                  .build())
          .build();

  private static InputResolver resolver() {
    ExecutionPlan plan = ExecutionPlan.of(GraphFlattener.flatten(JOB.graph()), null);
    return new InputResolver(
        plan, "run-1", "fan", RunConfig.empty(), Map.of(), List.of(), null, null, List.of(), null);
  }

  private static KnownUpstream known(List<String> keys, Set<String> missingOfSplit) {
    return new KnownUpstream(
        keys == null ? Map.of() : Map.of("split", Map.of("parts", keys)),
        Map.of("split", missingOfSplit));
  }

  @Test
  void shouldReadTheMappedValueOfItsOwnMappingKeyWhenTheStepIsMapped() throws StepSkipped {
    StepInvocation step =
        SingleStep.resolve(resolver(), "square[r2]", 0, known(List.of("r1", "r2"), Set.of()));

    assertThat(step.mappingKey()).isEqualTo("r2");
    assertThat(step.inputs()).hasSize(1);
    OutputRef ref = step.inputs().get(0).refs().get(0);
    assertThat(ref.runId()).isEqualTo("run-1");
    assertThat(ref.stepKey()).isEqualTo("split");
    assertThat(ref.mappingKey()).isEqualTo("r2");
  }

  @Test
  void shouldCollectEveryMappedInstanceInKeyOrderWhenTheKeysAreKnown() throws StepSkipped {
    StepInvocation step =
        SingleStep.resolve(resolver(), "total", 2, known(List.of("b", "a"), Set.of()));

    assertThat(step.retryNumber()).isEqualTo(2);
    ResolvedInput values = step.inputs().get(0);
    assertThat(values.mode()).isEqualTo(ResolvedInput.Mode.LIST);
    assertThat(values.refs())
        .extracting(OutputRef::stepKey)
        .containsExactly("square[b]", "square[a]");
  }

  @Test
  void shouldCollectEachValueOfADynamicOutputWhenCollectedDirectly() throws StepSkipped {
    StepInvocation step =
        SingleStep.resolve(resolver(), "all_parts", 0, known(List.of("x", "y"), Set.of()));

    assertThat(step.inputs().get(0).refs())
        .extracting(OutputRef::stepKey, OutputRef::mappingKey)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("split", "x"),
            org.assertj.core.groups.Tuple.tuple("split", "y"));
  }

  @Test
  void shouldCollectAnEmptyListWhenTheDynamicOutputWasNotProduced() throws StepSkipped {
    StepInvocation step = SingleStep.resolve(resolver(), "total", 0, known(null, Set.of("parts")));

    assertThat(step.inputs().get(0).refs()).isEmpty();
  }

  @Test
  void shouldSkipWhenAnOptionalOutputItNeedsWasNotProduced() {
    assertThatThrownBy(
            () -> SingleStep.resolve(resolver(), "echo", 0, known(List.of(), Set.of("note"))))
        .isInstanceOf(StepSkipped.class)
        .hasMessage("output \"note\" of step \"split\" was not produced");
  }

  @Test
  void shouldRejectAMappedStepWithoutAMappingKey() {
    assertThatThrownBy(
            () -> SingleStep.resolve(resolver(), "square", 0, known(List.of(), Set.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give the mapping key of one value: 'square[<mapping key>]'");
  }

  @Test
  void shouldRejectAMappingKeyTheDynamicOutputDidNotProduce() {
    assertThatThrownBy(
            () -> SingleStep.resolve(resolver(), "square[r9]", 0, known(List.of("r1"), Set.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("produced only [r1]");
  }

  @Test
  void shouldRejectAnUnknownStepListingTheStepsOfThePlan() {
    assertThatThrownBy(() -> SingleStep.resolve(resolver(), "sqare", 0, known(List.of(), Set.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[split, square[?], echo, all_parts, total]");
  }

  @Test
  void shouldSayWhichKeysAreMissingWhenACollectStepHasNoKnownMappingKeys() {
    KnownUpstream nothing = new KnownUpstream(Map.of(), Map.of());

    assertThatThrownBy(() -> SingleStep.resolve(resolver(), "total", 0, nothing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no mapping keys for dynamic output 'parts' of step 'split'");
  }
}
