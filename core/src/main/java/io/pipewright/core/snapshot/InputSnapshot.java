package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * One input of a node in a job's graph: its definition (the sdk's {@code In}) and where, in this
 * graph, its value comes from.
 *
 * @param name the input's name, unique within its node; non-blank
 * @param typeName the name of its type, such as {@code Int} or {@code Nothing}; non-blank
 * @param description a human-readable description; may be null
 * @param sources where its value comes from, in order; several for a fan-in; empty when it takes
 *     its default or loads an asset
 * @param hasDefault whether it has a default value, used when nothing is connected
 * @param assetKey the upstream asset it loads when nothing in the run produces it; may be null
 * @param metadata static metadata about the input
 */
public record InputSnapshot(
    String name,
    String typeName,
    String description,
    List<InputSourceSnapshot> sources,
    boolean hasDefault,
    AssetKeySnapshot assetKey,
    List<MetadataEntrySnapshot> metadata) {

  /** Validates and copies the components. */
  public InputSnapshot {
    Checks.requireNonBlank(name, "InputSnapshot", "name");
    Checks.requireNonBlank(typeName, "InputSnapshot", name, "typeName");
    sources = Checks.list(sources, "InputSnapshot", name, "sources");
    metadata = MetadataEntrySnapshot.copyOf(metadata, "InputSnapshot", name);
  }
}
