package io.pipewright.daemon.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewright.core.run.RunStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's Prometheus metrics (served at {@code /q/metrics}). Names as Prometheus shows them:
 *
 * <ul>
 *   <li>{@code pipewright_daemon_runs_total{outcome}}: runs the daemon ended, by outcome (SUCCESS,
 *       FAILURE, CANCELED)
 *   <li>{@code pipewright_daemon_queue_depth}: runs waiting in the queue after the last admission
 *   <li>{@code pipewright_daemon_queue_wait_seconds}: time from a run's creation to its admission
 *   <li>{@code pipewright_daemon_active_runs}: runs the orchestrator drives
 *   <li>{@code pipewright_daemon_steps_launched_total{origin}}: attempts launched (FIRST, RETRY,
 *       INFRASTRUCTURE_RETRY)
 *   <li>{@code pipewright_daemon_step_duration_seconds{phase}}: how long workers ran, from running
 *       to their end, by how they ended
 *   <li>{@code pipewright_daemon_loop_seconds}: the duration of one loop cycle (reading events,
 *       deciding, writing)
 *   <li>{@code pipewright_daemon_loop_phase_seconds{phase}}: the loop's time in each phase of its
 *       cycles (admit, read, reload, decide, append, move, launch, heartbeat), summed per cycle
 *   <li>{@code pipewright_daemon_signal_latency_seconds}: from a signal (new events, a launcher
 *       status) reaching the daemon to the end of the cycle that handled it
 *   <li>{@code pipewright_daemon_leader}: 1 while this daemon leads, else 0
 *   <li>{@code pipewright_daemon_loop_errors_total}: cycles that failed (and are retried)
 * </ul>
 */
public final class DaemonMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> runs = new ConcurrentHashMap<>();
  private final Map<String, Counter> launches = new ConcurrentHashMap<>();
  private final Map<String, Timer> stepDurations = new ConcurrentHashMap<>();
  private final Map<String, Timer> phases = new ConcurrentHashMap<>();
  private final AtomicInteger queueDepth = new AtomicInteger();
  private final AtomicInteger activeRuns = new AtomicInteger();
  private final AtomicInteger leader = new AtomicInteger();
  private final Timer queueWait;
  private final Timer loop;
  private final Timer signalLatency;
  private final Counter loopErrors;
  private final DistributionSummary admittedPerCycle;

  /**
   * Registers the metrics.
   *
   * @param registry where they go
   */
  public DaemonMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("pipewright.daemon.queue.depth", queueDepth, AtomicInteger::get)
        .description("Runs waiting in the queue after the last admission")
        .register(registry);
    Gauge.builder("pipewright.daemon.active.runs", activeRuns, AtomicInteger::get)
        .description("Runs the orchestrator drives")
        .register(registry);
    Gauge.builder("pipewright.daemon.leader", leader, AtomicInteger::get)
        .description("1 while this daemon is the leader")
        .register(registry);
    queueWait =
        Timer.builder("pipewright.daemon.queue.wait")
            .description("Time from a run's creation to its admission")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    loop =
        Timer.builder("pipewright.daemon.loop")
            .description("Duration of one orchestrator loop cycle")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    signalLatency =
        Timer.builder("pipewright.daemon.signal.latency")
            .description("From a signal reaching the daemon to the end of the cycle handling it")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    loopErrors =
        Counter.builder("pipewright.daemon.loop.errors")
            .description("Loop cycles that failed and are retried")
            .register(registry);
    admittedPerCycle =
        DistributionSummary.builder("pipewright.daemon.queue.admitted")
            .description("Runs admitted per queue cycle")
            .register(registry);
  }

  /**
   * Metrics that go nowhere (tests, benchmarks).
   *
   * @return the metrics
   */
  public static DaemonMetrics none() {
    return new DaemonMetrics(new SimpleMeterRegistry());
  }

  /**
   * Returns the registry.
   *
   * @return the registry
   */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * A run ended.
   *
   * @param outcome its terminal status
   */
  public void runEnded(RunStatus outcome) {
    runs.computeIfAbsent(
            outcome.name(),
            o ->
                Counter.builder("pipewright.daemon.runs")
                    .description("Runs the daemon ended, by outcome")
                    .tag("outcome", o)
                    .register(registry))
        .increment();
  }

  /**
   * An admission cycle ran.
   *
   * @param admitted how many runs it admitted
   * @param stillQueued how many stay queued
   */
  public void admission(int admitted, int stillQueued) {
    queueDepth.set(stillQueued);
    admittedPerCycle.record(admitted);
  }

  /**
   * A run was admitted after waiting.
   *
   * @param waited from its creation to its admission
   */
  public void queueWait(Duration waited) {
    queueWait.record(waited.isNegative() ? Duration.ZERO : waited);
  }

  /**
   * The number of runs driven changed.
   *
   * @param count the runs driven now
   */
  public void activeRuns(int count) {
    activeRuns.set(count);
  }

  /**
   * An attempt was launched.
   *
   * @param origin why ({@code FIRST}, {@code RETRY}, {@code INFRASTRUCTURE_RETRY})
   */
  public void stepLaunched(String origin) {
    launches
        .computeIfAbsent(
            origin,
            o ->
                Counter.builder("pipewright.daemon.steps.launched")
                    .description("Step attempts launched, by origin")
                    .tag("origin", o)
                    .register(registry))
        .increment();
  }

  /**
   * A worker ended.
   *
   * @param phase how ({@code SUCCEEDED}, {@code FAILED}, {@code TERMINATED})
   * @param ran how long it ran
   */
  public void stepEnded(String phase, Duration ran) {
    stepDurations
        .computeIfAbsent(
            phase,
            p ->
                Timer.builder("pipewright.daemon.step.duration")
                    .description("How long step workers ran, by how they ended")
                    .tag("phase", p)
                    .register(registry))
        .record(ran.isNegative() ? Duration.ZERO : ran);
  }

  /**
   * A loop cycle ran.
   *
   * @param took its duration
   */
  public void cycle(Duration took) {
    loop.record(took);
  }

  /**
   * The loop spent time in a phase of a cycle.
   *
   * @param phase the phase ({@code admit}, {@code read}, {@code reload}, {@code decide}, {@code
   *     append}, {@code move}, {@code launch}, {@code heartbeat})
   * @param nanos how long, in nanoseconds
   */
  public void phase(String phase, long nanos) {
    phases
        .computeIfAbsent(
            phase,
            p ->
                Timer.builder("pipewright.daemon.loop.phase")
                    .description("The loop's time in each phase of its cycles")
                    .tag("phase", p)
                    .register(registry))
        .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  /**
   * A signal was handled.
   *
   * @param latency from its arrival to the end of the cycle that handled it
   */
  public void signalHandled(Duration latency) {
    signalLatency.record(latency.isNegative() ? Duration.ZERO : latency);
  }

  /** A cycle failed. */
  public void loopError() {
    loopErrors.increment();
  }

  /**
   * Leadership changed.
   *
   * @param leading whether this daemon leads now
   */
  public void leader(boolean leading) {
    leader.set(leading ? 1 : 0);
  }
}
