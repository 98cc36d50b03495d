package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import java.util.List;

/**
 * Payload of {@link DagsterEventType#HANDLED_OUTPUT} (the sdk's {@code HandledOutputData}).
 *
 * @param outputName the output's name; non-blank
 * @param managerKey the resource key of the IO manager that stored it; non-blank
 * @param metadata what the IO manager reported, such as the path written
 */
public record HandledOutputPayload(
    String outputName, String managerKey, List<MetadataEntrySnapshot> metadata)
    implements EventPayload {

  /** Validates and copies the components. */
  public HandledOutputPayload {
    Checks.requireNonBlank(outputName, "HandledOutputPayload", "outputName");
    Checks.requireNonBlank(managerKey, "HandledOutputPayload", "managerKey");
    metadata = MetadataEntrySnapshot.copyOf(metadata, "HandledOutputPayload");
  }
}
