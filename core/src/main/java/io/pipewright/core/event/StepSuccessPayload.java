package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;

/**
 * Payload of {@link DagsterEventType#STEP_SUCCESS} (the sdk's {@code StepSuccessData}).
 *
 * @param durationMillis how long the successful attempt took; zero or more
 */
public record StepSuccessPayload(long durationMillis) implements EventPayload {

  /** Validates the duration. */
  public StepSuccessPayload {
    Checks.nonNegative(durationMillis, "StepSuccessPayload", "durationMillis");
  }
}
