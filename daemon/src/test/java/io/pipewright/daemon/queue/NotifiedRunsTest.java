package io.pipewright.daemon.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotifiedRunsTest {

  private static final Instant T0 = Instant.parse("2026-11-21T19:00:00Z");

  @Test
  void shouldLookAgainSoonWhenANotifiedRunWasNotQueuedYet() {
    NotifiedRuns runs = new NotifiedRuns();
    runs.notified("run-1", T0);

    runs.admissionRan(Set.of(), T0);

    assertThat(runs.retryAt()).isEqualTo(T0.plus(NotifiedRuns.FIRST_RETRY));
  }

  @Test
  void shouldForgetTheRunWhenAnAdmissionFoundItQueued() {
    NotifiedRuns runs = new NotifiedRuns();
    runs.notified("run-1", T0);
    runs.admissionRan(Set.of(), T0);

    runs.admissionRan(Set.of("run-1", "run-2"), T0.plusMillis(100));

    assertThat(runs.retryAt()).isNull();
  }

  @Test
  void shouldBackOffUpToASecondAndGiveUpAfterTheWindowWhenTheRunIsNeverQueued() {
    NotifiedRuns runs = new NotifiedRuns();
    runs.notified("run-1", T0);
    Instant now = T0;
    Duration previous = Duration.ZERO;
    int admissions = 0;
    while (true) {
      runs.admissionRan(Set.of(), now);
      admissions++;
      if (runs.retryAt() == null) {
        break;
      }
      Duration wait = Duration.between(now, runs.retryAt());
      assertThat(wait).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(NotifiedRuns.MAX_RETRY);
      previous = wait;
      now = runs.retryAt();
    }

    assertThat(Duration.between(T0, now)).isGreaterThanOrEqualTo(NotifiedRuns.WINDOW);
    assertThat(admissions).isLessThanOrEqualTo(6);
  }

  @Test
  void shouldForgetEverythingWhenCleared() {
    NotifiedRuns runs = new NotifiedRuns();
    runs.notified("run-1", T0);
    runs.admissionRan(Set.of(), T0);

    runs.clear();

    assertThat(runs.retryAt()).isNull();
  }
}
