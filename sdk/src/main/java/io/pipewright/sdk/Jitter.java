package io.pipewright.sdk;

/**
 * Randomness added to the delay between retries, so that many ops failing together do not all retry
 * at the same instant.
 *
 * <p>In the formulas, {@code calculated} is the delay after {@linkplain Backoff backoff}, {@code
 * delay} is the policy's {@linkplain RetryPolicy#delay() base delay} and {@code random} is a
 * uniformly distributed number in {@code [0, 1)}. A policy without jitter uses {@code calculated}
 * unchanged.
 *
 * @see RetryPolicy#delayForAttempt(int, java.util.function.DoubleSupplier)
 */
public enum Jitter {
  /** Anywhere between zero and the calculated delay: {@code random * calculated}. */
  FULL,

  /**
   * The calculated delay plus or minus up to one base delay: {@code calculated + (2 * random *
   * delay - delay)}. The result never goes below zero.
   */
  PLUS_MINUS
}
