package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
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
    Checks.require(value, "MetadataEntrySnapshot", key, "value");
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
    return copyOf(entries, where, null);
  }

  /**
   * Returns an immutable copy of a list of entries, naming the owner only if it fails.
   *
   * @param entries the entries, in display order
   * @param record the kind of owner, such as {@code AssetNodeSnapshot}
   * @param id the owner's name or key, or null
   * @return the copy
   * @throws IllegalArgumentException if an entry is null or a key appears twice
   */
  public static List<MetadataEntrySnapshot> copyOf(
      List<MetadataEntrySnapshot> entries, String record, Object id) {
    List<MetadataEntrySnapshot> copy = Checks.list(entries, record, id, "metadata");
    int size = copy.size();
    Set<String> keys = size > 8 ? new HashSet<>(size * 2) : null;
    for (int i = 0; i < size; i++) {
      String key = copy.get(i).key();
      boolean repeated = false;
      if (keys != null) {
        repeated = !keys.add(key);
      } else {
        for (int j = 0; j < i && !repeated; j++) {
          repeated = copy.get(j).key().equals(key);
        }
      }
      if (repeated) {
        throw new IllegalArgumentException(
            Checks.where(record, id)
                + " has the metadata key '"
                + key
                + "' twice; keys must be unique");
      }
    }
    return copy;
  }
}
