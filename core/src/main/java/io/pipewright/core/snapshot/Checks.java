package io.pipewright.core.snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation shared by the snapshot records. Messages name the record and the component, so that a
 * mapper or a code location server that builds a bad snapshot learns where the problem is.
 */
final class Checks {

  private Checks() {}

  static <T> T require(T value, String record, String component) {
    if (value == null) {
      throw new IllegalArgumentException(record + " needs a " + component + ", got null");
    }
    return value;
  }

  static String requireNonBlank(String value, String record, String component) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          record
              + " needs a non-blank "
              + component
              + ", got "
              + (value == null ? "null" : "\"" + value + "\""));
    }
    return value;
  }

  /** Returns null for null, otherwise the value if it is not blank. */
  static String optionalNonBlank(String value, String record, String component) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(
          record + " has a blank " + component + "; leave it null when there is none");
    }
    return value;
  }

  /** An immutable copy; null becomes empty; null elements are rejected. */
  static <T> List<T> list(List<T> values, String record, String component) {
    if (values == null || values.isEmpty()) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new IllegalArgumentException(
            record + " has a null element at " + component + "[" + i + "]");
      }
    }
    return List.copyOf(values);
  }

  /** Like {@link #list} but also rejects the same element twice. */
  static <T> List<T> distinctList(List<T> values, String record, String component) {
    List<T> copy = list(values, record, component);
    if (copy.size() > 1 && new java.util.HashSet<>(copy).size() != copy.size()) {
      List<T> seen = new ArrayList<>();
      for (T value : copy) {
        if (seen.contains(value)) {
          throw new IllegalArgumentException(
              record + " lists " + value + " twice in " + component + "; list each once");
        }
        seen.add(value);
      }
    }
    return copy;
  }

  /**
   * An immutable, order-keeping copy of a string map (tags); null becomes empty; null keys and
   * values are rejected.
   */
  static Map<String, String> tags(Map<String, String> tags, String record, String component) {
    if (tags == null || tags.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>(Math.max(4, tags.size() * 2));
    for (Map.Entry<String, String> e : tags.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(
            record
                + " has a null "
                + (e.getKey() == null ? "key" : "value for key '" + e.getKey() + "'")
                + " in "
                + component);
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  static int nonNegative(int value, String record, String component) {
    if (value < 0) {
      throw new IllegalArgumentException(
          record + " needs a " + component + " of zero or more, got " + value);
    }
    return value;
  }
}
