package io.pipewright.sdk;

/**
 * How the delay between retries of a failed op grows with each retry.
 *
 * <p>In the formulas, {@code n} is the 1-based retry number (the first retry is 1) and {@code
 * delay} is the policy's {@linkplain RetryPolicy#delay() base delay}. A policy without a backoff
 * waits {@code delay} before every retry.
 *
 * @see RetryPolicy#delayForAttempt(int, java.util.function.DoubleSupplier)
 */
public enum Backoff {
  /** The delay grows linearly: {@code delay * n}, so 1, 2, 3, 4 times the base delay. */
  LINEAR,

  /**
   * The delay doubles with each retry: {@code (2^n - 1) * delay}, so 1, 3, 7, 15 times the base
   * delay.
   */
  EXPONENTIAL
}
