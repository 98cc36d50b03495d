package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;

/**
 * Payload of {@link DagsterEventType#STEP_RESTARTED} (the sdk's {@code StepRestartedData}).
 *
 * @param attempt the number of the attempt that started; zero or more
 */
public record StepRestartedPayload(int attempt) implements EventPayload {

  /** Validates the attempt. */
  public StepRestartedPayload {
    Checks.nonNegative(attempt, "StepRestartedPayload", "attempt");
  }
}
