package io.pipewright.sdk.event;

import io.pipewright.sdk.metadata.Metadata;

/**
 * Payload of {@link EventType#ENGINE_EVENT} (and of other framework events that need no specific
 * payload): facts and an optional error from the engine.
 *
 * @param metadata facts about the event, e.g. a process id; null becomes empty
 * @param error an error the engine ran into; may be null
 */
public record EngineData(Metadata metadata, ErrorInfo error) implements EventData {

  /**
   * Normalizes null metadata to empty.
   *
   * @param metadata facts about the event, e.g. a process id; null becomes empty
   * @param error an error the engine ran into; may be null
   */
  public EngineData {
    if (metadata == null) {
      metadata = Metadata.empty();
    }
  }
}
