package io.pipewright.core.event;

import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import java.util.List;

/**
 * Payload of {@link DagsterEventType#ENGINE_EVENT} and the step worker events (the sdk's {@code
 * EngineData}).
 *
 * @param metadata facts about the event, such as a process id
 * @param error an error the engine ran into; may be null
 */
public record EnginePayload(List<MetadataEntrySnapshot> metadata, ErrorSnapshot error)
    implements EventPayload {

  /** Copies the metadata. */
  public EnginePayload {
    metadata = MetadataEntrySnapshot.copyOf(metadata, "EnginePayload");
  }
}
