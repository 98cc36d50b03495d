package io.pipewright.bench;

import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first run of the 10,000-op chain in a fresh JVM, before the JIT has compiled the engine: what
 * a step worker or a short-lived test JVM sees. Each fork measures exactly one run. Compare with
 * {@link EngineChainBenchmark}, the steady state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(EngineColdStartBenchmark.OPS)
@Fork(
    value = 5,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class EngineColdStartBenchmark {
  /** The number of ops in the chain. */
  static final int OPS = 10_000;

  private JobDefinition job;
  private ExecutionResult last;

  /** Builds the job; it does not run it, so that the measured run is the JVM's first. */
  @Setup
  public void setUp() {
    job = EngineJobs.chainJob(OPS);
  }

  /**
   * Runs the 10,000-op chain once, cold.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public ExecutionResult firstRun() {
    last = JobExecution.of(job).execute();
    return last;
  }

  /** Checks, after measuring, that the run computed what it should. */
  @TearDown(Level.Trial)
  public void check() {
    EngineJobs.check(last, "op_" + (OPS - 1), OPS);
  }
}
