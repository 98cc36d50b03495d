package io.pipewright.sdk.partition;

import io.pipewright.sdk.internal.partition.KeyLists;
import io.pipewright.sdk.internal.partition.KeyRules;
import io.pipewright.sdk.internal.partition.Suggestions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed list of partition keys, such as regions or customers (Dagster's {@code
 * StaticPartitionsDefinition}). Keys are unique, non-blank and contain neither {@code |} (which
 * joins the parts of a multi-partition key) nor {@code ,} (which separates keys in lists).
 */
public final class StaticPartitionsDefinition implements PartitionsDefinition {

  private final List<String> keys;
  private final Map<String, Integer> indexByKey;

  private StaticPartitionsDefinition(List<String> keys) {
    this.keys = keys;
    this.indexByKey = new HashMap<>(keys.size() * 2);
    for (int i = 0; i < keys.size(); i++) {
      indexByKey.put(keys.get(i), i);
    }
  }

  /**
   * Creates the definition.
   *
   * @param keys the keys, in order
   * @return the definition
   * @throws IllegalArgumentException listing every null, blank or repeated key and every key with
   *     {@code |} or {@code ,}
   */
  public static StaticPartitionsDefinition of(String... keys) {
    if (keys == null) {
      throw new IllegalArgumentException("The keys of static partitions must not be null");
    }
    // Arrays.asList tolerates nulls, so that they are reported with their index.
    return of(Arrays.asList(keys));
  }

  /**
   * Creates the definition.
   *
   * @param keys the keys, in order; copied
   * @return the definition
   * @throws IllegalArgumentException listing every null, blank or repeated key and every key with
   *     {@code |} or {@code ,}
   */
  public static StaticPartitionsDefinition of(List<String> keys) {
    KeyRules.check(keys, "static partitions", true);
    return new StaticPartitionsDefinition(List.copyOf(keys));
  }

  /**
   * Returns the keys; static keys do not depend on the context.
   *
   * @return the keys in definition order, unmodifiable
   */
  public List<String> keys() {
    return keys;
  }

  /**
   * Returns the keys; the context is ignored.
   *
   * @param ctx ignored, may be null
   * @return the keys in definition order, unmodifiable
   */
  @Override
  public List<String> keys(PartitionContext ctx) {
    return keys;
  }

  /**
   * Returns whether a key is one of the keys; the context is ignored.
   *
   * @param key the key
   * @param ctx ignored, may be null
   * @return whether the key is a partition
   */
  @Override
  public boolean hasKey(String key, PartitionContext ctx) {
    return key != null && indexByKey.containsKey(key);
  }

  @Override
  public void checkKey(String key, PartitionContext ctx) {
    if (!hasKey(key, ctx)) {
      throw unknownKey(key, describe(), keys, "");
    }
  }

  @Override
  public List<String> keysInRange(PartitionKeyRange range, PartitionContext ctx) {
    Objects.requireNonNull(range, "range");
    checkKey(range.start(), ctx);
    checkKey(range.end(), ctx);
    int from = indexByKey.get(range.start());
    int to = indexByKey.get(range.end());
    if (from > to) {
      throw reversed(range, describe());
    }
    return keys.subList(from, to + 1);
  }

  @Override
  public int size(PartitionContext ctx) {
    return keys.size();
  }

  /** Returns the position of a key in definition order, or -1. */
  int indexOf(String key) {
    Integer index = indexByKey.get(key);
    return index == null ? -1 : index;
  }

  @Override
  public String describe() {
    return "static partitions [" + KeyLists.render(keys) + "]";
  }

  /** Builds the unknown-key error of a listed key set (static and dynamic partitions). */
  static UnknownPartitionKeyException unknownKey(
      String key, String definition, List<String> validKeys, String hint) {
    String suggestion = key == null ? null : Suggestions.closest(key, validKeys);
    StringBuilder message =
        new StringBuilder("Partition key ")
            .append(key == null ? "null" : "'" + key + "'")
            .append(" is not a partition of ")
            .append(definition)
            .append('.');
    if (suggestion != null) {
      message.append(" Did you mean '").append(suggestion).append("'?");
    }
    if (validKeys.isEmpty()) {
      message.append(" It has no partitions yet.");
    } else {
      message
          .append(" Valid keys (")
          .append(validKeys.size())
          .append("): ")
          .append(KeyLists.render(validKeys))
          .append('.');
    }
    message.append(hint);
    return new UnknownPartitionKeyException(message.toString(), key, definition, suggestion);
  }

  /** Builds the error of a range whose start comes after its end. */
  static IllegalArgumentException reversed(PartitionKeyRange range, String definition) {
    return new IllegalArgumentException(
        "Partition key range "
            + range
            + " of "
            + definition
            + " is reversed: '"
            + range.start()
            + "' comes after '"
            + range.end()
            + "'; write it as "
            + range.end()
            + "..."
            + range.start());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StaticPartitionsDefinition other && keys.equals(other.keys);
  }

  @Override
  public int hashCode() {
    return keys.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
