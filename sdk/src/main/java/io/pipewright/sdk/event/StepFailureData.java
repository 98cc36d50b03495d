package io.pipewright.sdk.event;

import io.pipewright.sdk.metadata.Metadata;

/**
 * Payload of {@link EventType#STEP_FAILURE}: a step failed for good.
 *
 * @param error the error that failed the step; not null
 * @param errorSource where the error came from; not null
 * @param userFailureMetadata the metadata of a {@link io.pipewright.sdk.Failure} thrown by the op;
 *     null becomes empty
 */
public record StepFailureData(
    ErrorInfo error, ErrorSource errorSource, Metadata userFailureMetadata) implements EventData {

  /**
   * Validates the payload.
   *
   * @param error the error that failed the step; not null
   * @param errorSource where the error came from; not null
   * @param userFailureMetadata the metadata of a {@link io.pipewright.sdk.Failure} thrown by the
   *     op; null becomes empty
   * @throws IllegalArgumentException if the error or its source is null
   */
  public StepFailureData {
    Checks.require(error, "StepFailureData", "error");
    Checks.require(errorSource, "StepFailureData", "errorSource");
    if (userFailureMetadata == null) {
      userFailureMetadata = Metadata.empty();
    }
  }
}
