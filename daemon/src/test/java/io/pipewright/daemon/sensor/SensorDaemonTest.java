package io.pipewright.daemon.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.run.Run;
import io.pipewright.core.schedule.RunTags;
import io.pipewright.core.snapshot.DynamicPartitionsRequestSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.daemon.schedule.TickHooks;
import io.pipewright.daemon.testing.FakeCodeLocation;
import io.pipewright.daemon.testing.InstigationHarness;
import io.pipewright.daemon.testing.SchedulerCrashes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SensorDaemonTest {

  private final InstigationHarness h =
      new InstigationHarness(Instant.parse("2026-03-02T09:30:30Z"));

  private static InstigatorEvaluation keys(String cursor, String... runKeys) {
    List<io.pipewright.core.snapshot.RunRequestSnapshot> requests =
        java.util.Arrays.stream(runKeys).map(FakeCodeLocation::request).toList();
    return InstigatorEvaluation.runs(requests).withCursor(cursor);
  }

  @Test
  void shouldCreateOneRunPerRunKeyEverWhenTheSensorRequestsAKeyAgain() {
    InstigatorSelector files = h.sensor("files", Duration.ofSeconds(30));
    h.location.sensor = r -> r.cursor() == null ? keys("c1", "a", "b") : keys("c2", "b", "c");

    h.sensorPass();
    h.sensorPass(); // Not due yet: 30 s interval.
    assertThat(h.location.evaluations("files")).isEqualTo(1);
    h.clock.advance(Duration.ofSeconds(30));
    h.sensorPass();

    List<Tick> ticks = h.ticks(files);
    assertThat(ticks).hasSize(2).allMatch(t -> t.status() == TickStatus.SUCCESS);
    assertThat(ticks.get(0).runKeys()).containsExactly("c");
    assertThat(ticks.get(0).cursor()).isEqualTo("c2");
    List<Run> runs = h.runs(RunTags.SENSOR_NAME, "files");
    assertThat(runs)
        .extracting(r -> r.tags().get(RunTags.RUN_KEY))
        .containsExactlyInAnyOrder("a", "b", "c");
    assertThat(h.location.sensorRequests.get(1).cursor()).isEqualTo("c1");
    assertThat(h.location.sensorRequests.get(1).lastRunKey()).isEqualTo("b");
    assertThat(h.stores.instigators().state(files).await().indefinitely().orElseThrow().cursor())
        .isEqualTo("c2");
  }

  @Test
  void shouldSkipNamingTheKeysWhenEveryRunKeyAlreadyHasARun() {
    InstigatorSelector files = h.sensor("files", Duration.ofSeconds(30));
    h.location.sensor = r -> keys("same", "a");

    h.sensorPass();
    h.clock.advance(Duration.ofSeconds(31));
    h.sensorPass();

    Tick latest = h.ticks(files).get(0);
    assertThat(latest.status()).isEqualTo(TickStatus.SKIPPED);
    assertThat(latest.skipReason()).contains("[a]", "already");
    assertThat(h.runs(RunTags.SENSOR_NAME, "files")).hasSize(1);
  }

  @Test
  void shouldApplyDynamicPartitionRequestsBeforeCreatingRuns() {
    h.sensor("regions", Duration.ofSeconds(30));
    h.location.sensor =
        r ->
            InstigatorEvaluation.skipped("just registering")
                .withDynamicPartitionRequests(
                    List.of(
                        new DynamicPartitionsRequestSnapshot(
                            "regions",
                            DynamicPartitionsRequestSnapshot.Action.ADD,
                            List.of("eu", "us"))));

    h.sensorPass();

    assertThat(h.stores.dynamicPartitions().keys("regions").await().indefinitely())
        .containsExactly("eu", "us");
  }

  @Test
  void shouldEvaluateOtherSensorsWhileOneHangsAndInterruptItAfterTheTimeout()
      throws InterruptedException {
    h.sensorSettings = h.sensorSettings.withTimeout(Duration.ofSeconds(60));
    h.restartSensors(TickHooks.NONE, false);
    InstigatorSelector slow = h.sensor("slow", Duration.ofSeconds(30));
    InstigatorSelector fast = h.sensor("fast", Duration.ofSeconds(30));
    CountDownLatch hanging = new CountDownLatch(1);
    // Only the first evaluation hangs: once the timed-out tick ends, the pass that interrupted it
    // may already find the sensor due again and evaluate it (a second hang would never be reaped).
    java.util.concurrent.atomic.AtomicBoolean hangs =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    h.location.sensor =
        r -> {
          if (r.sensorName().equals("slow") && hangs.getAndSet(false)) {
            hanging.countDown();
            try {
              Thread.sleep(600_000);
            } catch (InterruptedException e) {
              throw new io.pipewright.core.codelocation.CodeLocationUnavailableException(
                  "etl", "fake", "the call was interrupted", e);
            }
          }
          return keys(null, "k-" + r.sensorName());
        };

    h.sensors.run(h.clock.instant());
    assertThat(hanging.await(10, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (h.ticks(fast).isEmpty() || h.ticks(fast).get(0).status() == TickStatus.STARTED) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(5);
    }
    assertThat(h.runs(RunTags.SENSOR_NAME, "fast")).hasSize(1);
    while (h.sensors.inFlight() > 1) { // The fast tick's worker is letting go of it.
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(5);
    }
    assertThat(h.sensors.inFlight()).isEqualTo(1); // Only the hanging one.

    h.clock.advance(Duration.ofSeconds(61));
    h.sensors.run(h.clock.instant()); // Interrupts the hanging tick.
    h.awaitSensors();
    Tick slowTick =
        h.ticks(slow).stream()
            .filter(t -> t.status() == TickStatus.FAILURE)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no failed tick of slow: " + h.ticks(slow)));
    assertThat(slowTick.status()).isEqualTo(TickStatus.FAILURE);
    assertThat(slowTick.error().message()).contains("interrupted");
  }

  @Test
  void shouldCreateTheReservedRunsOnceWhenTheDaemonCrashedAfterReservingThem() {
    InstigatorSelector files = h.sensor("files", Duration.ofSeconds(30));
    h.location.sensor = r -> keys("c1", "a", "b", "c");
    h.restartSensors(
        SchedulerCrashes.crashAt(SchedulerCrashes.Point.AFTER_SOME_RUNS_CREATED), false);

    h.sensors.run(h.clock.instant());
    h.awaitSensors(); // The worker died after two runs.
    assertThat(h.ticks(files).get(0).status()).isEqualTo(TickStatus.STARTED);
    assertThat(h.runs(RunTags.SENSOR_NAME, "files")).hasSize(2);

    h.restartSensors(TickHooks.NONE, true);

    Tick tick = h.ticks(files).get(0);
    assertThat(tick.status()).isEqualTo(TickStatus.SUCCESS);
    assertThat(tick.runIds()).hasSize(3);
    assertThat(h.runs(RunTags.SENSOR_NAME, "files")).hasSize(3);
    assertThat(h.location.evaluations("files")).isEqualTo(1);
  }
}
