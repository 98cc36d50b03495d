package io.pipewright.sdk.partition;

/**
 * An inclusive range of partition keys, from {@code start} to {@code end} in the order of a {@link
 * PartitionsDefinition} (chronological for time windows, definition order for static and dynamic
 * keys). A range is only a pair of keys: whether both exist, and which keys lie between them, is up
 * to the definition ({@link PartitionsDefinition#keysInRange}).
 *
 * @param start the first key of the range
 * @param end the last key of the range, which may equal {@code start}
 */
public record PartitionKeyRange(String start, String end) {

  /**
   * Validates the range.
   *
   * @param start the first key of the range
   * @param end the last key of the range
   * @throws IllegalArgumentException if a key is null or blank
   */
  public PartitionKeyRange {
    if (start == null || start.isBlank() || end == null || end.isBlank()) {
      throw new IllegalArgumentException(
          "A partition key range needs a non-blank start and end key, got start "
              + (start == null ? "null" : "'" + start + "'")
              + " and end "
              + (end == null ? "null" : "'" + end + "'")
              + "; for one partition use PartitionKeyRange.single(key)");
    }
  }

  /**
   * Returns the range from {@code start} to {@code end}, both included.
   *
   * @param start the first key
   * @param end the last key
   * @return the range
   * @throws IllegalArgumentException if a key is null or blank
   */
  public static PartitionKeyRange of(String start, String end) {
    return new PartitionKeyRange(start, end);
  }

  /**
   * Returns the range holding one key.
   *
   * @param key the key
   * @return the range from {@code key} to {@code key}
   * @throws IllegalArgumentException if the key is null or blank
   */
  public static PartitionKeyRange single(String key) {
    return new PartitionKeyRange(key, key);
  }

  /**
   * Returns whether the range holds exactly one key.
   *
   * @return whether start and end are the same key
   */
  public boolean isSingle() {
    return start.equals(end);
  }

  /**
   * Returns the range as Dagster writes it, {@code start...end}.
   *
   * @return e.g. {@code 2024-01-01...2024-01-31}
   */
  @Override
  public String toString() {
    return start + "..." + end;
  }
}
