package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import java.util.List;

/**
 * Payload of {@link DagsterEventType#LOADED_INPUT} (the sdk's {@code LoadedInputData}).
 *
 * @param inputName the input's name; non-blank
 * @param managerKey the resource key of the IO manager that loaded it; non-blank
 * @param upstreamStepKey the step whose output was loaded; null when it did not come from a step
 * @param upstreamOutputName that step's output; null likewise
 * @param metadata what the IO manager reported
 */
public record LoadedInputPayload(
    String inputName,
    String managerKey,
    String upstreamStepKey,
    String upstreamOutputName,
    List<MetadataEntrySnapshot> metadata)
    implements EventPayload {

  /** Validates and copies the components. */
  public LoadedInputPayload {
    Checks.requireNonBlank(inputName, "LoadedInputPayload", "inputName");
    Checks.requireNonBlank(managerKey, "LoadedInputPayload", "managerKey");
    metadata = MetadataEntrySnapshot.copyOf(metadata, "LoadedInputPayload");
  }
}
