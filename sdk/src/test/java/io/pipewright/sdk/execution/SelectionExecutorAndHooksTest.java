package io.pipewright.sdk.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.ExecutorConfig;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.types.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SelectionExecutorAndHooksTest {

  private static GraphDefinition diamond() {
    return GraphDefinition.builder("diamond")
        .compose(
            g -> {
              var a = g.add(Fixtures.constant("a", 1));
              var b = g.add("b", Fixtures.addOne("add_one")).in("x", a.out());
              var c = g.add("c", Fixtures.addOne("add_one")).in("x", a.out());
              g.add(GraphExecutionTest.SUM).in("values", b.out(), c.out());
            })
        .build();
  }

  @Test
  void shouldRunOnlyTheSelectedOps() {
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("d", diamond()).opSelection("*b").build()).execute();

    assertThat(result.stepKeysWith(EventType.STEP_SUCCESS)).containsExactly("a", "b");
  }

  @Test
  void shouldExplainWhenASelectedOpNeedsAnUnselectedOne() {
    assertThatThrownBy(
            () ->
                JobExecution.of(JobDefinition.builder("d", diamond()).build())
                    .opSelection("b")
                    .execute())
        .hasMessageContaining("needs input 'x' from 'a'")
        .hasMessageContaining("+b");
  }

  @Test
  void shouldNeverRunMoreStepsAtOnceThanTheMultiThreadLimit() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    OpDefinition slow =
        OpDefinition.builder("slow")
            .output(Types.INT)
            .compute(
                (ctx, in) -> {
                  int now = running.incrementAndGet();
                  peak.accumulateAndGet(now, Math::max);
                  Thread.sleep(20);
                  running.decrementAndGet();
                  return 1;
                })
            .build();
    GraphDefinition.Builder g = GraphDefinition.builder("wide");
    for (int i = 0; i < 12; i++) {
      g.add("slow_" + i, slow);
    }
    ExecutionResult result =
        JobExecution.of(JobDefinition.builder("wide_job", g.build()).build())
            .executor(ExecutorConfig.multiThread(3))
            .execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.stepKeysWith(EventType.STEP_SUCCESS)).hasSize(12);
    assertThat(peak.get()).isBetween(2, 3);
  }

  @Test
  void shouldRunSuccessAndFailureHooksAndRecordAHookErrorWithoutFailingTheStep() {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    HookDefinition onSuccess =
        HookDefinition.onSuccess("ok_hook", ctx -> calls.add("ok " + ctx.stepKey()));
    HookDefinition onFailure =
        HookDefinition.onFailure(
            "fail_hook",
            ctx -> calls.add("fail " + ctx.stepKey() + " " + ctx.error().orElseThrow().message()));
    HookDefinition broken =
        HookDefinition.onSuccess(
            "broken_hook",
            ctx -> {
              throw new IllegalStateException("hook bug");
            });
    GraphDefinition g =
        GraphDefinition.builder("g")
            .compose(
                b -> {
                  var a = b.add(Fixtures.constant("a", 1));
                  b.add(Fixtures.failing("f", new IllegalArgumentException("nope")))
                      .in("x", a.out());
                })
            .build();
    ExecutionResult result =
        JobExecution.of(
                JobDefinition.builder("hooked", g)
                    .hook(onSuccess)
                    .hook(onFailure)
                    .hook(broken)
                    .build())
            .execute();

    assertThat(calls).containsExactly("ok a", "fail f java.lang.IllegalArgumentException: nope");
    assertThat(result.eventsOfType(EventType.HOOK_ERRORED)).hasSize(1);
    assertThat(result.eventsOfType(EventType.HOOK_COMPLETED)).hasSize(2);
    assertThat(result.stepKeysWith(EventType.STEP_SUCCESS)).containsExactly("a");
  }
}
