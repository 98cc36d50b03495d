package io.pipewright.storage.internal;

import java.util.Map;

/** Validation of key-value entries, the same for every adapter. */
public final class KeyValues {

  private KeyValues() {}

  /**
   * Checks entries before they are stored: keys non-blank, values not null.
   *
   * @param entries the entries
   * @throws IllegalArgumentException naming the first bad entry
   */
  public static void check(Map<String, String> entries) {
    for (Map.Entry<String, String> e : entries.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        throw new IllegalArgumentException(
            "A key-value key must be non-blank, got "
                + (e.getKey() == null ? "null" : "\"" + e.getKey() + "\""));
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException(
            "The value of key '" + e.getKey() + "' is null; delete the key instead");
      }
    }
  }
}
