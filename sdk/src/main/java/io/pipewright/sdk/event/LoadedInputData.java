package io.pipewright.sdk.event;

import io.pipewright.sdk.metadata.Metadata;

/**
 * Payload of {@link EventType#LOADED_INPUT}: an IO manager loaded an input.
 *
 * @param inputName the input's name; not null
 * @param managerKey the resource key of the IO manager (or input manager) that loaded it; not null
 * @param upstreamStepKey the step whose output was loaded; null when the input did not come from an
 *     upstream output
 * @param upstreamOutputName the name of that upstream output; null likewise
 * @param metadata what the IO manager reported; null becomes empty
 */
public record LoadedInputData(
    String inputName,
    String managerKey,
    String upstreamStepKey,
    String upstreamOutputName,
    Metadata metadata)
    implements EventData {

  /**
   * Validates the payload.
   *
   * @param inputName the input's name; not null
   * @param managerKey the resource key of the IO manager (or input manager) that loaded it; not
   *     null
   * @param upstreamStepKey the step whose output was loaded; null when the input did not come from
   *     an upstream output
   * @param upstreamOutputName the name of that upstream output; null likewise
   * @param metadata what the IO manager reported; null becomes empty
   * @throws IllegalArgumentException if the input name or the manager key is null
   */
  public LoadedInputData {
    Checks.require(inputName, "LoadedInputData", "inputName");
    Checks.require(managerKey, "LoadedInputData", "managerKey");
    if (metadata == null) {
      metadata = Metadata.empty();
    }
  }
}
