package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.event.ErrorInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The result of one step attempt, after the runner has emitted its final event for it.
 *
 * @param stepKey the step
 * @param status succeeded, failed for good, or to be tried again
 * @param produced on success, the outputs produced: name to mapping keys (empty for a regular
 *     output)
 * @param error on failure, the error
 * @param retryWait for {@link Status#UP_FOR_RETRY}, how long to wait before the next attempt
 */
public record StepOutcome(
    String stepKey,
    Status status,
    Map<String, List<String>> produced,
    ErrorInfo error,
    Duration retryWait) {

  /** How an attempt ended. */
  public enum Status {
    /** STEP_SUCCESS was emitted. */
    SUCCESS,
    /** STEP_FAILURE was emitted: no retry is left. */
    FAILURE,
    /** STEP_UP_FOR_RETRY was emitted: run another attempt after {@code retryWait}. */
    UP_FOR_RETRY
  }

  static StepOutcome success(String stepKey, Map<String, List<String>> produced) {
    return new StepOutcome(stepKey, Status.SUCCESS, produced, null, null);
  }

  static StepOutcome failure(String stepKey, ErrorInfo error) {
    return new StepOutcome(stepKey, Status.FAILURE, Map.of(), error, null);
  }

  static StepOutcome retry(String stepKey, ErrorInfo error, Duration wait) {
    return new StepOutcome(stepKey, Status.UP_FOR_RETRY, Map.of(), error, wait);
  }
}
