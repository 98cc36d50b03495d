package io.pipewright.sdk.partition;

import java.util.Optional;

/**
 * Thrown when a partition key is not a partition of a definition. The message names the definition,
 * says why the key is not one, suggests the closest valid key when the key looks like a near miss,
 * and shows the valid keys (up to ten, then "and N more") or, for time windows, the valid range and
 * key format.
 */
public final class UnknownPartitionKeyException extends IllegalArgumentException {

  /** The version of the serialized form. */
  private static final long serialVersionUID = 1L;

  /** The key that is not a partition. */
  private final String key;

  /** The description of the definition the key was checked against. */
  private final String definition;

  /** The closest valid key, or null. */
  private final String suggestion;

  /**
   * Creates the exception.
   *
   * @param message the full message
   * @param key the key that is not a partition
   * @param definition the description of the definition
   * @param suggestion the closest valid key, or null
   */
  public UnknownPartitionKeyException(
      String message, String key, String definition, String suggestion) {
    super(message);
    this.key = key;
    this.definition = definition;
    this.suggestion = suggestion;
  }

  /**
   * Returns the key that is not a partition.
   *
   * @return the key as given
   */
  public String key() {
    return key;
  }

  /**
   * Returns the description of the definition the key was checked against.
   *
   * @return e.g. {@code daily partitions from 2024-01-01 in UTC}
   */
  public String definition() {
    return definition;
  }

  /**
   * Returns the valid key the given one was probably meant to be.
   *
   * @return the suggestion, if the key was a near miss
   */
  public Optional<String> suggestion() {
    return Optional.ofNullable(suggestion);
  }
}
