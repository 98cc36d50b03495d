package io.pipewright.sdk.event;

/**
 * Payload of {@link EventType#STEP_EXPECTATION_RESULT}: a step reported an expectation result.
 *
 * @param result the reported value; not null
 */
public record ExpectationData(ExpectationResult result) implements EventData {

  /**
   * Validates the payload.
   *
   * @param result the reported value; not null
   * @throws IllegalArgumentException if {@code result} is null
   */
  public ExpectationData {
    Checks.require(result, "ExpectationData", "result");
  }
}
