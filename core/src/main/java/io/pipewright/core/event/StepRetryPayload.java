package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.ErrorSnapshot;

/**
 * Payload of {@link DagsterEventType#STEP_UP_FOR_RETRY} (the sdk's {@code StepRetryData}).
 *
 * @param error the error of the failed attempt; may be null
 * @param attempt the number of the attempt that will run next; zero or more
 * @param secondsToWait the delay before that attempt; finite, zero or more
 */
public record StepRetryPayload(ErrorSnapshot error, int attempt, double secondsToWait)
    implements EventPayload {

  /** Validates the components. */
  public StepRetryPayload {
    Checks.nonNegative(attempt, "StepRetryPayload", "attempt");
    if (!(secondsToWait >= 0) || Double.isInfinite(secondsToWait)) {
      throw new IllegalArgumentException(
          "StepRetryPayload needs a finite secondsToWait of zero or more, got " + secondsToWait);
    }
  }
}
