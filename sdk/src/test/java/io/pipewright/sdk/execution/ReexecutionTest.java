package io.pipewright.sdk.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetSpec;
import io.pipewright.sdk.asset.GraphAssetDefinition;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.types.Types;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReexecutionTest {

  @Test
  void shouldReexecuteOnlyTheStepsThatDidNotSucceedLoadingInputsFromTheParentRun(
      @TempDir Path dir) {
    AtomicBoolean broken = new AtomicBoolean(true);
    AtomicInteger sourceCalls = new AtomicInteger();
    OpDefinition source =
        OpDefinition.builder("source")
            .output(Types.INT)
            .compute((ctx, in) -> 10 + sourceCalls.getAndIncrement())
            .build();
    OpDefinition flaky =
        OpDefinition.builder("flaky")
            .input("x", Types.INT)
            .output(Types.INT)
            .compute(
                (ctx, in) -> {
                  if (broken.get()) {
                    throw new IllegalStateException("down");
                  }
                  return in.getInt("x") * 2;
                })
            .build();
    GraphDefinition g =
        GraphDefinition.builder("g")
            .compose(
                b -> {
                  var s = b.add(source);
                  var f = b.add(flaky).in("x", s.out());
                  b.add("last", Fixtures.addOne("add_one")).in("x", f.out());
                })
            .build();
    JobDefinition job =
        JobDefinition.builder("j", g).resource("io_manager", IOManagers.filesystem(dir)).build();
    ExecutionResult first = JobExecution.of(job).execute();
    assertThat(first.failedSteps()).containsExactly("flaky");

    broken.set(false);
    ExecutionResult retry = JobExecution.of(job).reexecuteFromFailure(first).execute();

    assertThat(retry.isSuccess()).isTrue();
    assertThat(retry.stepKeysWith(EventType.STEP_START)).containsExactly("flaky", "last");
    assertThat(sourceCalls.get()).as("source ran once, in the parent").isEqualTo(1);
    assertThat(retry.outputFor("last")).isEqualTo(21);
    assertThat(retry.eventsForStep("flaky"))
        .anyMatch(e -> e.type() == EventType.LOADED_INPUT && e.message().contains("source"));
  }

  @Test
  void shouldReexecuteOneStepOfAGraphBackedAssetAlone(@TempDir Path dir) {
    AtomicInteger halves = new AtomicInteger();
    OpDefinition half =
        OpDefinition.builder("half")
            .input("x", Types.INT)
            .output(Types.INT)
            .compute(
                (ctx, in) -> {
                  halves.incrementAndGet();
                  return in.getInt("x") / 2;
                })
            .build();
    GraphDefinition graph =
        GraphDefinition.builder("halve_then_add")
            .compose(
                g -> {
                  var x = g.input(In.of("base", Types.INT));
                  var h = g.add(half).in("x", x);
                  g.output(
                      "result", g.add("plus", Fixtures.addOne("add_one")).in("x", h.out()).out());
                })
            .build();
    AssetDefinition base =
        AssetDefinition.builder("base").type(Types.INT).compute((c, i) -> 40).build();
    GraphAssetDefinition derived =
        GraphAssetDefinition.builder(AssetSpec.of("derived"), graph)
            .input("base", AssetKey.of("base"))
            .build();
    Definitions defs =
        Definitions.builder()
            .assets(base, derived)
            .resource("io_manager", IOManagers.filesystem(dir))
            .build();
    ExecutionResult first = JobExecution.materialize(defs, "*").execute();

    ExecutionResult again =
        JobExecution.materialize(defs, "*").reexecute(first.runId(), "derived.plus").execute();

    assertThat(again.stepKeysWith(EventType.STEP_START)).containsExactly("derived.plus");
    assertThat(halves.get()).isEqualTo(1);
    assertThat(again.assetValue(AssetKey.of("derived"))).isEqualTo(21);
    assertThat(again.tags()).containsEntry(JobExecution.PARENT_RUN_TAG, first.runId());
  }

  @Test
  void shouldExplainWhenTheParentRunUsedTheInMemoryIoManager() {
    GraphDefinition g =
        GraphDefinition.builder("g")
            .compose(
                b ->
                    b.add("plus", Fixtures.addOne("add_one"))
                        .in("x", b.add(Fixtures.constant("c", 1)).out()))
            .build();
    JobDefinition job = JobDefinition.builder("j", g).build();
    ExecutionResult first = JobExecution.of(job).execute();

    ExecutionResult again = JobExecution.of(job).reexecute(first.runId(), "plus").execute();

    assertThat(again.failureOf("plus").orElseThrow().message()).contains("in-memory IO manager");
  }
}
