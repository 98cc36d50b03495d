package io.pipewright.core.snapshot;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One metadata entry: a key and a typed value.
 *
 * @param key the key; non-blank
 * @param value the value; not null (use {@link MetadataValueSnapshot.Null} for an explicit null)
 */
public record MetadataEntrySnapshot(String key, MetadataValueSnapshot value) {

  /** Validates the entry. */
  public MetadataEntrySnapshot {
    Checks.requireNonBlank(key, "MetadataEntrySnapshot", "key");
    Checks.require(value, "MetadataEntrySnapshot '" + key + "'", "value");
  }

  /**
   * Returns an immutable copy of a list of entries; null becomes empty.
   *
   * @param entries the entries, in display order
   * @param where what the metadata belongs to, for error messages
   * @return the copy
   * @throws IllegalArgumentException if an entry is null or a key appears twice
   */
  public static List<MetadataEntrySnapshot> copyOf(
      List<MetadataEntrySnapshot> entries, String where) {
    List<MetadataEntrySnapshot> copy = Checks.list(entries, where, "metadata");
    Set<String> keys = new HashSet<>();
    for (MetadataEntrySnapshot entry : copy) {
      if (!keys.add(entry.key())) {
        throw new IllegalArgumentException(
            where + " has the metadata key '" + entry.key() + "' twice; keys must be unique");
      }
    }
    return copy;
  }
}
