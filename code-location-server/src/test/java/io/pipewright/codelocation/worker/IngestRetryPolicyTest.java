package io.pipewright.codelocation.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IngestRetryPolicyTest {

  private final IngestRetryPolicy policy =
      new IngestRetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(5));

  @Test
  void shouldRetryTemporaryAnswersAndGiveUpOnTheRest() {
    assertThat(IngestRetryPolicy.classify(200)).isEqualTo(IngestRetryPolicy.Verdict.DELIVERED);
    assertThat(IngestRetryPolicy.classify(204)).isEqualTo(IngestRetryPolicy.Verdict.DELIVERED);
    for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
      assertThat(IngestRetryPolicy.classify(status)).isEqualTo(IngestRetryPolicy.Verdict.RETRY);
    }
    for (int status : new int[] {400, 401, 403, 404, 413, 301}) {
      assertThat(IngestRetryPolicy.classify(status)).isEqualTo(IngestRetryPolicy.Verdict.GIVE_UP);
    }
  }

  @Test
  void shouldDoubleTheWaitUpToTheMaximumWithHalfOfItJittered() {
    OptionalLong none = OptionalLong.empty();

    assertThat(policy.backoff(1, 0.0, none)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(1, 0.999_999, none))
        .isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
    assertThat(policy.backoff(3, 0.0, none)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.backoff(30, 1.0, none)).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.backoff(30, 0.0, none)).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void shouldFollowRetryAfterUpToTheMaximum() {
    assertThat(policy.backoff(1, 0.5, OptionalLong.of(2))).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoff(1, 0.5, OptionalLong.of(3600))).isEqualTo(Duration.ofSeconds(5));
  }
}
