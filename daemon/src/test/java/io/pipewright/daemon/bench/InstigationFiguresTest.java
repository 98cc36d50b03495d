package io.pipewright.daemon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.snapshot.DefaultStatus;
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

  @Test
  void shouldMeasureTheTickLagOfTenThousandSchedulesAndAThousandSensorsWhenBenchmarksAreOn()
      throws IOException {
    InstigationStores stores = InstigationHarness.memory(new InMemoryStorage());
    FakeCodeLocation location = new FakeCodeLocation("etl");
    for (int i = 0; i < 10_000; i++) {
      location.schedules.add(
          new ScheduleSnapshot(
              "s" + i,
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
    // The minute: the pass starts on time; each tick's lag is due time -> its evaluation start.
    Clock clock = startingAt(minute);
    Scheduler scheduler = new Scheduler(stores, location, settings, clock, metrics, TickHooks.NONE);
    long started = System.nanoTime();
    scheduler.run(clock.instant());
    Duration pass = Duration.ofNanos(System.nanoTime() - started);
    scheduler.close();
    Timer lag = metrics.lagTimer(InstigatorType.SCHEDULE);
    assertThat(metrics.ticks(InstigatorType.SCHEDULE, TickStatus.SUCCESS)).isEqualTo(10_000);

    // 1,000 sensors at 30 s: two rounds; the second one's lag is due time -> evaluation start.
    location.schedules.clear();
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
            + String.format(
                "  10,000 every-minute schedules, one minute's pass: %d ticks and runs in %d ms;"
                    + " tick lag (due -> evaluation start)%s%n",
                (long) lag.count(), pass.toMillis(), percentiles(lag))
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
