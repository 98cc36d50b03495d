package io.pipewright.sdk;

/**
 * Thrown by op code to ask for its step to be retried, e.g. after a transient error of an external
 * service (Dagster's {@code RetryRequested}). The step is retried up to {@code maxRetries} times,
 * waiting {@code secondsToWait} before each new attempt; after that it fails.
 *
 * <pre>{@code
 * catch (SocketTimeoutException e) {
 *   throw new RetryRequested(3, 5.0, e);
 * }
 * }</pre>
 */
public class RetryRequested extends RuntimeException {

  /** How many retries the step may have in total. */
  private final int maxRetries;

  /** How long to wait before the next attempt, in seconds. */
  private final double secondsToWait;

  /**
   * Requests a retry.
   *
   * @param maxRetries how many retries the step may have in total; non-negative
   * @param secondsToWait how long to wait before the next attempt; finite and non-negative
   * @throws IllegalArgumentException if a value is negative or the wait is not finite
   */
  public RetryRequested(int maxRetries, double secondsToWait) {
    this(maxRetries, secondsToWait, null);
  }

  /**
   * Requests a retry because of an exception.
   *
   * @param maxRetries how many retries the step may have in total; non-negative
   * @param secondsToWait how long to wait before the next attempt; finite and non-negative
   * @param cause the exception that made the retry necessary; may be null
   * @throws IllegalArgumentException if a value is negative or the wait is not finite
   */
  public RetryRequested(int maxRetries, double secondsToWait, Throwable cause) {
    super(message(maxRetries, secondsToWait, cause), cause);
    this.maxRetries = maxRetries;
    this.secondsToWait = secondsToWait;
  }

  private static String message(int maxRetries, double secondsToWait, Throwable cause) {
    // Validate here: a constructor must check before calling super(), and super() needs the text.
    if (maxRetries < 0) {
      throw new IllegalArgumentException("RetryRequested needs maxRetries >= 0, got " + maxRetries);
    }
    if (!(secondsToWait >= 0) || Double.isInfinite(secondsToWait)) {
      throw new IllegalArgumentException(
          "RetryRequested needs a finite secondsToWait >= 0, got " + secondsToWait);
    }
    return "Retry requested (at most "
        + maxRetries
        + (maxRetries == 1 ? " retry" : " retries")
        + ", waiting "
        + secondsToWait
        + "s)"
        + (cause == null ? "" : ": " + cause);
  }

  /**
   * Returns how many retries the step may have in total.
   *
   * @return the maximum number of retries
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * Returns how long to wait before the next attempt.
   *
   * @return the wait in seconds
   */
  public double secondsToWait() {
    return secondsToWait;
  }
}
