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
 * Engine overhead per mapped step: one whole in-process run of a fan-out to 10,000 mapped steps (an
 * op with a dynamic output of 10,000 values, a mapped op, a collect), with the in-memory IO
 * manager, the sequential executor and no listeners. The time is divided by the 10,000 mapped
 * steps; the split and the collecting op (2 more steps) are included in the total.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(EngineFanOutBenchmark.WIDTH)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 10, time = 3)
public class EngineFanOutBenchmark {
  /** The number of mapped steps. */
  static final int WIDTH = 10_000;

  private JobDefinition job;

  /** Builds the job once, and checks that a run computes what it should. */
  @Setup
  public void setUp() {
    job = EngineJobs.fanOutJob(WIDTH);
    // sum of (i + 1) for i in [0, WIDTH)
    EngineJobs.check(JobExecution.of(job).execute(), "total", (long) WIDTH * (WIDTH + 1) / 2);
  }

  /**
   * Runs the fan-out once.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public ExecutionResult executeFanOut() {
    return JobExecution.of(job).execute();
  }
}
