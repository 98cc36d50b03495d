package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.time.Duration;

/**
 * When a failed step is retried: the sdk's {@code RetryPolicy}. The daemon decides retries from
 * this, without loading user code.
 *
 * @param maxRetries how many retries are allowed after the first attempt; zero or more
 * @param delay the base wait before each retry; zero or more
 * @param backoff how the delay grows, or null for a constant delay
 * @param jitter how the delay is randomized, or null for none
 */
public record RetryPolicySnapshot(int maxRetries, Duration delay, Backoff backoff, Jitter jitter) {

  /** How the delay grows with each retry (the sdk's {@code Backoff}). */
  public enum Backoff {
    /** {@code delay * n}: 1, 2, 3, 4 times the base delay. */
    LINEAR,
    /** {@code (2^n - 1) * delay}: 1, 3, 7, 15 times the base delay. */
    EXPONENTIAL
  }

  /** How the delay is randomized (the sdk's {@code Jitter}). */
  public enum Jitter {
    /** Anywhere between zero and the calculated delay. */
    FULL,
    /** The calculated delay plus or minus up to one base delay, never below zero. */
    PLUS_MINUS
  }

  /** Validates the components. */
  public RetryPolicySnapshot {
    Checks.nonNegative(maxRetries, "RetryPolicySnapshot", "maxRetries");
    Checks.require(delay, "RetryPolicySnapshot", "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException(
          "RetryPolicySnapshot needs a delay of zero or more, got " + delay);
    }
  }
}
