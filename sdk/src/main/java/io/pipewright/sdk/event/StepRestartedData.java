package io.pipewright.sdk.event;

/**
 * Payload of {@link EventType#STEP_RESTARTED}: a new attempt of a step started.
 *
 * @param attempt the number of the attempt that started; non-negative
 */
public record StepRestartedData(int attempt) implements EventData {

  /**
   * Validates the payload.
   *
   * @param attempt the number of the attempt that started; non-negative
   * @throws IllegalArgumentException if the attempt is negative
   */
  public StepRestartedData {
    Checks.nonNegative(attempt, "StepRestartedData", "attempt");
  }
}
