package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.ErrorSnapshot;
import java.util.List;

/**
 * Payload of {@link DagsterEventType#RUN_FAILURE} (the sdk's {@code RunFailureData}).
 *
 * @param reason why, in one sentence; not null
 * @param failedStepKeys the steps that failed, in the order they failed
 * @param error the error that failed the run outside of any step; may be null
 */
public record RunFailurePayload(String reason, List<String> failedStepKeys, ErrorSnapshot error)
    implements EventPayload {

  /** Validates and copies the components. */
  public RunFailurePayload {
    Checks.require(reason, "RunFailurePayload", "reason");
    failedStepKeys = failedStepKeys == null ? List.of() : List.copyOf(failedStepKeys);
  }
}
