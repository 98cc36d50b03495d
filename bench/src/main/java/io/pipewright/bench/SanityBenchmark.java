package io.pipewright.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Proves the JMH wiring (annotation processing, {@code exec:exec}) and nothing else: it measures
 * building a step-key-like string. Real benchmarks replace it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SanityBenchmark {

  // Not final: JMH must not let the JIT constant-fold the inputs away.
  private String opName = "load_orders";
  private int attempt = 2;

  /**
   * Concatenates an op name and an attempt number.
   *
   * @return the concatenation, returned so that JMH consumes it and the JIT cannot drop it
   */
  @Benchmark
  public String concatenateStepKey() {
    return opName + "#" + attempt;
  }
}
