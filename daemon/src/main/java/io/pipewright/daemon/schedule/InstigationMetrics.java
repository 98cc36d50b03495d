package io.pipewright.daemon.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.TickStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics of schedules, sensors and backfills (served at {@code /q/metrics}):
 *
 * <ul>
 *   <li>{@code pipewright_daemon_ticks_total{type,outcome}}: finished ticks by instigator type
 *       (SCHEDULE, SENSOR) and outcome (SUCCESS, SKIPPED, FAILURE)
 *   <li>{@code pipewright_daemon_tick_lag_seconds{type}}: from the time a tick was due (a
 *       schedule's cron time, a sensor's next evaluation time) to the start of its evaluation
 *       (p50/p99)
 *   <li>{@code pipewright_daemon_backfill_runs_total}: runs created by backfills
 * </ul>
 */
public final class InstigationMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> ticks = new ConcurrentHashMap<>();
  private final Map<InstigatorType, Timer> lags = new ConcurrentHashMap<>();
  private final Counter backfillRuns;

  /**
   * Registers the metrics.
   *
   * @param registry where they go
   */
  public InstigationMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.backfillRuns =
        Counter.builder("pipewright.daemon.backfill.runs")
            .description("Runs created by backfills")
            .register(registry);
  }

  /**
   * Metrics that go nowhere (tests).
   *
   * @return the metrics
   */
  public static InstigationMetrics none() {
    return new InstigationMetrics(new SimpleMeterRegistry());
  }

  /**
   * Counts a finished tick.
   *
   * @param type schedule or sensor
   * @param outcome how it ended
   */
  public void tick(InstigatorType type, TickStatus outcome) {
    ticks
        .computeIfAbsent(
            type + "/" + outcome,
            k ->
                Counter.builder("pipewright.daemon.ticks")
                    .description("Finished schedule and sensor ticks")
                    .tag("type", type.name())
                    .tag("outcome", outcome.name())
                    .register(registry))
        .increment();
  }

  /**
   * Records how late an evaluation started.
   *
   * @param type schedule or sensor
   * @param lag from the due time to the start of the evaluation
   */
  public void lag(InstigatorType type, Duration lag) {
    lags.computeIfAbsent(
            type,
            t ->
                Timer.builder("pipewright.daemon.tick.lag")
                    .description("From a tick's due time to the start of its evaluation")
                    .tag("type", t.name())
                    .publishPercentiles(0.5, 0.99)
                    .register(registry))
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /**
   * Counts runs created by backfills.
   *
   * @param count how many
   */
  public void backfillRuns(int count) {
    backfillRuns.increment(count);
  }

  /**
   * Returns the lag timer of a type (figures and tests read its percentiles).
   *
   * @param type schedule or sensor
   * @return the timer, or null before the first tick
   */
  public Timer lagTimer(InstigatorType type) {
    return lags.get(type);
  }

  /**
   * Returns how many ticks ended with an outcome.
   *
   * @param type schedule or sensor
   * @param outcome the outcome
   * @return the count
   */
  public double ticks(InstigatorType type, TickStatus outcome) {
    Counter counter = ticks.get(type + "/" + outcome);
    return counter == null ? 0 : counter.count();
  }
}
