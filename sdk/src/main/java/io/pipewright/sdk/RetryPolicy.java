package io.pipewright.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How often, and after how long a wait, a failed op is tried again.
 *
 * <p>A policy allows up to {@link #maxRetries()} retries after the first attempt. Before each retry
 * the engine waits {@link #delayForAttempt(int)}, which starts from the base {@link #delay()} and
 * is shaped by an optional {@link Backoff} and an optional {@link Jitter}, with the same formulas
 * as Dagster's {@code RetryPolicy}.
 *
 * <pre>{@code
 * RetryPolicy.of(3);                          // retry up to 3 times, at once
 * RetryPolicy.of(3, Duration.ofSeconds(10));  // retry up to 3 times, 10 s apart
 * RetryPolicy.builder()
 *     .maxRetries(5)
 *     .delay(Duration.ofSeconds(1))
 *     .backoff(Backoff.EXPONENTIAL)           // 1 s, 3 s, 7 s, 15 s, 31 s
 *     .jitter(Jitter.PLUS_MINUS)              // each one second more or less
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RetryPolicy {

  /**
   * The longest delay a policy waits before a retry: one day.
   *
   * <p>The base {@link #delay()} may not exceed it, and a delay grown by {@link Backoff} is capped
   * at it before jitter is applied (so jitter still spreads retries out) and again after. Without
   * the cap, exponential backoff would overflow {@link Duration} after a few dozen retries.
   */
  public static final Duration MAX_DELAY = Duration.ofDays(1);

  private static final double MAX_DELAY_NANOS = MAX_DELAY.toNanos();

  /** Captures nothing, so using it for {@link #delayForAttempt(int)} allocates no lambda. */
  private static final DoubleSupplier THREAD_LOCAL_RANDOM =
      () -> ThreadLocalRandom.current().nextDouble();

  private final int maxRetries;
  private final Duration delay;
  private final Backoff backoff;
  private final Jitter jitter;

  private RetryPolicy(Builder builder) {
    this.maxRetries = builder.maxRetries;
    this.delay = builder.delay;
    this.backoff = builder.backoff;
    this.jitter = builder.jitter;
  }

  /**
   * Starts a policy with one retry, no delay, no backoff and no jitter (Dagster's defaults).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a policy that retries up to {@code maxRetries} times without waiting.
   *
   * @param maxRetries how many retries are allowed after the first attempt; zero or more
   * @return the policy
   * @throws IllegalArgumentException if {@code maxRetries} is negative
   */
  public static RetryPolicy of(int maxRetries) {
    return builder().maxRetries(maxRetries).build();
  }

  /**
   * Returns a policy that retries up to {@code maxRetries} times, waiting {@code delay} before each
   * retry.
   *
   * @param maxRetries how many retries are allowed after the first attempt; zero or more
   * @param delay the wait before each retry; zero up to {@link #MAX_DELAY}
   * @return the policy
   * @throws IllegalArgumentException if {@code maxRetries} is negative or {@code delay} is out of
   *     range
   * @throws NullPointerException if {@code delay} is null
   */
  public static RetryPolicy of(int maxRetries, Duration delay) {
    return builder().maxRetries(maxRetries).delay(delay).build();
  }

  /**
   * Returns how many retries are allowed after the first attempt.
   *
   * @return zero or more; zero means the op is never retried
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * Returns the base delay before a retry, before backoff and jitter.
   *
   * @return the base delay; {@link Duration#ZERO} when none was set
   */
  public Duration delay() {
    return delay;
  }

  /**
   * Returns how the delay grows with each retry.
   *
   * @return the backoff, or empty when every retry waits the base delay
   */
  public Optional<Backoff> backoff() {
    return Optional.ofNullable(backoff);
  }

  /**
   * Returns the randomness applied to each delay.
   *
   * @return the jitter, or empty when delays are exact
   */
  public Optional<Jitter> jitter() {
    return Optional.ofNullable(jitter);
  }

  /**
   * Returns a builder holding this policy's settings, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder().maxRetries(maxRetries).delay(delay).backoff(backoff).jitter(jitter);
  }

  /**
   * Returns how long to wait before the given retry, drawing jitter from {@link ThreadLocalRandom}.
   *
   * @param attemptNumber the 1-based retry number: 1 for the first retry
   * @return the delay, between zero and {@link #MAX_DELAY}
   * @throws IllegalArgumentException if {@code attemptNumber} is less than 1
   * @see #delayForAttempt(int, DoubleSupplier)
   */
  public Duration delayForAttempt(int attemptNumber) {
    return delayForAttempt(attemptNumber, THREAD_LOCAL_RANDOM);
  }

  /**
   * Returns how long to wait before the given retry, with Dagster's {@code calculate_delay}
   * formulas.
   *
   * <p>With {@code n = attemptNumber}, the backoff step gives {@code (2^n - 1) * delay} for {@link
   * Backoff#EXPONENTIAL}, {@code delay * n} for {@link Backoff#LINEAR} and {@code delay} without a
   * backoff. The jitter step then gives {@code random * calculated} for {@link Jitter#FULL}, {@code
   * calculated + (2 * random * delay - delay)} for {@link Jitter#PLUS_MINUS}, and leaves the value
   * unchanged without jitter. The result is clamped to {@code [0, MAX_DELAY]}; the backoff value is
   * also capped at {@link #MAX_DELAY} before jitter. Below that cap the result equals Dagster's.
   *
   * <p>The calculation is done in nanoseconds with doubles and rounded to the nearest nanosecond.
   * It is pure: the same arguments always give the same result, which makes it easy to test.
   *
   * @param attemptNumber the 1-based retry number: 1 for the first retry
   * @param random the source of jitter, returning values in {@code [0, 1]}; called once when the
   *     policy has jitter and a non-zero delay, never otherwise
   * @return the delay, between zero and {@link #MAX_DELAY}
   * @throws IllegalArgumentException if {@code attemptNumber} is less than 1, or if {@code random}
   *     returns a value outside {@code [0, 1]}
   * @throws NullPointerException if {@code random} is null
   */
  public Duration delayForAttempt(int attemptNumber, DoubleSupplier random) {
    if (attemptNumber < 1) {
      throw new IllegalArgumentException(
          "attemptNumber must be 1 or more (the first retry is attempt 1) but was "
              + attemptNumber
              + ".");
    }
    Objects.requireNonNull(random, "random must not be null");
    if (delay.isZero() || (backoff == null && jitter == null)) {
      return delay;
    }
    double base = delay.toNanos();
    double calculated;
    if (backoff == null) {
      calculated = base;
    } else {
      calculated =
          switch (backoff) {
            // Math.pow overflows to Infinity for huge attempt numbers; the cap below absorbs it.
            case EXPONENTIAL -> (Math.pow(2, attemptNumber) - 1) * base;
            case LINEAR -> base * attemptNumber;
          };
    }
    calculated = Math.min(calculated, MAX_DELAY_NANOS);
    if (jitter != null) {
      double r = random.getAsDouble();
      if (!(r >= 0.0 && r <= 1.0)) {
        throw new IllegalArgumentException(
            "random must return a number between 0 and 1 but returned " + r + ".");
      }
      calculated =
          switch (jitter) {
            case FULL -> r * calculated;
            case PLUS_MINUS -> calculated + ((2 * r * base) - base);
          };
    }
    double clamped = Math.max(0.0, Math.min(calculated, MAX_DELAY_NANOS));
    return Duration.ofNanos(Math.round(clamped));
  }

  /**
   * Returns whether {@code other} is a policy with the same settings.
   *
   * @param other the object to compare with
   * @return true if both policies have equal retries, delay, backoff and jitter
   */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof RetryPolicy that)) {
      return false;
    }
    return maxRetries == that.maxRetries
        && delay.equals(that.delay)
        && backoff == that.backoff
        && jitter == that.jitter;
  }

  /**
   * Returns a hash code consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(maxRetries, delay, backoff, jitter);
  }

  /**
   * Returns a readable description such as {@code RetryPolicy{maxRetries=3, delay=PT1S,
   * backoff=EXPONENTIAL, jitter=none}}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "RetryPolicy{maxRetries="
        + maxRetries
        + ", delay="
        + delay
        + ", backoff="
        + (backoff == null ? "none" : backoff)
        + ", jitter="
        + (jitter == null ? "none" : jitter)
        + "}";
  }

  /**
   * Builds a {@link RetryPolicy}. Starts with one retry, no delay, no backoff and no jitter.
   *
   * <p>Not thread-safe; {@link #build()} checks all settings and reports every problem at once.
   */
  public static final class Builder {
    private int maxRetries = 1;
    private Duration delay = Duration.ZERO;
    private Backoff backoff;
    private Jitter jitter;

    private Builder() {}

    /**
     * Sets how many retries are allowed after the first attempt.
     *
     * @param maxRetries zero or more; zero means never retry (checked by {@link #build()})
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets the base delay before each retry.
     *
     * @param delay zero up to {@link RetryPolicy#MAX_DELAY} (checked by {@link #build()})
     * @return this builder
     * @throws NullPointerException if {@code delay} is null
     */
    public Builder delay(Duration delay) {
      this.delay =
          Objects.requireNonNull(
              delay, "RetryPolicy delay must not be null; use Duration.ZERO for no delay.");
      return this;
    }

    /**
     * Sets how the delay grows with each retry. Has no effect while the delay is zero.
     *
     * @param backoff the backoff, or null for none
     * @return this builder
     */
    public Builder backoff(Backoff backoff) {
      this.backoff = backoff;
      return this;
    }

    /**
     * Sets the randomness applied to each delay. Has no effect while the delay is zero.
     *
     * @param jitter the jitter, or null for none
     * @return this builder
     */
    public Builder jitter(Jitter jitter) {
      this.jitter = jitter;
      return this;
    }

    /**
     * Checks the settings and returns the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException naming every invalid setting and how to fix it
     */
    public RetryPolicy build() {
      List<String> problems = new ArrayList<>(2);
      if (maxRetries < 0) {
        problems.add(
            "maxRetries must be 0 or more but was " + maxRetries + " (use 0 for no retries)");
      }
      if (delay.isNegative()) {
        problems.add(
            "delay must not be negative but was " + delay + " (use Duration.ZERO for no delay)");
      } else if (delay.compareTo(MAX_DELAY) > 0) {
        problems.add("delay must be at most " + MAX_DELAY + " (one day) but was " + delay);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid RetryPolicy: " + String.join("; ", problems) + ".");
      }
      return new RetryPolicy(this);
    }
  }
}
