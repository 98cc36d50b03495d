package io.pipewright.bench;

import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.internal.definition.JobValidator;
import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.internal.plan.GraphFlattener;
import io.pipewright.sdk.internal.plan.OpNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The planning share of a run of the 10,000-op chain, with the engine's internal classes: building
 * the graph (which validates its wiring), validating the job, and flattening plus planning. {@link
 * #buildFlattenPlan()} is the whole; the others split it. Times are per op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(EnginePlanningBenchmark.OPS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class EnginePlanningBenchmark {
  /** The number of ops in the chain. */
  static final int OPS = 10_000;

  private GraphDefinition graph;
  private JobDefinition job;

  /** Builds the graph and job that the partial benchmarks start from. */
  @Setup
  public void setUp() {
    graph = EngineJobs.chainGraph(OPS);
    job = JobDefinition.builder("chain", graph).build();
    if (ExecutionPlan.of(GraphFlattener.flatten(graph), null).steps().size() != OPS) {
      throw new IllegalStateException("The plan does not have " + OPS + " steps");
    }
  }

  /**
   * Builds the graph, flattens it and plans it: everything before the first step runs, except job
   * validation and run config.
   *
   * @return the plan
   */
  @Benchmark
  public ExecutionPlan buildFlattenPlan() {
    GraphDefinition built = EngineJobs.chainGraph(OPS);
    return ExecutionPlan.of(GraphFlattener.flatten(built), null);
  }

  /**
   * Builds the graph only (the builder validates its wiring).
   *
   * @return the graph
   */
  @Benchmark
  public GraphDefinition buildGraph() {
    return EngineJobs.chainGraph(OPS);
  }

  /**
   * Flattens a built graph and plans it.
   *
   * @return the plan
   */
  @Benchmark
  public ExecutionPlan flattenAndPlan() {
    List<OpNode> ops = GraphFlattener.flatten(graph);
    return ExecutionPlan.of(ops, null);
  }

  /**
   * Validates the job as {@code JobExecution.execute()} does before each run.
   *
   * @return the problems (none)
   */
  @Benchmark
  public List<DefinitionError> validateJob() {
    return JobValidator.validate(job);
  }
}
