package io.pipewright.sdk.event;

/**
 * Payload of {@link EventType#STEP_UP_FOR_RETRY}: a step attempt failed and the step will be
 * retried.
 *
 * @param error the error of the failed attempt; may be null
 * @param attempt the number of the attempt that will run next; non-negative
 * @param secondsToWait the delay before that attempt starts; finite and non-negative
 */
public record StepRetryData(ErrorInfo error, int attempt, double secondsToWait)
    implements EventData {

  /**
   * Validates the payload.
   *
   * @param error the error of the failed attempt; may be null
   * @param attempt the number of the attempt that will run next; non-negative
   * @param secondsToWait the delay before that attempt starts; finite and non-negative
   * @throws IllegalArgumentException if the attempt is negative or the wait negative or not finite
   */
  public StepRetryData {
    Checks.nonNegative(attempt, "StepRetryData", "attempt");
    Checks.nonNegativeFinite(secondsToWait, "StepRetryData", "secondsToWait");
  }
}
