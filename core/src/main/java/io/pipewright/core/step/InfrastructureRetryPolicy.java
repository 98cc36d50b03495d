package io.pipewright.core.step;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.RetryPolicySnapshot.Backoff;
import java.time.Duration;

/**
 * The budget for retrying a step after infrastructure failures ({@link
 * io.pipewright.core.launch.AttemptFailureReason.Kind#INFRASTRUCTURE}): separate from the op's
 * retry policy and not counted against it, so that an evicted pod does not use up retries the op's
 * author meant for their own errors. Per step; a daemon setting.
 *
 * @param maxRetries how many infrastructure retries a step may have; zero or more
 * @param delay the base wait before such a retry; zero or more, at most {@link
 *     RetryDecision#MAX_DELAY}
 * @param backoff how the wait grows, or null for a constant wait
 */
public record InfrastructureRetryPolicy(int maxRetries, Duration delay, Backoff backoff) {

  /**
   * The default: 3 retries after 10 s, 30 s and 70 s (exponential backoff). Enough to ride out a
   * node drain or a registry hiccup; short enough that a broken cluster fails runs within minutes.
   */
  public static final InfrastructureRetryPolicy DEFAULT =
      new InfrastructureRetryPolicy(3, Duration.ofSeconds(10), Backoff.EXPONENTIAL);

  /** No infrastructure retries: the first infrastructure failure fails the step. */
  public static final InfrastructureRetryPolicy NONE =
      new InfrastructureRetryPolicy(0, Duration.ZERO, null);

  /** Validates the components. */
  public InfrastructureRetryPolicy {
    Checks.nonNegative(maxRetries, "InfrastructureRetryPolicy", "maxRetries");
    Checks.require(delay, "InfrastructureRetryPolicy", "delay");
    if (delay.isNegative() || delay.compareTo(RetryDecision.MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          "InfrastructureRetryPolicy needs a delay between zero and "
              + RetryDecision.MAX_DELAY
              + ", got "
              + delay);
    }
  }

  /**
   * Returns the wait before the given infrastructure retry (no jitter: these retries are rare and
   * per step, so they do not stampede).
   *
   * @param retryNumber the retry's number, from 1
   * @return the wait
   */
  public Duration delayFor(int retryNumber) {
    return RetryDecision.calculateDelay(delay, backoff, null, retryNumber, () -> 0.0);
  }
}
