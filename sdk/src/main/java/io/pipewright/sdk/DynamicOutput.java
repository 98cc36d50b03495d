package io.pipewright.sdk;

import io.pipewright.sdk.metadata.Metadata;
import java.util.Objects;

/**
 * One value of a dynamic output, with the mapping key that names the mapped step it feeds
 * (Dagster's {@code DynamicOutput}). The step of op {@code process} mapped over the value with key
 * {@code a} has the step key {@code process[a]}.
 *
 * @param value the value
 * @param mappingKey letters, digits and underscores; unique within the output
 * @param metadata metadata about the value
 */
public record DynamicOutput(Object value, String mappingKey, Metadata metadata) {

  /** Validates the mapping key. */
  public DynamicOutput {
    Objects.requireNonNull(mappingKey, "mapping key");
    if (!isValidMappingKey(mappingKey)) {
      throw new IllegalArgumentException(
          "Mapping key \""
              + mappingKey
              + "\" is invalid: use only letters, digits and underscores (it becomes part of a"
              + " step key).");
    }
    metadata = metadata == null ? Metadata.empty() : metadata;
  }

  /**
   * A dynamic value without metadata.
   *
   * @param mappingKey the mapping key
   * @param value the value
   * @return the dynamic output
   */
  public static DynamicOutput of(String mappingKey, Object value) {
    return new DynamicOutput(value, mappingKey, Metadata.empty());
  }

  static boolean isValidMappingKey(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_') {
        return false;
      }
    }
    return true;
  }
}
