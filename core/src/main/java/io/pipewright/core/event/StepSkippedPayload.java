package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;

/**
 * Payload of {@link DagsterEventType#STEP_SKIPPED} (the sdk's {@code StepSkippedData}).
 *
 * @param reason why, such as which upstream output was not produced; not null
 */
public record StepSkippedPayload(String reason) implements EventPayload {

  /** Validates the reason. */
  public StepSkippedPayload {
    Checks.require(reason, "StepSkippedPayload", "reason");
  }
}
