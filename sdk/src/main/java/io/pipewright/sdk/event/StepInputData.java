package io.pipewright.sdk.event;

import io.pipewright.sdk.types.TypeCheck;

/**
 * Payload of {@link EventType#STEP_INPUT}: the type check of one input value.
 *
 * @param inputName the input's name; not null
 * @param typeCheck the outcome of the input's type check; not null
 */
public record StepInputData(String inputName, TypeCheck typeCheck) implements EventData {

  /**
   * Validates the payload.
   *
   * @param inputName the input's name; not null
   * @param typeCheck the outcome of the input's type check; not null
   * @throws IllegalArgumentException if a field is null
   */
  public StepInputData {
    Checks.require(inputName, "StepInputData", "inputName");
    Checks.require(typeCheck, "StepInputData", "typeCheck");
  }
}
