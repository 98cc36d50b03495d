package io.pipewright.sdk.metadata;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates plain Java JSON trees and copies them into immutable ones, so that JSON and table
 * metadata stay immutable even when the caller later changes the maps and lists it passed in.
 */
final class JsonTrees {

  /** Deeper trees are almost surely cycles (a map that contains itself); fail clearly instead. */
  static final int MAX_DEPTH = 64;

  static final String ACCEPTED =
      "Map (with String keys), List, String, Integer, Long, Short, Byte, BigInteger, Double,"
          + " Float, BigDecimal, Boolean and null";

  private JsonTrees() {}

  /**
   * Returns an immutable deep copy of {@code value}.
   *
   * @param value the tree
   * @param where where the tree sits, for error messages, e.g. {@code $}
   * @throws IllegalArgumentException naming the path of the first unsupported element
   */
  static Object copy(Object value, String where) {
    return copy(value, where, 0);
  }

  private static Object copy(Object value, String where, int depth) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (isJsonNumber(value)) {
      if ((value instanceof Double d && !Double.isFinite(d))
          || (value instanceof Float f && !Float.isFinite(f))) {
        throw new IllegalArgumentException(
            "JSON metadata at "
                + where
                + " is "
                + value
                + ", which JSON cannot represent; use a finite number or null");
      }
      return value;
    }
    if (depth >= MAX_DEPTH) {
      throw new IllegalArgumentException(
          "JSON metadata at "
              + where
              + " is nested more than "
              + MAX_DEPTH
              + " levels deep; does a map or list contain itself?");
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              "JSON metadata at "
                  + where
                  + " has key "
                  + entry.getKey()
                  + (entry.getKey() == null
                      ? ""
                      : " of class " + entry.getKey().getClass().getName())
                  + "; JSON object keys must be Strings");
        }
        copy.put(key, copy(entry.getValue(), where + "." + key, depth + 1));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      int i = 0;
      for (Object element : list) {
        copy.add(copy(element, where + "[" + i + "]", depth + 1));
        i++;
      }
      // Not List.copyOf: JSON arrays may hold null.
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        "JSON metadata at "
            + where
            + " is a "
            + value.getClass().getName()
            + "; JSON metadata may hold only "
            + ACCEPTED
            + (value instanceof Iterable<?>
                ? ". Convert it to a List first, e.g. List.copyOf(set)"
                : ""));
  }

  /** Whether {@code value} is a number kind that JSON metadata accepts (immutable, well-known). */
  static boolean isJsonNumber(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Float
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal;
  }
}
