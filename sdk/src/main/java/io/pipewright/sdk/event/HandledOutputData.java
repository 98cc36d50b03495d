package io.pipewright.sdk.event;

import io.pipewright.sdk.metadata.Metadata;

/**
 * Payload of {@link EventType#HANDLED_OUTPUT}: an IO manager stored an output.
 *
 * @param outputName the output's name; not null
 * @param managerKey the resource key of the IO manager that stored it; not null
 * @param metadata what the IO manager reported, e.g. the path written; null becomes empty
 */
public record HandledOutputData(String outputName, String managerKey, Metadata metadata)
    implements EventData {

  /**
   * Validates the payload.
   *
   * @param outputName the output's name; not null
   * @param managerKey the resource key of the IO manager that stored it; not null
   * @param metadata what the IO manager reported, e.g. the path written; null becomes empty
   * @throws IllegalArgumentException if the output name or the manager key is null
   */
  public HandledOutputData {
    Checks.require(outputName, "HandledOutputData", "outputName");
    Checks.require(managerKey, "HandledOutputData", "managerKey");
    if (metadata == null) {
      metadata = Metadata.empty();
    }
  }
}
