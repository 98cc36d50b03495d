package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import java.util.List;

/**
 * Payload of {@link DagsterEventType#STEP_EXPECTATION_RESULT} (the sdk's {@code ExpectationData}
 * and its {@code ExpectationResult}).
 *
 * @param success whether the expectation held
 * @param label a short name for the expectation; non-blank
 * @param description details; may be null
 * @param metadata facts about the check
 */
public record ExpectationPayload(
    boolean success, String label, String description, List<MetadataEntrySnapshot> metadata)
    implements EventPayload {

  /** Validates and copies the components. */
  public ExpectationPayload {
    Checks.requireNonBlank(label, "ExpectationPayload", "label");
    metadata = MetadataEntrySnapshot.copyOf(metadata, "ExpectationPayload");
  }
}
