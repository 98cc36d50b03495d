package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  /** A fake clock that sleeping advances. */
  private static final class FakeTime {
    long nanos;
    final List<Long> sleeps = new ArrayList<>();

    TokenBucket bucket(double qps, int burst) {
      return new TokenBucket(
          qps,
          burst,
          () -> nanos,
          wait -> {
            sleeps.add(wait);
            nanos += wait;
          });
    }
  }

  private static final long MS = 1_000_000;

  @Test
  void shouldNotWaitWhenWithinBurst() throws InterruptedException {
    FakeTime time = new FakeTime();
    TokenBucket bucket = time.bucket(10, 5);

    for (int i = 0; i < 5; i++) {
      bucket.acquire();
    }

    assertThat(time.sleeps).isEmpty();
    assertThat(bucket.stats()).isEqualTo(new TokenBucket.Stats(5, 0, 0));
  }

  @Test
  void shouldWaitOneIntervalPerCallWhenBurstIsSpent() throws InterruptedException {
    FakeTime time = new FakeTime();
    TokenBucket bucket = time.bucket(10, 1);

    bucket.acquire();
    bucket.acquire();
    bucket.acquire();

    assertThat(time.sleeps).containsExactly(100 * MS, 100 * MS);
    assertThat(bucket.stats()).isEqualTo(new TokenBucket.Stats(3, 2, 200 * MS));
  }

  @Test
  void shouldQueueCallersInOrderWhenTheyReserveAtOnce() {
    FakeTime time = new FakeTime();
    TokenBucket bucket = time.bucket(100, 2);

    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      waits.add(bucket.reserve());
    }

    assertThat(waits).containsExactly(0L, 0L, 10 * MS, 20 * MS, 30 * MS);
  }

  @Test
  void shouldRefillUpToBurstWhenIdle() throws InterruptedException {
    FakeTime time = new FakeTime();
    TokenBucket bucket = time.bucket(10, 3);
    for (int i = 0; i < 3; i++) {
      bucket.acquire();
    }

    time.nanos += 60_000 * MS; // a minute idle refills 600 tokens, capped at 3
    for (int i = 0; i < 4; i++) {
      bucket.acquire();
    }

    assertThat(time.sleeps).containsExactly(100 * MS);
  }

  @Test
  void shouldHoldAverageRateWhenCalledContinuously() throws InterruptedException {
    FakeTime time = new FakeTime();
    TokenBucket bucket = time.bucket(200, 20);

    for (int i = 0; i < 1020; i++) {
      bucket.acquire();
    }

    // 20 at once, then 1,000 at 200 per second.
    assertThat(time.nanos).isEqualTo(5_000 * MS);
  }

  @Test
  void shouldRejectSettingsWhenRateOrBurstIsNotPositive() {
    assertThatThrownBy(() -> new TokenBucket(0, 1)).hasMessageContaining("qps > 0");
    assertThatThrownBy(() -> new TokenBucket(1, 0)).hasMessageContaining("burst >= 1");
  }
}
