package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import java.util.List;

/**
 * Payload of {@link DagsterEventType#STEP_OUTPUT} (the sdk's {@code StepOutputData}).
 *
 * @param outputName the output's name; non-blank
 * @param mappingKey the key of a dynamic output's value; null for ordinary outputs
 * @param typeCheck the outcome of its type check; not null
 * @param metadata what the op attached to the output
 */
public record StepOutputPayload(
    String outputName,
    String mappingKey,
    TypeCheckSnapshot typeCheck,
    List<MetadataEntrySnapshot> metadata)
    implements EventPayload {

  /** Validates and copies the components. */
  public StepOutputPayload {
    Checks.requireNonBlank(outputName, "StepOutputPayload", "outputName");
    Checks.optionalNonBlank(mappingKey, "StepOutputPayload", "mappingKey");
    Checks.require(typeCheck, "StepOutputPayload", "typeCheck");
    metadata = MetadataEntrySnapshot.copyOf(metadata, "StepOutputPayload");
  }
}
