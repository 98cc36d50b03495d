package io.pipewright.core.internal;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validation shared by the snapshot records. Messages name the record, the element (its name or
 * key) and the component, so that a mapper or a code location server that builds a bad snapshot
 * learns where the problem is. They are built only when a check fails: these constructors run tens
 * of thousands of times per snapshot, so the happy path allocates nothing for messages.
 */
public final class Checks {

  /** Lists up to this size are checked for duplicates pairwise, without a set. */
  private static final int PAIRWISE_LIMIT = 8;

  private Checks() {}

  /** The record and, when known, its element, such as {@code OpNodeSnapshot 'extract'}. */
  public static String where(String record, Object id) {
    return id == null ? record : record + " '" + id + "'";
  }

  public static <T> T require(T value, String record, String component) {
    return require(value, record, null, component);
  }

  public static <T> T require(T value, String record, Object id, String component) {
    if (value == null) {
      throw new IllegalArgumentException(
          where(record, id) + " needs a " + component + ", got null");
    }
    return value;
  }

  public static String requireNonBlank(String value, String record, String component) {
    return requireNonBlank(value, record, null, component);
  }

  public static String requireNonBlank(String value, String record, Object id, String component) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          where(record, id)
              + " needs a non-blank "
              + component
              + ", got "
              + (value == null ? "null" : "\"" + value + "\""));
    }
    return value;
  }

  public static String optionalNonBlank(String value, String record, String component) {
    return optionalNonBlank(value, record, null, component);
  }

  /** Returns null for null, otherwise the value if it is not blank. */
  public static String optionalNonBlank(String value, String record, Object id, String component) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(
          where(record, id) + " has a blank " + component + "; leave it null when there is none");
    }
    return value;
  }

  public static <T> List<T> list(List<T> values, String record, String component) {
    return list(values, record, null, component);
  }

  /** An immutable copy; null becomes empty; null elements are rejected. */
  public static <T> List<T> list(List<T> values, String record, Object id, String component) {
    if (values == null || values.isEmpty()) {
      return List.of();
    }
    try {
      return List.copyOf(values);
    } catch (NullPointerException e) {
      // List.copyOf rejects null elements; find which one, for the message.
      throw new IllegalArgumentException(
          where(record, id)
              + " has a null element at "
              + component
              + "["
              + values.indexOf(null)
              + "]",
          e);
    }
  }

  public static <T> List<T> distinctList(List<T> values, String record, String component) {
    return distinctList(values, record, null, component);
  }

  /** Like {@link #list} but also rejects the same element twice. */
  public static <T> List<T> distinctList(
      List<T> values, String record, Object id, String component) {
    List<T> copy = list(values, record, id, component);
    int size = copy.size();
    if (size <= PAIRWISE_LIMIT) {
      for (int i = 1; i < size; i++) {
        for (int j = 0; j < i; j++) {
          if (copy.get(i).equals(copy.get(j))) {
            throw twice(copy.get(i), record, id, component);
          }
        }
      }
    } else {
      Set<T> seen = new HashSet<>(size * 2);
      for (T value : copy) {
        if (!seen.add(value)) {
          throw twice(value, record, id, component);
        }
      }
    }
    return copy;
  }

  private static IllegalArgumentException twice(
      Object value, String record, Object id, String component) {
    return new IllegalArgumentException(
        where(record, id) + " lists " + value + " twice in " + component + "; list each once");
  }

  public static Map<String, String> tags(
      Map<String, String> tags, String record, String component) {
    return tags(tags, record, null, component);
  }

  /**
   * An immutable, order-keeping copy of a string map (tags); null becomes empty; null keys and
   * values are rejected.
   */
  public static Map<String, String> tags(
      Map<String, String> tags, String record, Object id, String component) {
    if (tags == null || tags.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>(Math.max(4, tags.size() * 2));
    for (Map.Entry<String, String> e : tags.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            where(record, id)
                + " has a null "
                + (e.getKey() == null ? "key" : "value for key '" + e.getKey() + "'")
                + " in "
                + component);
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  public static int nonNegative(int value, String record, String component) {
    if (value < 0) {
      throw new IllegalArgumentException(
          record + " needs a " + component + " of zero or more, got " + value);
    }
    return value;
  }

  public static long nonNegative(long value, String record, String component) {
    if (value < 0) {
      throw new IllegalArgumentException(
          record + " needs a " + component + " of zero or more, got " + value);
    }
    return value;
  }
}
