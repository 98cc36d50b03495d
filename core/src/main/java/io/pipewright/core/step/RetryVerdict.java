package io.pipewright.core.step;

import io.pipewright.core.internal.Checks;
import java.time.Duration;

/**
 * The outcome of a {@link RetryDecision}: try again after a delay, or give up with a reason.
 *
 * @param kind retry or give up; not null
 * @param delay for {@link Kind#RETRY}, how long to wait before the next attempt; zero otherwise
 * @param retryNumber for {@link Kind#RETRY}, the number of the retry within its budget (1 for the
 *     first); 0 otherwise
 * @param reason for {@link Kind#GIVE_UP}, why, as a sentence fragment for messages; null otherwise
 */
public record RetryVerdict(Kind kind, Duration delay, int retryNumber, String reason) {

  /** What to do. */
  public enum Kind {
    /** Launch another attempt after {@link #delay()}. */
    RETRY,
    /** Fail the step. */
    GIVE_UP
  }

  /** Validates the components. */
  public RetryVerdict {
    Checks.require(kind, "RetryVerdict", "kind");
    Checks.require(delay, "RetryVerdict", "delay");
    if (kind == Kind.RETRY && (retryNumber < 1 || reason != null || delay.isNegative())) {
      throw new IllegalArgumentException(
          "RetryVerdict RETRY needs a retry number of 1 or more, a delay of zero or more and no"
              + " reason; use RetryVerdict.retry(delay, retryNumber)");
    }
    if (kind == Kind.GIVE_UP && (reason == null || retryNumber != 0 || !delay.isZero())) {
      throw new IllegalArgumentException(
          "RetryVerdict GIVE_UP needs a reason and nothing else; use RetryVerdict.giveUp(reason)");
    }
  }

  /**
   * Retry after a delay.
   *
   * @param delay the wait before the next attempt
   * @param retryNumber the retry's number within its budget, from 1
   * @return the verdict
   */
  public static RetryVerdict retry(Duration delay, int retryNumber) {
    return new RetryVerdict(Kind.RETRY, delay, retryNumber, null);
  }

  /**
   * Give up.
   *
   * @param reason why, such as {@code "the op's retry policy allows 2 retries, all used"}
   * @return the verdict
   */
  public static RetryVerdict giveUp(String reason) {
    return new RetryVerdict(Kind.GIVE_UP, Duration.ZERO, 0, reason);
  }

  /**
   * Tells whether to retry.
   *
   * @return true for {@link Kind#RETRY}
   */
  public boolean isRetry() {
    return kind == Kind.RETRY;
  }
}
