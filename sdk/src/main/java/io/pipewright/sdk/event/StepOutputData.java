package io.pipewright.sdk.event;

import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.TypeCheck;

/**
 * Payload of {@link EventType#STEP_OUTPUT}: a step produced an output value.
 *
 * @param outputName the output's name; not null
 * @param mappingKey the key of a dynamic output's value; null for ordinary outputs
 * @param typeCheck the outcome of the output's type check; not null
 * @param metadata what the op attached to the output; null becomes empty
 */
public record StepOutputData(
    String outputName, String mappingKey, TypeCheck typeCheck, Metadata metadata)
    implements EventData {

  /**
   * Validates the payload.
   *
   * @param outputName the output's name; not null
   * @param mappingKey the key of a dynamic output's value; null for ordinary outputs
   * @param typeCheck the outcome of the output's type check; not null
   * @param metadata what the op attached to the output; null becomes empty
   * @throws IllegalArgumentException if the output name or the type check is null
   */
  public StepOutputData {
    Checks.require(outputName, "StepOutputData", "outputName");
    Checks.require(typeCheck, "StepOutputData", "typeCheck");
    if (metadata == null) {
      metadata = Metadata.empty();
    }
  }
}
