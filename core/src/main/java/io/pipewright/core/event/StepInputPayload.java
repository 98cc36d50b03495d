package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;

/**
 * Payload of {@link DagsterEventType#STEP_INPUT} (the sdk's {@code StepInputData}).
 *
 * @param inputName the input's name; non-blank
 * @param typeCheck the outcome of its type check; not null
 */
public record StepInputPayload(String inputName, TypeCheckSnapshot typeCheck)
    implements EventPayload {

  /** Validates the components. */
  public StepInputPayload {
    Checks.requireNonBlank(inputName, "StepInputPayload", "inputName");
    Checks.require(typeCheck, "StepInputPayload", "typeCheck");
  }
}
