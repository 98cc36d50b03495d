package io.pipewright.sdk.event;

/**
 * Payload of {@link EventType#STEP_SKIPPED}: a step was skipped.
 *
 * @param reason why, e.g. which upstream output was not produced; not null
 */
public record StepSkippedData(String reason) implements EventData {

  /**
   * Validates the payload.
   *
   * @param reason why, e.g. which upstream output was not produced; not null
   * @throws IllegalArgumentException if the reason is null
   */
  public StepSkippedData {
    Checks.require(reason, "StepSkippedData", "reason");
  }
}
