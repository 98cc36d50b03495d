package io.pipewright.codelocation.grpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * The server's own metrics, in Prometheus at {@code /q/metrics}:
 *
 * <ul>
 *   <li>{@code pipewright_codelocation_rpc_seconds{method, status}}: the latency of every call, by
 *       method and gRPC status code;
 *   <li>{@code pipewright_codelocation_evaluation_seconds{kind, name}}: how long schedule and
 *       sensor evaluations take ({@code kind} is {@code schedule} or {@code sensor});
 *   <li>{@code pipewright_codelocation_evaluations_total{kind, name, outcome}}: their outcomes,
 *       {@code requested}, {@code skipped} or {@code failed}.
 * </ul>
 *
 * <p>The {@code name} label is bounded: it takes the names the definitions declare (an unknown name
 * is rejected before it is evaluated).
 */
@Singleton
public class CodeLocationMetrics {

  /** The timer of calls; Prometheus appends {@code _seconds}. */
  public static final String RPC = "pipewright.codelocation.rpc";

  /** The timer of evaluations; Prometheus appends {@code _seconds}. */
  public static final String EVALUATION = "pipewright.codelocation.evaluation";

  /** The counter of evaluation outcomes; Prometheus appends {@code _total}. */
  public static final String EVALUATIONS = "pipewright.codelocation.evaluations";

  private final MeterRegistry registry;

  /**
   * Creates the metrics.
   *
   * @param registry where they are registered
   */
  @Inject
  public CodeLocationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Records one call.
   *
   * @param method the RPC's name, such as {@code GetSnapshot}
   * @param status the gRPC status code it ended with, such as {@code OK}
   * @param nanos how long it took
   */
  public void recordCall(String method, String status, long nanos) {
    Timer.builder(RPC)
        .description("Latency of code location gRPC calls")
        .tag("method", method)
        .tag("status", status)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Records one evaluation of a schedule or sensor.
   *
   * @param kind {@code schedule} or {@code sensor}
   * @param name the schedule's or sensor's name
   * @param evaluation its outcome
   * @param nanos how long it took
   */
  public void recordEvaluation(
      String kind, String name, InstigatorEvaluation evaluation, long nanos) {
    Timer.builder(EVALUATION)
        .description("Duration of schedule and sensor evaluations")
        .tag("kind", kind)
        .tag("name", name)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    String outcome =
        evaluation.isFailure()
            ? "failed"
            : evaluation.runRequests().isEmpty() ? "skipped" : "requested";
    Counter.builder(EVALUATIONS)
        .description("Outcomes of schedule and sensor evaluations")
        .tag("kind", kind)
        .tag("name", name)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
