package io.pipewright.core.event;

import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import java.util.List;

/**
 * The outcome of checking a value against its type (the sdk's {@code TypeCheck}).
 *
 * @param passed whether the value is of the type
 * @param description why the check failed (required when it failed) or a note; may be null when it
 *     passed
 * @param metadata facts about the check
 */
public record TypeCheckSnapshot(
    boolean passed, String description, List<MetadataEntrySnapshot> metadata) {

  /** Validates and copies the components. */
  public TypeCheckSnapshot {
    if (!passed && (description == null || description.isBlank())) {
      throw new IllegalArgumentException(
          "A failed TypeCheckSnapshot needs a description saying what was expected and found");
    }
    metadata = MetadataEntrySnapshot.copyOf(metadata, "TypeCheckSnapshot");
  }
}
