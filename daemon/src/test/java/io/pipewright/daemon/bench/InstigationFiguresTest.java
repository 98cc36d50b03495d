package io.pipewright.daemon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.snapshot.DefaultStatus;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.core.snapshot.TargetSnapshot;
import io.pipewright.daemon.schedule.InstigationMetrics;
import io.pipewright.daemon.schedule.InstigationStores;
import io.pipewright.daemon.schedule.Scheduler;
import io.pipewright.daemon.schedule.SchedulerSettings;
import io.pipewright.daemon.schedule.TickHooks;
import io.pipewright.daemon.sensor.SensorDaemon;
import io.pipewright.daemon.sensor.SensorSettings;
import io.pipewright.daemon.testing.FakeCodeLocation;
import io.pipewright.daemon.testing.InstigationHarness;
import io.pipewright.storage.memory.InMemoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 8's figures, in-memory stores and an in-process fake code location (no gRPC): the daemon's
 * own cost. Off by default; {@code -Dpipewright.bench=true} runs it and writes
 * target/bench/instigation-in-memory.txt.
 */
@EnabledIfSystemProperty(named = "pipewright.bench", matches = "true")
class InstigationFiguresTest {

  /** A clock that reads {@code at} now and runs on in real time. */
  private static Clock startingAt(Instant at) {
    return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), at));
  }

  private static String percentiles(Timer timer) {
    StringBuilder out = new StringBuilder();
    for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
      out.append(
          String.format(" p%.0f %.0f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
    }
    return out.append(String.format(", max %.0f ms", timer.max(TimeUnit.MILLISECONDS))).toString();
  }

  /** p50, p90, p99 and max of lags in nanoseconds, in milliseconds. */
  private static String lagPercentiles(List<Long> nanos) {
    List<Long> sorted = new java.util.ArrayList<>(nanos);
    java.util.Collections.sort(sorted);
    StringBuilder out = new StringBuilder();
    for (double q : new double[] {0.50, 0.90, 0.99}) {
      int index = Math.max(0, (int) Math.ceil(q * sorted.size()) - 1);
      out.append(String.format("p%.0f %.0f ms, ", q * 100, sorted.get(index) / 1e6));
    }
    return out.append(String.format("max %.0f ms", sorted.get(sorted.size() - 1) / 1e6)).toString();
  }

  /**
   * The schedule figure over given stores: 10,000 every-minute schedules seen first 30 s before a
   * minute, then one pass on that minute and one on the next, by the same scheduler.
   *
   * @param stores the stores
   * @param prefix the schedules' name prefix (unique per measurement over a shared database)
   * @return the report's line
   */
  static String measureSchedules(InstigationStores stores, String prefix) {
    FakeCodeLocation location = new FakeCodeLocation("etl");
    for (int i = 0; i < 10_000; i++) {
      location.schedules.add(
          new ScheduleSnapshot(
              prefix + i,
              "* * * * *",
              "UTC",
              new TargetSnapshot.Job("job"),
              DefaultStatus.RUNNING,
              null,
              Map.of()));
    }
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(10));
    InstigationMetrics metrics = InstigationMetrics.none();
    SchedulerSettings settings = SchedulerSettings.DEFAULTS.withWorkers(16);
    // First sight: 30 s before the minute, every schedule gets its checkpoint.
    Scheduler first =
        new Scheduler(
            stores,
            location,
            settings,
            startingAt(minute.minusSeconds(30)),
            InstigationMetrics.none(),
            TickHooks.NONE);
    first.run(minute.minusSeconds(30));
    first.close();
    // Two minutes' passes by one scheduler, as a running daemon makes them: the first after its
    // start (its code still cold: the first-sight pass took other paths), then the next minute's
    // (the steady state of a daemon that has been running). Each pass starts on time; each tick's
    // lag is due time -> its evaluation start, taken by the evaluation itself (Micrometer's
    // percentiles decay over a long pass).
    RebasedClock clock = new RebasedClock(minute);
    Queue<Long> lags = new ConcurrentLinkedQueue<>();
    location.schedule =
        r -> {
          lags.add(Duration.between(r.scheduledTime(), clock.instant()).toNanos());
          return InstigatorEvaluation.runs(List.of(FakeCodeLocation.request(null)));
        };
    Scheduler scheduler = new Scheduler(stores, location, settings, clock, metrics, TickHooks.NONE);
    StringBuilder out = new StringBuilder();
    String[] names = {"the first minute's pass after start", "the next minute's pass"};
    for (int pass = 0; pass < names.length; pass++) {
      lags.clear();
      clock.rebase(minute.plus(Duration.ofMinutes(pass)));
      long started = System.nanoTime();
      scheduler.run(clock.instant());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(lags).hasSize(10_000);
      out.append(
          String.format(
              "  10,000 every-minute schedules, %s: %d ticks evaluated and runs created in %d ms;"
                  + " tick lag (due -> evaluation start) %s%n",
              names[pass], lags.size(), took.toMillis(), lagPercentiles(List.copyOf(lags))));
    }
    scheduler.close();
    assertThat(metrics.ticks(InstigatorType.SCHEDULE, TickStatus.SUCCESS)).isEqualTo(20_000);
    return out.toString();
  }

  /** A clock that reads a given instant when rebased, and runs on from it in real time. */
  private static final class RebasedClock extends Clock {
    private volatile Clock clock;

    RebasedClock(Instant at) {
      rebase(at);
    }

    void rebase(Instant at) {
      clock = startingAt(at);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException("a bench clock, always UTC");
    }

    @Override
    public Instant instant() {
      return clock.instant();
    }
  }

  @Test
  void shouldMeasureTheTickLagOfTenThousandSchedulesAndAThousandSensorsWhenBenchmarksAreOn()
      throws IOException {
    InstigationStores stores = InstigationHarness.memory(new InMemoryStorage());
    String schedules = measureSchedules(stores, "s");
    FakeCodeLocation location = new FakeCodeLocation("etl");

    // 1,000 sensors at 30 s: two rounds; the second one's lag is due time -> evaluation start.
    for (int i = 0; i < 1000; i++) {
      location.sensors.add(
          new SensorSnapshot(
              "sensor" + i,
              SensorSnapshot.Kind.STANDARD,
              Duration.ofSeconds(30),
              DefaultStatus.RUNNING,
              null,
              List.of(new TargetSnapshot.Job("job")),
              List.of(),
              List.of(),
              null));
    }
    InstigationMetrics sensorMetrics = InstigationMetrics.none();
    Clock sensorClock = Clock.systemUTC();
    SensorDaemon sensors =
        new SensorDaemon(
            stores, location, SensorSettings.DEFAULTS, sensorClock, sensorMetrics, TickHooks.NONE);
    Instant end = Instant.now().plusSeconds(40);
    Instant next = sensors.run(Instant.now());
    while (Instant.now().isBefore(end)) {
      long wait = Math.max(0, Duration.between(Instant.now(), next).toMillis());
      try {
        Thread.sleep(Math.min(wait, 1000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      next = sensors.run(Instant.now());
    }
    sensors.close();
    Timer sensorLag = sensorMetrics.lagTimer(InstigatorType.SENSOR);
    double evaluated = sensorMetrics.ticks(InstigatorType.SENSOR, TickStatus.SKIPPED);

    String report =
        "In-memory stores, in-process fake code location (no gRPC), 16 scheduler workers:\n"
            + schedules
            + String.format(
                "  1,000 sensors at 30 s, 5 s jitter, 16 workers, 40 s: %.0f evaluations; lag"
                    + " (due -> evaluation start)%s%n",
                evaluated, percentiles(sensorLag));
    Path out = Path.of("target", "bench", "instigation-in-memory.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
  }
}
