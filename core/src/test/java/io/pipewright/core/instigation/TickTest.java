package io.pipewright.core.instigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.snapshot.ErrorSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final InstigatorSelector DAILY = InstigatorSelector.of("etl", "daily");

  private static Tick started() {
    return Tick.started(1, DAILY, InstigatorType.SCHEDULE, T0, T0);
  }

  @Test
  void shouldListReservedRunsNotYetSubmittedWhenResuming() {
    Tick tick =
        started().reserve(List.of("a", "b", "c"), List.of(), "cursor").withSubmittedRun("b");

    assertThat(tick.unsubmittedRunIds()).containsExactly("a", "c");
    assertThat(tick.withSubmittedRun("b").runIds()).containsExactly("b");
  }

  @Test
  void shouldEndOnceWhenFinished() {
    Tick done = started().success(T0.plusSeconds(1));

    assertThat(done.endTime()).isEqualTo(T0.plusSeconds(1));
    assertThatThrownBy(() -> done.skipped("late", T0))
        .isInstanceOf(IllegalTickTransitionException.class)
        .hasMessageContaining("SUCCESS -> SKIPPED");
    assertThatThrownBy(() -> done.withSubmittedRun("x"))
        .isInstanceOf(IllegalTickTransitionException.class);
  }

  @Test
  void shouldRequireAnErrorWhenFailed() {
    assertThatThrownBy(
            () ->
                new Tick(
                    1,
                    DAILY,
                    InstigatorType.SCHEDULE,
                    TickStatus.FAILURE,
                    T0,
                    null,
                    T0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without an error");
    assertThat(started().failure(ErrorSnapshot.of("E", "m"), T0).status())
        .isEqualTo(TickStatus.FAILURE);
  }

  @Test
  void shouldAllowOnlyEndingsFromStartedWhenTransitioning() {
    for (TickStatus from : TickStatus.values()) {
      for (TickStatus to : TickStatus.values()) {
        assertThat(from.canTransitionTo(to))
            .as(from + " -> " + to)
            .isEqualTo(from == TickStatus.STARTED && to != TickStatus.STARTED);
      }
    }
  }
}
