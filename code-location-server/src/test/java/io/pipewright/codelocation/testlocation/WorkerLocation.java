package io.pipewright.codelocation.testlocation;

import io.pipewright.codelocation.DefinitionsProvider;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DynamicOutputs;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.types.Types;
import java.time.Duration;
import java.util.List;

/**
 * The definitions step worker processes run (registered for {@code ServiceLoader}, which the plain
 * {@code StepWorkerMain} reads): jobs that store their outputs with the filesystem IO manager,
 * whose directory comes from the run config ({@code resources.io_manager.config.base_dir}).
 */
public final class WorkerLocation implements DefinitionsProvider {

  static final OpDefinition PRODUCE =
      OpDefinition.builder("produce")
          .output(Types.list(Types.INT))
          .compute((ctx, in) -> List.of(1, 2, 3))
          .build();

  static final OpDefinition TOTAL =
      OpDefinition.builder("total")
          .input("values", Types.list(Types.INT))
          .output(Types.INT)
          .compute((ctx, in) -> in.getList("values", Integer.class).stream().mapToInt(i -> i).sum())
          .build();

  static final OpDefinition EXPLODE =
      OpDefinition.builder("explode")
          .output(Types.INT)
          .compute(
              (ctx, in) -> {
                throw new IllegalStateException("the warehouse is on fire");
              })
          .build();

  static final OpDefinition FLAKY =
      OpDefinition.builder("flaky")
          .output(Types.INT)
          .retryPolicy(RetryPolicy.builder().maxRetries(2).delay(Duration.ofSeconds(30)).build())
          .compute(
              (ctx, in) -> {
                throw new IllegalStateException("the API timed out");
              })
          .build();

  static final OpDefinition SPLIT =
      OpDefinition.builder("split")
          .output(Out.dynamic("parts", Types.INT))
          .compute((ctx, in) -> DynamicOutputs.builder().add("north", 1).add("south", 2).build())
          .build();

  static final OpDefinition PROCESS =
      OpDefinition.builder("process")
          .input("n", Types.INT)
          .output(Types.INT)
          .compute((ctx, in) -> in.getInt("n") * 10)
          .build();

  static final OpDefinition COMBINE =
      OpDefinition.builder("combine")
          .input("values", Types.list(Types.INT))
          .output(Types.INT)
          .compute((ctx, in) -> in.getList("values", Integer.class).stream().mapToInt(i -> i).sum())
          .build();

  @Override
  public Definitions definitions() {
    return Definitions.builder()
        .jobs(
            JobDefinition.builder(
                    "numbers",
                    GraphDefinition.builder("numbers")
                        .compose(g -> g.add(TOTAL).in("values", g.add(PRODUCE).out()))
                        .build())
                .build(),
            JobDefinition.builder("broken", EXPLODE).build(),
            JobDefinition.builder("flaky", FLAKY).build(),
            JobDefinition.builder(
                    "fan",
                    GraphDefinition.builder("fan")
                        .compose(
                            g -> {
                              var parts = g.add(SPLIT).out("parts");
                              var processed = g.add(PROCESS).in("n", parts);
                              g.add(COMBINE).in("values", processed.out().collect());
                            })
                        .build())
                .build())
        .resource("io_manager", IOManagers.filesystem())
        .build();
  }
}
