package io.pipewright.bench;

import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
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
 * Engine overhead per op: one whole in-process run ({@link JobExecution#execute()}: validation, run
 * config, planning, execution, events) of a 10,000-op chain of trivial ops, with the default
 * in-memory IO manager, the sequential executor and no listeners. {@code @OperationsPerInvocation}
 * makes JMH report the time per op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(EngineChainBenchmark.OPS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 10, time = 3)
public class EngineChainBenchmark {
  /** The number of ops in the chain. */
  static final int OPS = 10_000;

  private JobDefinition job;

  /** Builds the job once, and checks that a run computes what it should. */
  @Setup
  public void setUp() {
    job = EngineJobs.chainJob(OPS);
    EngineJobs.check(JobExecution.of(job).execute(), "op_" + (OPS - 1), OPS);
  }

  /**
   * Runs the 10,000-op chain once.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public ExecutionResult executeChain() {
    return JobExecution.of(job).execute();
  }
}
