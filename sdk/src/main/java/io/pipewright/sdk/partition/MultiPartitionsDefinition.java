package io.pipewright.sdk.partition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The product of two partitions definitions, such as days times regions (Dagster's {@code
 * MultiPartitionsDefinition}). Each dimension has a name; keys are {@link MultiPartitionKey}s whose
 * string form joins the dimension keys with {@code |} in the order of the dimension names. Exactly
 * two dimensions, neither of them itself a multi-partitions definition, as in Dagster.
 *
 * <pre>{@code
 * MultiPartitionsDefinition byDayAndRegion =
 *     MultiPartitionsDefinition.of(
 *         "date", TimeWindowPartitionsDefinition.daily("2024-01-01"),
 *         "region", StaticPartitionsDefinition.of("eu", "us"));
 * // keys: 2024-01-01|eu, 2024-01-01|us, 2024-01-02|eu, ...
 * }</pre>
 */
public final class MultiPartitionsDefinition implements PartitionsDefinition {

  // Sorted by name: the first dimension is the first part of every key.
  private final String firstName;
  private final PartitionsDefinition first;
  private final String secondName;
  private final PartitionsDefinition second;

  private MultiPartitionsDefinition(
      String firstName,
      PartitionsDefinition first,
      String secondName,
      PartitionsDefinition second) {
    this.firstName = firstName;
    this.first = first;
    this.secondName = secondName;
    this.second = second;
  }

  /**
   * Creates the product of two definitions.
   *
   * @param dimension1 the name of a dimension
   * @param definition1 its partitions
   * @param dimension2 the name of the other dimension
   * @param definition2 its partitions
   * @return the definition, with dimensions ordered by name
   * @throws IllegalArgumentException if a name is blank, the names are equal, or a definition is
   *     null or itself multi-dimensional
   */
  public static MultiPartitionsDefinition of(
      String dimension1,
      PartitionsDefinition definition1,
      String dimension2,
      PartitionsDefinition definition2) {
    List<String> problems = new ArrayList<>();
    checkDimension(dimension1, definition1, problems);
    checkDimension(dimension2, definition2, problems);
    if (dimension1 != null && dimension1.equals(dimension2)) {
      problems.add("both dimensions are named '" + dimension1 + "'; give them different names");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid multi-partitions definition: " + String.join("; ", problems));
    }
    return dimension1.compareTo(dimension2) < 0
        ? new MultiPartitionsDefinition(dimension1, definition1, dimension2, definition2)
        : new MultiPartitionsDefinition(dimension2, definition2, dimension1, definition1);
  }

  private static void checkDimension(
      String name, PartitionsDefinition definition, List<String> problems) {
    if (name == null || name.isBlank()) {
      problems.add("a dimension name is " + (name == null ? "null" : "blank"));
    }
    if (definition == null) {
      problems.add("dimension '" + name + "' has no partitions definition (null)");
    } else if (definition instanceof MultiPartitionsDefinition) {
      problems.add(
          "dimension '"
              + name
              + "' is itself multi-partitioned; a multi-partitions definition has exactly two"
              + " single dimensions");
    }
  }

  /**
   * Returns the dimension names in key order (sorted).
   *
   * @return the two names
   */
  public List<String> dimensionNames() {
    return List.of(firstName, secondName);
  }

  /**
   * Returns the dimensions in key order (sorted by name).
   *
   * @return the definition of each dimension by name, unmodifiable
   */
  public Map<String, PartitionsDefinition> dimensions() {
    Map<String, PartitionsDefinition> dimensions = new LinkedHashMap<>();
    dimensions.put(firstName, first);
    dimensions.put(secondName, second);
    return Collections.unmodifiableMap(dimensions);
  }

  /**
   * Returns whether a dimension exists.
   *
   * @param name the dimension name
   * @return whether it is one of the two
   */
  public boolean hasDimension(String name) {
    return firstName.equals(name) || secondName.equals(name);
  }

  /**
   * Returns the partitions of a dimension.
   *
   * @param name the dimension name
   * @return its partitions definition
   * @throws IllegalArgumentException if there is no such dimension
   */
  public PartitionsDefinition dimension(String name) {
    if (firstName.equals(name)) {
      return first;
    }
    if (secondName.equals(name)) {
      return second;
    }
    throw new IllegalArgumentException(
        describe() + " has no dimension '" + name + "'; its dimensions are " + dimensionNames());
  }

  @Override
  public List<String> keys(PartitionContext ctx) {
    return Collections.unmodifiableList(Arrays.asList(product(first.keys(ctx), second.keys(ctx))));
  }

  private static String[] product(List<String> outer, List<String> inner) {
    String[] keys = new String[Math.multiplyExact(outer.size(), inner.size())];
    int i = 0;
    for (String a : outer) {
      for (String b : inner) {
        keys[i++] = a + MultiPartitionKey.DELIMITER + b;
      }
    }
    return keys;
  }

