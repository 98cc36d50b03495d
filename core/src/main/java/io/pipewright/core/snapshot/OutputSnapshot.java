package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * One output of a node in a job's graph (the sdk's {@code Out}).
 *
 * @param name the output's name, unique within its node; non-blank
 * @param typeName the name of its type; non-blank
 * @param description a human-readable description; may be null
 * @param dynamic whether it yields a run-time number of values, each with a mapping key
 * @param optional whether the op may leave it out
 * @param ioManagerKey the resource key of the IO manager that stores it; non-blank
 * @param assetKey the asset it materializes; null for a plain op output
 * @param metadata static metadata about the output
 */
public record OutputSnapshot(
    String name,
    String typeName,
    String description,
    boolean dynamic,
    boolean optional,
    String ioManagerKey,
    AssetKeySnapshot assetKey,
    List<MetadataEntrySnapshot> metadata) {

  /** Validates and copies the components. */
  public OutputSnapshot {
    Checks.requireNonBlank(name, "OutputSnapshot", "name");
    Checks.requireNonBlank(typeName, "OutputSnapshot", name, "typeName");
    Checks.requireNonBlank(ioManagerKey, "OutputSnapshot", name, "ioManagerKey");
    metadata = MetadataEntrySnapshot.copyOf(metadata, "OutputSnapshot", name);
  }
}
