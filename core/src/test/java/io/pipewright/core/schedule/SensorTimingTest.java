package io.pipewright.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensorTimingTest {

  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private static final Duration THIRTY = Duration.ofSeconds(30);

  @Test
  void shouldBeDueAtOnceWhenNeverEvaluated() {
    assertThat(SensorTiming.isDue("etl:s", null, THIRTY, Duration.ofSeconds(5), NOW)).isTrue();
    assertThat(SensorTiming.nextEvaluation("etl:s", null, THIRTY, Duration.ZERO, NOW))
        .isEqualTo(NOW);
  }

  @Test
  void shouldWaitTheMinimumIntervalWhenThereIsNoJitter() {
    Instant last = NOW.minusSeconds(29);

    assertThat(SensorTiming.isDue("etl:s", last, THIRTY, Duration.ZERO, NOW)).isFalse();
    assertThat(SensorTiming.isDue("etl:s", last, THIRTY, Duration.ZERO, NOW.plusSeconds(1)))
        .isTrue();
  }

  @Test
  void shouldAddAFixedJitterPerSensorWithinTheWindowWhenJittered() {
    Duration jitter = Duration.ofSeconds(5);
    Set<Duration> offsets = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Duration offset = SensorTiming.offset("etl:sensor_" + i, jitter);
      assertThat(offset).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(jitter);
      assertThat(SensorTiming.offset("etl:sensor_" + i, jitter)).isEqualTo(offset);
      offsets.add(offset);
    }
    // A thousand sensors spread over the window rather than landing on a few instants.
    assertThat(offsets.size()).isGreaterThan(900);
    Instant last = NOW.minusSeconds(30);
    Duration mine = SensorTiming.offset("etl:s", jitter);
    assertThat(SensorTiming.nextEvaluation("etl:s", last, THIRTY, jitter, NOW))
        .isEqualTo(NOW.plus(mine));
  }

  @Test
  void shouldRejectANonPositiveIntervalWhenAsked() {
    assertThatThrownBy(
            () -> SensorTiming.nextEvaluation("etl:s", NOW, Duration.ZERO, Duration.ZERO, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("etl:s");
  }
}