  @Override
  public boolean hasKey(String key, PartitionContext ctx) {
    if (key == null) {
      return false;
    }
    int bar = key.indexOf('|');
    if (bar < 0 || key.indexOf('|', bar + 1) >= 0) {
      return false;
    }
    return first.hasKey(key.substring(0, bar), ctx) && second.hasKey(key.substring(bar + 1), ctx);
  }

  @Override
  public void checkKey(String key, PartitionContext ctx) {
    MultiPartitionKey parsed = MultiPartitionKey.parse(key, this);
    String a = parsed.keyOf(firstName);
    String b = parsed.keyOf(secondName);
    UnknownPartitionKeyException firstProblem = problem(first, a, ctx);
    UnknownPartitionKeyException secondProblem = problem(second, b, ctx);
    if (firstProblem == null && secondProblem == null) {
      return;
    }
    StringBuilder message =
        new StringBuilder("Partition key '")
            .append(key)
            .append("' is not a partition of ")
            .append(describe())
            .append(':');
    appendPart(message, firstName, firstProblem);
    appendPart(message, secondName, secondProblem);
    String suggestion = null;
    String suggestedA = firstProblem == null ? a : firstProblem.suggestion().orElse(null);
    String suggestedB = secondProblem == null ? b : secondProblem.suggestion().orElse(null);
    if (suggestedA != null && suggestedB != null) {
      suggestion = suggestedA + MultiPartitionKey.DELIMITER + suggestedB;
      message.append(" Did you mean '").append(suggestion).append("'?");
    }
    throw new UnknownPartitionKeyException(message.toString(), key, describe(), suggestion);
  }

  private static UnknownPartitionKeyException problem(
      PartitionsDefinition definition, String key, PartitionContext ctx) {
    try {
      definition.checkKey(key, ctx);
      return null;
    } catch (UnknownPartitionKeyException e) {
      return e;
    }
  }

  private static void appendPart(
      StringBuilder message, String dimension, UnknownPartitionKeyException problem) {
    if (problem != null) {
      message.append(" [dimension '").append(dimension).append("'] ").append(problem.getMessage());
    }
  }

  /** Builds the error of a key that does not have one part per dimension. */
  UnknownPartitionKeyException malformed(String key) {
    String message =
        "Partition key "
            + (key == null ? "null" : "'" + key + "'")
            + " is not a partition of "
            + describe()
            + ": a multi-partition key joins one key per dimension with '|', in dimension-name"
            + " order ("
            + firstName
            + "|"
            + secondName
            + "), e.g. 'a|b'. Build one with MultiPartitionKey.of(...).toKeyString().";
    return new UnknownPartitionKeyException(message, key, describe(), null);
  }

  @Override
  public List<String> keysInRange(PartitionKeyRange range, PartitionContext ctx) {
    Objects.requireNonNull(range, "range");
    checkKey(range.start(), ctx);
    checkKey(range.end(), ctx);
    MultiPartitionKey from = MultiPartitionKey.parse(range.start(), this);
    MultiPartitionKey to = MultiPartitionKey.parse(range.end(), this);
    // Dagster's range of multi-partition keys is the box spanned by the two corners.
    List<String> outer;
    List<String> inner;
    try {
      outer =
          first.keysInRange(PartitionKeyRange.of(from.keyOf(firstName), to.keyOf(firstName)), ctx);
      inner =
          second.keysInRange(
              PartitionKeyRange.of(from.keyOf(secondName), to.keyOf(secondName)), ctx);
    } catch (UnknownPartitionKeyException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Partition key range "
              + range
              + " of "
              + describe()
              + " is reversed in a dimension: "
              + e.getMessage(),
          e);
    }
    return Collections.unmodifiableList(Arrays.asList(product(outer, inner)));
  }

  @Override
  public int size(PartitionContext ctx) {
    long size = (long) first.size(ctx) * second.size(ctx);
    return (int) Math.min(Integer.MAX_VALUE, size);
  }

  /**
   * Returns the keys whose part in {@code dimension} is one of {@code values}, in this definition's
   * order, combined with every key of the other dimension. Values must be in the dimension's own
   * order.
   */
  List<String> keysWith(String dimension, Collection<String> values, PartitionContext ctx) {
    List<String> chosen = List.copyOf(values);
    String[] keys =
        firstName.equals(dimension)
            ? product(chosen, second.keys(ctx))
            : product(first.keys(ctx), chosen);
    return Arrays.asList(keys);
  }

  /** Returns the part of a well-formed key in a dimension. */
  String part(String key, String dimension) {
    int bar = key.indexOf('|');
    return firstName.equals(dimension) ? key.substring(0, bar) : key.substring(bar + 1);
  }

  @Override
  public String describe() {
    return "multi-partitions of "
        + firstName
        + " ("
        + first.describe()
        + ") and "
        + secondName
        + " ("
        + second.describe()
        + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiPartitionsDefinition other
        && firstName.equals(other.firstName)
        && secondName.equals(other.secondName)
        && first.equals(other.first)
        && second.equals(other.second);
  }

  @Override
  public int hashCode() {
    return Objects.hash(firstName, first, secondName, second);
  }

  @Override
  public String toString() {
    return describe();
  }
}
