package io.pipewright.daemon.testing;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickFilter;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
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
import io.pipewright.storage.memory.InMemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The scheduler (and later the sensor and backfill daemons) over given stores and a {@link
 * FakeCodeLocation}, stepped pass by pass under a fake clock. {@link #restart} plays a new daemon
 * after a crash: a new scheduler over the same stores, taking over.
 */
public final class InstigationHarness {

  public final TestClock clock;
  public final InstigationStores stores;
  public final FakeCodeLocation location = new FakeCodeLocation("etl");
  public final InstigationMetrics metrics = InstigationMetrics.none();
  public SchedulerSettings settings = SchedulerSettings.DEFAULTS;
  public Scheduler scheduler;
  public SensorSettings sensorSettings = SensorSettings.DEFAULTS.withJitter(Duration.ZERO);
  public SensorDaemon sensors;

  /** Over in-memory storage. */
  public InstigationHarness(Instant start) {
    this(start, memory(new InMemoryStorage()));
  }

  /** Over the given stores. */
  public InstigationHarness(Instant start, InstigationStores stores) {
    this.clock = new TestClock(start);
    this.stores = stores;
    this.scheduler = newScheduler(TickHooks.NONE);
    this.sensors = newSensors(TickHooks.NONE);
  }

  private SensorDaemon newSensors(TickHooks hooks) {
    return new SensorDaemon(stores, location, sensorSettings, clock, metrics, hooks);
  }

  /** Adds a standard sensor of job {@code job}, running by default. */
  public InstigatorSelector sensor(String name, Duration interval) {
    location.sensors.add(
        new SensorSnapshot(
            name,
            SensorSnapshot.Kind.STANDARD,
            interval,
            DefaultStatus.RUNNING,
            null,
            List.of(new TargetSnapshot.Job("job")),
            List.of(),
            List.of(),
            null));
    return InstigatorSelector.of(location.name, name);
  }

  /** Runs one sensor pass now and waits for its ticks. */
  public Instant sensorPass() {
    Instant next = sensors.run(clock.instant());
    awaitSensors();
    return next;
  }

  /** Waits until no sensor tick runs. */
  public void awaitSensors() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (sensors.inFlight() > 0) {
      if (System.nanoTime() > deadline) {
        StringBuilder dump = new StringBuilder("sensor ticks did not end within 30 s:");
        Thread.getAllStackTraces()
            .forEach(
                (thread, stack) -> {
                  if (thread.getName().startsWith("pipewright-sensor")) {
                    dump.append("\n").append(thread.getName());
                    for (StackTraceElement frame : stack) {
                      dump.append("\n  at ").append(frame);
                    }
                  }
                });
        throw new AssertionError(dump);
      }
      Thread.onSpinWait();
    }
  }

  /** Replaces the sensor daemon, as a restarted daemon (with other hooks), and takes over. */
  public void restartSensors(TickHooks hooks, boolean takeOver) {
    sensors.close();
    sensors = newSensors(hooks);
    if (takeOver) {
      sensors.takeOver(clock.instant());
    }
  }

  /** The stores of an in-memory storage. */
  public static InstigationStores memory(InMemoryStorage storage) {
    return new InstigationStores(
        storage.runs(),
        storage.snapshots(),
        storage.events(),
        storage.instigators(),
        storage.backfills(),
        storage.dynamicPartitions(),
        storage.keyValues(),
        storage.heartbeats());
  }

  private Scheduler newScheduler(TickHooks hooks) {
    return new Scheduler(stores, location, settings, clock, metrics, hooks);
  }

  /** Adds a schedule of job {@code job}, running by default, in UTC. */
  public InstigatorSelector schedule(String name, String cron) {
    location.schedules.add(
        new ScheduleSnapshot(
            name,
            cron,
            "UTC",
            new TargetSnapshot.Job("job"),
            DefaultStatus.RUNNING,
            null,
            Map.of("team", "data")));
    return InstigatorSelector.of(location.name, name);
  }

  /** Runs one scheduler pass now. */
  public Instant pass() {
    return scheduler.run(clock.instant());
  }

  /** Replaces the scheduler, as a restarted daemon (with other crash hooks), and takes over. */
  public void restart(TickHooks hooks) {
    scheduler.close();
    scheduler = newScheduler(hooks);
    scheduler.takeOver(clock.instant());
  }

  /** Replaces the scheduler's hooks without a takeover (the first daemon, set to crash). */
  public void crashWith(TickHooks hooks) {
    scheduler.close();
    scheduler = newScheduler(hooks);
  }

  /** The ticks of an instigator, newest first. */
  public List<Tick> ticks(InstigatorSelector selector) {
    return stores.instigators().ticks(selector, TickFilter.latest(1000)).await().indefinitely();
  }

  /** The runs with a tag. */
  public List<Run> runs(String key, String value) {
    return stores
        .runs()
        .list(RunFilter.builder().tags(Map.of(key, value)).build(), null, 100_000)
        .await()
        .indefinitely();
  }
}
