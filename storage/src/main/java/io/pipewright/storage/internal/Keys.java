package io.pipewright.storage.internal;

import java.util.List;

/** Validation of user-given keys that storage must be able to hold. */
public final class Keys {

  private Keys() {}

  /**
   * Checks dynamic partition keys: non-blank, no control characters (PostgreSQL text cannot hold
   * NUL, and line breaks or tabs in a partition key break every list that shows it).
   *
   * @param definition the dynamic partitions definition, for the message
   * @param keys the keys
   * @throws IllegalArgumentException naming the first bad key
   */
  public static void checkPartitionKeys(String definition, List<String> keys) {
    if (definition == null || definition.isBlank()) {
      throw new IllegalArgumentException(
          "A dynamic partitions definition name must be non-blank, got "
              + (definition == null ? "null" : "\"" + definition + "\""));
    }
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException(
            "Dynamic partition key #"
                + i
                + " for '"
                + definition
                + "' is "
                + (key == null ? "null" : "blank")
                + "; partition keys must be non-blank");
      }
      for (int c = 0; c < key.length(); c++) {
        if (Character.isISOControl(key.charAt(c))) {
          throw new IllegalArgumentException(
              "Dynamic partition key \""
                  + key.replaceAll("\\p{Cntrl}", "?")
                  + "\" for '"
                  + definition
                  + "' contains a control character (code "
                  + (int) key.charAt(c)
                  + ") at index "
                  + c
                  + "; remove line breaks, tabs and other control characters");
        }
      }
    }
  }
}
