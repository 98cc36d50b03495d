package io.pipewright.sdk.event;

/**
 * Payload of {@link EventType#STEP_SUCCESS}: a step succeeded.
 *
 * @param durationMillis how long the step's successful attempt took; non-negative
 */
public record StepSuccessData(long durationMillis) implements EventData {

  /**
   * Validates the payload.
   *
   * @param durationMillis how long the step's successful attempt took; non-negative
   * @throws IllegalArgumentException if the duration is negative
   */
  public StepSuccessData {
    Checks.nonNegative(durationMillis, "StepSuccessData", "durationMillis");
  }
}
