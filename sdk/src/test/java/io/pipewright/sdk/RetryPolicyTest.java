package io.pipewright.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {

  private static final Duration SECOND = Duration.ofSeconds(1);

  private static RetryPolicy policy(Duration delay, Backoff backoff, Jitter jitter) {
    return RetryPolicy.builder().maxRetries(5).delay(delay).backoff(backoff).jitter(jitter).build();
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  /** (backoff, jitter, attempt, random) with a 1 s base delay, and Dagster's result. */
  static Stream<Arguments> dagsterTable() {
    return Stream.of(
        // no backoff, no jitter: always the base delay
        Arguments.of(null, null, 1, 0.5, seconds(1)),
        Arguments.of(null, null, 3, 0.5, seconds(1)),
        // LINEAR: delay * n
        Arguments.of(Backoff.LINEAR, null, 1, 0.5, seconds(1)),
        Arguments.of(Backoff.LINEAR, null, 2, 0.5, seconds(2)),
        Arguments.of(Backoff.LINEAR, null, 5, 0.5, seconds(5)),
        // EXPONENTIAL: (2^n - 1) * delay
        Arguments.of(Backoff.EXPONENTIAL, null, 1, 0.5, seconds(1)),
        Arguments.of(Backoff.EXPONENTIAL, null, 2, 0.5, seconds(3)),
        Arguments.of(Backoff.EXPONENTIAL, null, 3, 0.5, seconds(7)),
        Arguments.of(Backoff.EXPONENTIAL, null, 5, 0.5, seconds(31)),
        // FULL: random * calculated
        Arguments.of(null, Jitter.FULL, 2, 0.0, seconds(0)),
        Arguments.of(null, Jitter.FULL, 2, 0.25, seconds(0.25)),
        Arguments.of(null, Jitter.FULL, 2, 1.0, seconds(1)),
        Arguments.of(Backoff.LINEAR, Jitter.FULL, 3, 0.5, seconds(1.5)),
        Arguments.of(Backoff.LINEAR, Jitter.FULL, 4, 0.25, seconds(1)),
        Arguments.of(Backoff.EXPONENTIAL, Jitter.FULL, 3, 0.5, seconds(3.5)),
        Arguments.of(Backoff.EXPONENTIAL, Jitter.FULL, 4, 0.0, seconds(0)),
        // PLUS_MINUS: calculated + (2 * random * delay - delay)
        Arguments.of(null, Jitter.PLUS_MINUS, 1, 0.0, seconds(0)),
        Arguments.of(null, Jitter.PLUS_MINUS, 1, 0.25, seconds(0.5)),
        Arguments.of(null, Jitter.PLUS_MINUS, 1, 0.5, seconds(1)),
        Arguments.of(null, Jitter.PLUS_MINUS, 1, 1.0, seconds(2)),
        Arguments.of(Backoff.LINEAR, Jitter.PLUS_MINUS, 3, 0.0, seconds(2)),
        Arguments.of(Backoff.LINEAR, Jitter.PLUS_MINUS, 3, 0.75, seconds(3.5)),
        Arguments.of(Backoff.EXPONENTIAL, Jitter.PLUS_MINUS, 3, 0.25, seconds(6.5)),
        Arguments.of(Backoff.EXPONENTIAL, Jitter.PLUS_MINUS, 3, 1.0, seconds(8)));
  }

  @ParameterizedTest(name = "{0}/{1} attempt {2} random {3} -> {4}")
  @MethodSource("dagsterTable")
  void shouldMatchDagsterCalculateDelayWhenGivenBackoffJitterAttemptAndRandom(
      Backoff backoff, Jitter jitter, int attempt, double random, Duration expected) {
    RetryPolicy policy = policy(SECOND, backoff, jitter);

    assertThat(policy.delayForAttempt(attempt, () -> random)).isEqualTo(expected);
  }

  @Test
  void shouldRoundToTheNearestNanosecondWhenTheProductIsNotExact() {
    RetryPolicy policy = policy(Duration.ofMillis(100), Backoff.EXPONENTIAL, Jitter.FULL);

    // 0.1 * 700 ms is 70000000.00000001 ns in doubles.
    assertThat(policy.delayForAttempt(3, () -> 0.1)).isEqualTo(Duration.ofMillis(70));
  }

  @Test
  void shouldCapExponentialBackoffAtOneDayWhenTheAttemptNumberIsLarge() {
    RetryPolicy policy = policy(SECOND, Backoff.EXPONENTIAL, null);

    assertThat(policy.delayForAttempt(16, () -> 0.5)).isEqualTo(Duration.ofSeconds(65_535));
    assertThat(policy.delayForAttempt(17, () -> 0.5)).isEqualTo(RetryPolicy.MAX_DELAY);
    assertThat(policy.delayForAttempt(1_100, () -> 0.5)).isEqualTo(RetryPolicy.MAX_DELAY);
    assertThat(policy.delayForAttempt(Integer.MAX_VALUE, () -> 0.5))
        .isEqualTo(RetryPolicy.MAX_DELAY);
  }

  @Test
  void shouldCapLinearBackoffAtOneDayWhenTheProductExceedsIt() {
    RetryPolicy policy = policy(Duration.ofHours(1), Backoff.LINEAR, null);

    assertThat(policy.delayForAttempt(24, () -> 0.5)).isEqualTo(Duration.ofHours(24));
    assertThat(policy.delayForAttempt(25, () -> 0.5)).isEqualTo(RetryPolicy.MAX_DELAY);
  }

  @Test
  void shouldApplyFullJitterToTheCappedValueWhenBackoffOverflows() {
    RetryPolicy policy = policy(SECOND, Backoff.EXPONENTIAL, Jitter.FULL);

    assertThat(policy.delayForAttempt(2_000, () -> 0.5)).isEqualTo(Duration.ofHours(12));
    assertThat(policy.delayForAttempt(2_000, () -> 0.0)).isEqualTo(Duration.ZERO);
  }

  @Test
  void shouldCapPlusMinusJitterAtOneDayWhenItPushesPastTheCap() {
    RetryPolicy policy = policy(Duration.ofHours(1), Backoff.LINEAR, Jitter.PLUS_MINUS);

    assertThat(policy.delayForAttempt(24, () -> 1.0)).isEqualTo(RetryPolicy.MAX_DELAY);
    assertThat(policy.delayForAttempt(30, () -> 0.0)).isEqualTo(Duration.ofHours(23));
  }

  @Test
  void shouldReturnZeroWhenBackoffAndJitterAreSetWithoutDelay() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxRetries(2)
            .backoff(Backoff.EXPONENTIAL)
            .jitter(Jitter.FULL)
            .build();

    assertThat(policy.delay()).isEqualTo(Duration.ZERO);
    assertThat(policy.delayForAttempt(5, () -> 0.7)).isEqualTo(Duration.ZERO);
  }

  @Test
  void shouldNotDrawRandomWhenThePolicyHasNoJitter() {
    AtomicInteger calls = new AtomicInteger();
    DoubleSupplier counting =
        () -> {
          calls.incrementAndGet();
          return 0.5;
        };

    policy(SECOND, Backoff.EXPONENTIAL, null).delayForAttempt(3, counting);
    policy(Duration.ZERO, null, Jitter.FULL).delayForAttempt(3, counting);
    policy(SECOND, null, Jitter.FULL).delayForAttempt(3, counting);

    assertThat(calls).hasValue(1);
  }

  @Test
  void shouldStayWithinBoundsWhenUsingThreadLocalRandom() {
    RetryPolicy full = policy(SECOND, Backoff.LINEAR, Jitter.FULL);
    RetryPolicy plusMinus = policy(SECOND, Backoff.LINEAR, Jitter.PLUS_MINUS);

    for (int i = 0; i < 1_000; i++) {
      assertThat(full.delayForAttempt(2)).isBetween(Duration.ZERO, Duration.ofSeconds(2));
      assertThat(plusMinus.delayForAttempt(2)).isBetween(SECOND, Duration.ofSeconds(3));
    }
  }

  @Test
  void shouldRejectAttemptNumbersBelowOneWhenComputingADelay() {
    RetryPolicy policy = RetryPolicy.of(3, SECOND);

    assertThatThrownBy(() -> policy.delayForAttempt(0, () -> 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attemptNumber must be 1 or more (the first retry is attempt 1) but was 0.");
    assertThatThrownBy(() -> policy.delayForAttempt(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was -1");
  }

  @Test
  void shouldRejectRandomValuesOutsideZeroToOneWhenApplyingJitter() {
    RetryPolicy policy = policy(SECOND, null, Jitter.FULL);

    assertThatThrownBy(() -> policy.delayForAttempt(1, () -> 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("random must return a number between 0 and 1 but returned 1.5.");
    assertThatThrownBy(() -> policy.delayForAttempt(1, () -> -0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.delayForAttempt(1, () -> Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void shouldUseDagsterDefaultsWhenBuiltWithoutSettings() {
    RetryPolicy policy = RetryPolicy.builder().build();

    assertThat(policy.maxRetries()).isEqualTo(1);
    assertThat(policy.delay()).isEqualTo(Duration.ZERO);
    assertThat(policy.backoff()).isEmpty();
    assertThat(policy.jitter()).isEmpty();
  }

  @Test
  void shouldHoldGivenValuesWhenCreatedWithFactories() {
    assertThat(RetryPolicy.of(3).maxRetries()).isEqualTo(3);
    assertThat(RetryPolicy.of(3).delay()).isEqualTo(Duration.ZERO);
    assertThat(RetryPolicy.of(0).maxRetries()).isZero();

    RetryPolicy delayed = RetryPolicy.of(2, Duration.ofSeconds(10));
    assertThat(delayed.maxRetries()).isEqualTo(2);
    assertThat(delayed.delay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(delayed.delayForAttempt(2)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldHoldBackoffAndJitterWhenSetOnTheBuilder() {
    RetryPolicy policy = policy(SECOND, Backoff.LINEAR, Jitter.PLUS_MINUS);

    assertThat(policy.backoff()).contains(Backoff.LINEAR);
    assertThat(policy.jitter()).contains(Jitter.PLUS_MINUS);
  }

  @Test
  void shouldAcceptTheMaximumDelayWhenItIsExactlyOneDay() {
    assertThat(RetryPolicy.of(1, RetryPolicy.MAX_DELAY).delay()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void shouldRejectNegativeMaxRetriesWhenBuilding() {
    assertThatThrownBy(() -> RetryPolicy.of(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid RetryPolicy: maxRetries must be 0 or more but was -1 (use 0 for no retries).");
  }

  @Test
  void shouldRejectNegativeDelayWhenBuilding() {
    assertThatThrownBy(() -> RetryPolicy.of(1, Duration.ofMillis(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid RetryPolicy: delay must not be negative but was PT-0.005S"
                + " (use Duration.ZERO for no delay).");
  }

  @Test
  void shouldRejectDelaysLongerThanOneDayWhenBuilding() {
    assertThatThrownBy(() -> RetryPolicy.of(1, Duration.ofHours(25)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid RetryPolicy: delay must be at most PT24H (one day) but was PT25H.");
  }

  @Test
  void shouldReportEveryProblemWhenSeveralSettingsAreInvalid() {
    assertThatThrownBy(() -> RetryPolicy.of(-2, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid RetryPolicy: maxRetries must be 0 or more but was -2 (use 0 for no retries);"
                + " delay must not be negative but was PT-1S (use Duration.ZERO for no delay).");
  }

  @Test
  void shouldRejectNullDelayWhenSetOnTheBuilder() {
    assertThatThrownBy(() -> RetryPolicy.builder().delay(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("RetryPolicy delay must not be null; use Duration.ZERO for no delay.");
  }

  @Test
  void shouldClearBackoffAndJitterWhenSetToNull() {
    RetryPolicy policy =
        policy(SECOND, Backoff.LINEAR, Jitter.FULL).toBuilder().backoff(null).jitter(null).build();

    assertThat(policy.backoff()).isEmpty();
    assertThat(policy.jitter()).isEmpty();
  }

  @Test
  void shouldBeEqualWhenSettingsAreEqual() {
    RetryPolicy a = policy(SECOND, Backoff.LINEAR, Jitter.FULL);
    RetryPolicy b = policy(Duration.ofMillis(1000), Backoff.LINEAR, Jitter.FULL);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toBuilder().build()).isEqualTo(a);
    assertThat(a).isNotEqualTo(a.toBuilder().maxRetries(4).build());
    assertThat(a).isNotEqualTo(a.toBuilder().delay(Duration.ofSeconds(2)).build());
    assertThat(a).isNotEqualTo(a.toBuilder().backoff(Backoff.EXPONENTIAL).build());
    assertThat(a).isNotEqualTo(a.toBuilder().jitter(null).build());
    assertThat(a).isNotEqualTo("RetryPolicy");
  }

  @Test
  void shouldDescribeAllSettingsWhenPrinted() {
    assertThat(policy(SECOND, Backoff.EXPONENTIAL, null))
        .hasToString("RetryPolicy{maxRetries=5, delay=PT1S, backoff=EXPONENTIAL, jitter=none}");
    assertThat(RetryPolicy.of(0))
        .hasToString("RetryPolicy{maxRetries=0, delay=PT0S, backoff=none, jitter=none}");
  }
}
