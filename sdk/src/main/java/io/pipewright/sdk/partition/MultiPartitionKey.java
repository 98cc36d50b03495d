package io.pipewright.sdk.partition;

import io.pipewright.sdk.internal.partition.KeyRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A key of a {@link MultiPartitionsDefinition}: one key per dimension. Its string form, which is
 * what {@link PartitionsDefinition#keys} returns and runs are tagged with, joins the dimension keys
 * with {@code |} in the order of the dimension names (Dagster's {@code MultiPartitionKey}): with
 * dimensions {@code date} and {@code region}, the key {@code {region=eu, date=2024-01-01}} is
 * {@code 2024-01-01|eu}.
 *
 * @param keysByDimension the key of each dimension by dimension name; copied and sorted by name
 */
public record MultiPartitionKey(Map<String, String> keysByDimension) {

  /** Joins the dimension keys of the string form. */
  public static final String DELIMITER = "|";

  /**
   * Validates and copies the keys.
   *
   * @param keysByDimension the key of each dimension by dimension name
   * @throws IllegalArgumentException if there are fewer than two dimensions, a name is blank, or a
   *     key breaks the key rules
   */
  public MultiPartitionKey {
    if (keysByDimension == null || keysByDimension.size() < 2) {
      throw new IllegalArgumentException(
          "A multi-partition key needs a key for each of two dimensions, got " + keysByDimension);
    }
    SortedMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> entry : keysByDimension.entrySet()) {
      String dimension = entry.getKey();
      if (dimension == null || dimension.isBlank()) {
        throw new IllegalArgumentException(
            "A multi-partition key has a blank dimension name: " + keysByDimension);
      }
      String problem = KeyRules.problem(entry.getValue());
      if (problem != null) {
        throw new IllegalArgumentException(
            "The key of dimension '"
                + dimension
                + "' in multi-partition key "
                + keysByDimension
                + " "
                + problem);
      }
      sorted.put(dimension, entry.getValue());
    }
    keysByDimension = Collections.unmodifiableSortedMap(sorted);
  }

  /**
   * Returns the key of two dimensions.
   *
   * @param dimension1 a dimension name
   * @param key1 its key
   * @param dimension2 the other dimension name
   * @param key2 its key
   * @return the key
   * @throws IllegalArgumentException if the names are equal or a key is invalid
   */
  public static MultiPartitionKey of(
      String dimension1, String key1, String dimension2, String key2) {
    if (Objects.equals(dimension1, dimension2)) {
      throw new IllegalArgumentException(
          "A multi-partition key needs two different dimension names, got '"
              + dimension1
              + "' twice");
    }
    Map<String, String> keys = new TreeMap<>();
    keys.put(Objects.requireNonNull(dimension1, "dimension1"), key1);
    keys.put(Objects.requireNonNull(dimension2, "dimension2"), key2);
    return new MultiPartitionKey(keys);
  }

  /**
   * Parses the string form of a key of a definition, without checking that the dimension keys exist
   * (that needs a {@link PartitionContext}: use {@link PartitionsDefinition#checkKey}).
   *
   * @param key the string form, e.g. {@code 2024-01-01|eu}
   * @param definition the definition whose dimension names apply
   * @return the key
   * @throws UnknownPartitionKeyException if the key does not have one non-blank part per dimension
   */
  public static MultiPartitionKey parse(String key, MultiPartitionsDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    List<String> names = definition.dimensionNames();
    List<String> parts = split(key);
    if (parts.size() != names.size() || parts.stream().anyMatch(String::isBlank)) {
      throw definition.malformed(key);
    }
    Map<String, String> keys = new TreeMap<>();
    for (int i = 0; i < names.size(); i++) {
      keys.put(names.get(i), parts.get(i));
    }
    return new MultiPartitionKey(keys);
  }

  private static List<String> split(String key) {
    List<String> parts = new ArrayList<>(2);
    if (key == null) {
      return parts;
    }
    int start = 0;
    while (true) {
      int bar = key.indexOf('|', start);
      if (bar < 0) {
        parts.add(key.substring(start));
        return parts;
      }
      parts.add(key.substring(start, bar));
      start = bar + 1;
    }
  }

  /**
   * Returns the key of one dimension.
   *
   * @param dimension the dimension name
   * @return its key
   * @throws IllegalArgumentException if the key has no such dimension
   */
  public String keyOf(String dimension) {
    String key = keysByDimension.get(dimension);
    if (key == null) {
      throw new IllegalArgumentException(
          "Multi-partition key "
              + toKeyString()
              + " has no dimension '"
              + dimension
              + "'; its dimensions are "
              + keysByDimension.keySet());
    }
    return key;
  }

  /**
   * Returns the string form: the dimension keys joined with {@code |} in dimension-name order.
   *
   * @return e.g. {@code 2024-01-01|eu}
   */
  public String toKeyString() {
    return String.join(DELIMITER, keysByDimension.values());
  }

  /**
   * Returns the string form, as {@link #toKeyString()} does.
   *
   * @return e.g. {@code 2024-01-01|eu}
   */
  @Override
  public String toString() {
    return toKeyString();
  }
}
