package io.pipewright.sdk.event;

import java.util.List;

/**
 * Payload of {@link EventType#RUN_FAILURE}: the run failed.
 *
 * @param reason why, in one sentence; not null
 * @param failedStepKeys the keys of the steps that failed, in the order they failed; copied; null
 *     becomes empty
 * @param error the error that failed the run outside of any step; may be null
 */
public record RunFailureData(String reason, List<String> failedStepKeys, ErrorInfo error)
    implements EventData {

  /**
   * Validates and copies the payload.
   *
   * @param reason why, in one sentence; not null
   * @param failedStepKeys the keys of the steps that failed, in the order they failed; copied; null
   *     becomes empty
   * @param error the error that failed the run outside of any step; may be null
   * @throws IllegalArgumentException if the reason is null
   */
  public RunFailureData {
    Checks.require(reason, "RunFailureData", "reason");
    failedStepKeys = failedStepKeys == null ? List.of() : List.copyOf(failedStepKeys);
  }
}
