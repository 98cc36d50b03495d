package io.pipewright.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private static Run queued() {
    return Run.builder("r1", "orders_etl", "etl")
        .status(RunStatus.QUEUED)
        .tags(Map.of("team", "data"))
        .createTime(T0)
        .build();
  }

  @Test
  void shouldDefaultUpdateTimeToCreateTimeWhenNotSet() {
    assertThat(queued().updateTime()).isEqualTo(T0);
  }

  @Test
  void shouldSetStartAndEndTimesWhenMovingThroughTheLifecycle() {
    Run started =
        queued()
            .withStatus(RunStatus.STARTING, T0.plusSeconds(1))
            .withStatus(RunStatus.STARTED, T0.plusSeconds(2));
    Run done = started.withStatus(RunStatus.SUCCESS, T0.plusSeconds(9));

    assertThat(started.startTime()).isEqualTo(T0.plusSeconds(2));
    assertThat(started.endTime()).isNull();
    assertThat(done.endTime()).isEqualTo(T0.plusSeconds(9));
    assertThat(done.updateTime()).isEqualTo(T0.plusSeconds(9));
    assertThat(done.tags()).containsEntry("team", "data");
  }

  @Test
  void shouldRejectAnIllegalTransitionWhenTheRunIsFinished() {
    Run done = queued().withStatus(RunStatus.CANCELED, T0.plusSeconds(1));

    assertThatThrownBy(() -> done.withStatus(RunStatus.STARTED, T0.plusSeconds(2)))
        .isInstanceOf(IllegalRunTransitionException.class)
        .hasMessageContaining("CANCELED -> STARTED");
  }

  @Test
  void shouldNameTheRunWhenAComponentIsMissing() {
    assertThatThrownBy(() -> Run.builder("r9", "job", "loc").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("r9")
        .hasMessageContaining("createTime");
  }
}
