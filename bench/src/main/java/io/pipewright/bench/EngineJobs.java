package io.pipewright.bench;

import io.pipewright.sdk.DynamicOutputs;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.types.Types;
import java.util.List;

/**
 * The jobs the engine benchmarks run: trivial ops, so that what is measured is the engine (events,
 * type checks, IO manager calls, scheduling), not user code. No job binds an {@code io_manager}, so
 * runs use the in-memory one, and none has hooks, retries or listeners.
 */
final class EngineJobs {
  private EngineJobs() {}

  /**
   * Adds one to its input. The input defaults to 0, so the same definition serves as the head of
   * the chain (unconnected) and as every later link.
   */
  static final OpDefinition PLUS_ONE =
      OpDefinition.builder("plus_one")
          .input(In.of("x", Types.INT).withDefault(0))
          .output(Types.INT)
          .compute((ctx, in) -> in.getInt("x") + 1)
          .build();

  /**
   * A graph of {@code length} chained {@link #PLUS_ONE} ops, {@code op_0 -> op_1 -> ...}; the last
   * one outputs {@code length}.
   *
   * @param length the number of ops
   * @return the graph
   */
  static GraphDefinition chainGraph(int length) {
    GraphDefinition.Builder g = GraphDefinition.builder("chain");
    GraphDefinition.Node previous = g.add("op_0", PLUS_ONE);
    for (int i = 1; i < length; i++) {
      previous = g.add("op_" + i, PLUS_ONE).in("x", previous.out());
    }
    return g.build();
  }

  /**
   * A job over {@link #chainGraph(int)}.
   *
   * @param length the number of ops
   * @return the job
   */
  static JobDefinition chainJob(int length) {
    return JobDefinition.builder("chain_" + length, chainGraph(length)).build();
  }

  /**
   * A fan-out: {@code split} yields {@code width} dynamic values (0 .. width-1), {@code plus_one}
   * is mapped over them ({@code plus_one[k0]} ...), and {@code total} collects the results.
   *
   * @param width the number of mapped steps
   * @return the job
   */
  static JobDefinition fanOutJob(int width) {
    // The mapping keys are computed once here so that the split op's body only assembles them.
    List<String> keys = new java.util.ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      keys.add("k" + i);
    }
    OpDefinition split =
        OpDefinition.builder("split")
            .output(Out.dynamic("items", Types.INT))
            .compute(
                (ctx, in) -> {
                  DynamicOutputs.Builder out = DynamicOutputs.builder();
                  for (int i = 0; i < width; i++) {
                    out.add(keys.get(i), i);
                  }
                  return out.build();
                })
            .build();
    OpDefinition plusOne =
        OpDefinition.builder("plus_one")
            .input("x", Types.INT)
            .output(Types.INT)
            .compute((ctx, in) -> in.getInt("x") + 1)
            .build();
    OpDefinition total =
        OpDefinition.builder("total")
            .input("values", Types.list(Types.INT))
            .output(Types.LONG)
            .compute(
                (ctx, in) -> {
                  long sum = 0;
                  for (Integer v : in.getList("values", Integer.class)) {
                    sum += v;
                  }
                  return sum;
                })
            .build();
    GraphDefinition graph =
        GraphDefinition.builder("fan_out")
            .compose(
                g -> {
                  var items = g.add(split);
                  var mapped = g.add(plusOne).in("x", items.out("items"));
                  g.add(total).in("values", mapped.out().collect());
                })
            .build();
    return JobDefinition.builder("fan_out_" + width, graph).build();
  }

  /**
   * Fails loudly when a benchmark run did not do what it claims to measure.
   *
   * @param result the run
   * @param stepKey the step whose output to check
   * @param expected its expected output
   */
  static void check(ExecutionResult result, String stepKey, Object expected) {
    if (!result.isSuccess()) {
      throw new IllegalStateException("The benchmark run failed: " + result.failedSteps());
    }
    Object actual = result.outputFor(stepKey);
    if (!expected.equals(actual)) {
      throw new IllegalStateException(
          "Step " + stepKey + " returned " + actual + ", expected " + expected);
    }
  }
}
