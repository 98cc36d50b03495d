package io.pipewright.core.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.snapshot.RetryPolicySnapshot;
import io.pipewright.core.snapshot.RetryPolicySnapshot.Backoff;
import io.pipewright.core.snapshot.RetryPolicySnapshot.Jitter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class RetryDecisionTest {

  private static final DoubleSupplier NEVER =
      () -> {
        throw new AssertionError("random must not be used without jitter");
      };

  private static RetryPolicySnapshot policy(int max, int seconds, Backoff backoff, Jitter jitter) {
    return new RetryPolicySnapshot(max, Duration.ofSeconds(seconds), backoff, jitter);
  }

  @Test
  void shouldWaitTheBaseDelayEveryTimeWhenThereIsNoBackoff() {
    RetryPolicySnapshot constant = policy(5, 10, null, null);

    assertThat(RetryDecision.delay(constant, 1, NEVER)).isEqualTo(Duration.ofSeconds(10));
    assertThat(RetryDecision.delay(constant, 4, NEVER)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldGrowByOneBaseDelayPerRetryWhenBackoffIsLinear() {
    RetryPolicySnapshot linear = policy(5, 2, Backoff.LINEAR, null);

    assertThat(RetryDecision.delay(linear, 1, NEVER)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryDecision.delay(linear, 3, NEVER)).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void shouldWaitTwoToTheNMinusOneTimesTheDelayWhenBackoffIsExponential() {
    RetryPolicySnapshot exponential = policy(5, 1, Backoff.EXPONENTIAL, null);

    assertThat(RetryDecision.delay(exponential, 1, NEVER)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RetryDecision.delay(exponential, 2, NEVER)).isEqualTo(Duration.ofSeconds(3));
    assertThat(RetryDecision.delay(exponential, 4, NEVER)).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void shouldScaleTheDelayByTheRandomValueWhenJitterIsFull() {
    RetryPolicySnapshot full = policy(3, 10, Backoff.EXPONENTIAL, Jitter.FULL);

    assertThat(RetryDecision.delay(full, 2, () -> 0.5)).isEqualTo(Duration.ofSeconds(15));
    assertThat(RetryDecision.delay(full, 2, () -> 0.0)).isZero();
  }

  @Test
  void shouldAddUpToOneBaseDelayEitherWayAndNeverGoBelowZeroWhenJitterIsPlusMinus() {
    RetryPolicySnapshot plusMinus = policy(3, 10, null, Jitter.PLUS_MINUS);

    assertThat(RetryDecision.delay(plusMinus, 1, () -> 1.0)).isEqualTo(Duration.ofSeconds(20));
    assertThat(RetryDecision.delay(plusMinus, 1, () -> 0.25)).isEqualTo(Duration.ofSeconds(5));
    assertThat(RetryDecision.delay(plusMinus, 1, () -> 0.0)).isZero();
  }

  @Test
  void shouldCapTheDelayAtOneDayWhenExponentialBackoffRunsAway() {
    RetryPolicySnapshot huge = policy(2000, 60, Backoff.EXPONENTIAL, null);

    assertThat(RetryDecision.delay(huge, 1500, NEVER)).isEqualTo(RetryDecision.MAX_DELAY);
  }

  @Test
  void shouldCallRandomOnceWhenThePolicyHasJitter() {
    AtomicInteger calls = new AtomicInteger();

    RetryDecision.delay(
        policy(1, 1, null, Jitter.FULL),
        1,
        () -> {
          calls.incrementAndGet();
          return 0.3;
        });

    assertThat(calls).hasValue(1);
  }

  @Test
  void shouldRejectARetryNumberBelowOneOrARandomOutsideZeroToOne() {
    RetryPolicySnapshot full = policy(1, 1, null, Jitter.FULL);

    assertThatThrownBy(() -> RetryDecision.delay(full, 0, () -> 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retryNumber must be 1 or more");
    assertThatThrownBy(() -> RetryDecision.delay(full, 1, () -> 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 1");
  }

  @Test
  void shouldRetryWithThePolicysDelayWhileRetriesAreLeftAfterAStepFailure() {
    RetryPolicySnapshot twice = policy(2, 5, Backoff.LINEAR, null);

    RetryVerdict first = RetryDecision.afterStepFailure(twice, 0, NEVER);
    RetryVerdict second = RetryDecision.afterStepFailure(twice, 1, NEVER);
    RetryVerdict third = RetryDecision.afterStepFailure(twice, 2, NEVER);

    assertThat(first).isEqualTo(RetryVerdict.retry(Duration.ofSeconds(5), 1));
    assertThat(second).isEqualTo(RetryVerdict.retry(Duration.ofSeconds(10), 2));
    assertThat(third.isRetry()).isFalse();
    assertThat(third.reason()).isEqualTo("the op's retry policy allows 2 retries and 2 were used");
  }

  @Test
  void shouldGiveUpAtOnceWhenTheOpHasNoRetryPolicy() {
    assertThat(RetryDecision.afterStepFailure(null, 0, NEVER))
        .isEqualTo(RetryVerdict.giveUp("the op has no retry policy"));
    assertThat(RetryDecision.afterStepFailure(policy(0, 1, null, null), 0, NEVER).isRetry())
        .isFalse();
  }

  @Test
  void shouldUseTheInfrastructureBudgetNotTheOpsPolicyAfterAnInfrastructureFailure() {
    InfrastructureRetryPolicy budget =
        new InfrastructureRetryPolicy(2, Duration.ofSeconds(10), Backoff.EXPONENTIAL);

    assertThat(RetryDecision.afterInfrastructureFailure(budget, 0))
        .isEqualTo(RetryVerdict.retry(Duration.ofSeconds(10), 1));
    assertThat(RetryDecision.afterInfrastructureFailure(budget, 1))
        .isEqualTo(RetryVerdict.retry(Duration.ofSeconds(30), 2));
    assertThat(RetryDecision.afterInfrastructureFailure(budget, 2))
        .isEqualTo(RetryVerdict.giveUp("the infrastructure retry budget of 2 retries is spent"));
    assertThat(
            RetryDecision.afterInfrastructureFailure(InfrastructureRetryPolicy.NONE, 0).isRetry())
        .isFalse();
  }

  @Test
  void shouldWaitAsTheWorkerRequestedWhenTheStepIsUpForRetry() {
    RetryVerdict verdict = RetryDecision.requested(new StepRetryPayload(null, 1, 2.5), 0);

    assertThat(verdict).isEqualTo(RetryVerdict.retry(Duration.ofMillis(2500), 1));
  }

  @Test
  void shouldDefaultToThreeExponentialInfrastructureRetriesFromTenSeconds() {
    InfrastructureRetryPolicy defaults = InfrastructureRetryPolicy.DEFAULT;

    assertThat(defaults.maxRetries()).isEqualTo(3);
    assertThat(defaults.delayFor(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.delayFor(3)).isEqualTo(Duration.ofSeconds(70));
  }

  @Test
  void shouldRejectInconsistentVerdictsAndBudgetsWhenBuilt() {
    assertThatThrownBy(() -> new RetryVerdict(RetryVerdict.Kind.RETRY, Duration.ZERO, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryVerdict(RetryVerdict.Kind.GIVE_UP, Duration.ZERO, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InfrastructureRetryPolicy(-1, Duration.ZERO, null))
        .hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> new InfrastructureRetryPolicy(1, Duration.ofDays(2), null))
        .hasMessageContaining("delay between zero and");
  }
}
