package io.pipewright.daemon.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickFilter;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.storage.memory.InMemoryComputeLogStore;
import io.pipewright.storage.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RetentionTest {

  private static final InstigatorSelector DAILY = InstigatorSelector.of("etl", "daily");
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  private final InMemoryStorage storage = new InMemoryStorage();
  private final InstigatorStore instigators = storage.instigators();
  private final AtomicBoolean leading = new AtomicBoolean(true);
  private int ticks;

  @Test
  void shouldPurgeEachFinishedTickStatusAfterItsOwnPeriodWhenLeading() {
    Tick oldSkip = finished(Duration.ofDays(8), TickStatus.SKIPPED);
    Tick youngSkip = finished(Duration.ofDays(6), TickStatus.SKIPPED);
    Tick oldSuccess = finished(Duration.ofDays(40), TickStatus.SUCCESS);
    Tick oldFailure = finished(Duration.ofDays(40), TickStatus.FAILURE);
    Tick youngFailure = finished(Duration.ofDays(20), TickStatus.FAILURE);
    Tick oldStarted = started(Duration.ofDays(40));

    long deleted =
        retention(
                Map.of(
                    TickStatus.SKIPPED, Duration.ofDays(7),
                    TickStatus.SUCCESS, Duration.ZERO,
                    TickStatus.FAILURE, Duration.ofDays(30)))
            .run();

    assertThat(deleted).isEqualTo(2);
    assertThat(instigators.ticks(DAILY, TickFilter.latest(10)).await().indefinitely())
        .extracting(Tick::id)
        .containsExactlyInAnyOrder(
            youngSkip.id(), oldSuccess.id(), youngFailure.id(), oldStarted.id())
        .doesNotContain(oldSkip.id(), oldFailure.id());
  }

  @Test
  void shouldDeleteNothingWhenNotLeading() {
    finished(Duration.ofDays(8), TickStatus.SKIPPED);
    leading.set(false);

    assertThat(retention(Map.of(TickStatus.SKIPPED, Duration.ofDays(7))).run()).isZero();
    assertThat(instigators.ticks(DAILY, TickFilter.latest(10)).await().indefinitely()).hasSize(1);
  }

  @Test
  void shouldRefuseRetentionOfStartedTicksWhenPeriodsAreMade() {
    assertThatThrownBy(
            () ->
                new RetentionPeriods(
                    Duration.ZERO, Duration.ZERO, Map.of(TickStatus.STARTED, Duration.ofDays(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STARTED")
        .hasMessageContaining("SKIPPED, SUCCESS or FAILURE");
  }

  @Test
  void shouldRefuseNegativePeriodsWithTheirNameWhenPeriodsAreMade() {
    assertThatThrownBy(
            () ->
                new RetentionPeriods(
                    Duration.ZERO, Duration.ZERO, Map.of(TickStatus.SKIPPED, Duration.ofDays(-1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ticks.skipped")
        .hasMessageContaining("use 0s to keep forever");
  }

  @Test
  void shouldKeepEverythingOnlyWhenEveryPeriodIsZero() {
    assertThat(
            new RetentionPeriods(
                    Duration.ZERO, Duration.ZERO, Map.of(TickStatus.SUCCESS, Duration.ZERO))
                .keepsEverything())
        .isTrue();
    assertThat(
            new RetentionPeriods(
                    Duration.ZERO, Duration.ZERO, Map.of(TickStatus.SKIPPED, Duration.ofDays(7)))
                .keepsEverything())
        .isFalse();
  }

  private Retention retention(Map<TickStatus, Duration> ticks) {
    return new Retention(
        storage.events(),
        new InMemoryComputeLogStore(),
        instigators,
        new RetentionPeriods(Duration.ZERO, Duration.ZERO, ticks),
        leading::get,
        Clock.fixed(NOW, ZoneOffset.UTC),
        Duration.ofSeconds(10));
  }

  private Tick started(Duration age) {
    // A schedule has one tick per scheduled time: the ticks of one age are a minute apart.
    Instant at = NOW.minus(age).minusSeconds(60L * ticks++);
    return instigators
        .startTick(DAILY, InstigatorType.SCHEDULE, at, at.minusSeconds(1))
        .await()
        .indefinitely();
  }

  private Tick finished(Duration age, TickStatus status) {
    Tick tick = started(age);
    Instant end = tick.timestamp().plusSeconds(1);
    Tick done =
        switch (status) {
          case SKIPPED -> tick.skipped("nothing to do", end);
          case SUCCESS -> tick.success(end);
          case FAILURE ->
              tick.failure(ErrorSnapshot.of("java.lang.IllegalStateException", "boom"), end);
          case STARTED -> throw new IllegalArgumentException("not finished");
        };
    instigators.updateTick(done).await().indefinitely();
    return done;
  }
}
