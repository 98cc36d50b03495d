package io.pipewright.sdk.internal.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for plain config trees: copying, merging, env references and rendering in messages. */
public final class Trees {

  /** The key of an environment variable reference, {@code {"env": "NAME"}}. */
  public static final String ENV_KEY = "env";

  /** Values longer than this are cut in messages, so a message stays one readable line. */
  private static final int MAX_RENDERED = 40;

  private Trees() {}

  /**
   * Returns the variable name of a well-formed env reference, or null if {@code value} is not one.
   */
  public static String envVarName(Object value) {
    if (value instanceof Map<?, ?> map && map.size() == 1) {
      Object name = map.get(ENV_KEY);
      if (name instanceof String s && !s.isBlank()) {
        return s;
      }
    }
    return null;
  }

  /** Tells whether a value is meant as an env reference, well-formed or not. */
  public static boolean looksLikeEnvReference(Object value) {
    return value instanceof Map<?, ?> map && map.containsKey(ENV_KEY);
  }

  /** Tells whether a value is a leaf of a plain tree. */
  public static boolean isPlainLeaf(Object value) {
    return value == null || value instanceof String || value instanceof Boolean || isNumber(value);
  }

  private static boolean isNumber(Object value) {
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof BigDecimal
        || value instanceof BigInteger
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Float;
  }

  /**
   * Returns a deep, unmodifiable copy of a tree. Values that are not plain trees (records, enums)
   * are first converted with Jackson. {@code where} names the tree in error messages.
   */
  public static Object immutableCopy(Object value, String where) {
    return copy(value, where, true);
  }

  /** Returns a deep, modifiable copy of a tree (LinkedHashMap and ArrayList). */
  public static Object mutableCopy(Object value) {
    return copy(value, "config", false);
  }

  private static Object copy(Object value, String where, boolean immutable) {
    if (isPlainLeaf(value)) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      LinkedHashMap<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              (where.isEmpty() ? "run config" : where)
                  + ": map keys must be strings, got "
                  + render(e.getKey()));
        }
        copy.put(key, copy(e.getValue(), child(where, key), immutable));
      }
      return immutable ? Collections.unmodifiableMap(copy) : copy;
    }
    if (value instanceof List<?> list) {
      ArrayList<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(copy(list.get(i), where + "[" + i + "]", immutable));
      }
      return immutable ? Collections.unmodifiableList(copy) : copy;
    }
    // A record, an enum or another bean: turn it into a tree first.
    Object tree = Json.toTree(value, where);
    return copy(tree, where, immutable);
  }

  private static String child(String where, String key) {
    return where.isEmpty() ? key : where + "." + key;
  }

  /**
   * Deep-merges two trees into a new modifiable tree: maps merge key by key, anything else in
   * {@code override} replaces what is in {@code base}.
   */
  public static Object merge(Object base, Object override) {
    if (base instanceof Map<?, ?> b && override instanceof Map<?, ?> o) {
      LinkedHashMap<String, Object> merged = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : b.entrySet()) {
        merged.put((String) e.getKey(), mutableCopy(e.getValue()));
      }
      for (Map.Entry<?, ?> e : o.entrySet()) {
        String key = (String) e.getKey();
        merged.put(
            key,
            merged.containsKey(key)
                ? merge(merged.get(key), e.getValue())
                : mutableCopy(e.getValue()));
      }
      return merged;
    }
    return mutableCopy(override);
  }

  /**
   * Renders a value JSON-style for a message, cut to about 40 characters. Never call this for a
   * value that may hold a secret.
   */
  public static String render(Object value) {
    StringBuilder sb = new StringBuilder();
    render(value, sb);
    if (sb.length() > MAX_RENDERED) {
      sb.setLength(MAX_RENDERED - 3);
      sb.append("...");
    }
    return sb.toString();
  }

  private static void render(Object value, StringBuilder sb) {
    if (sb.length() > MAX_RENDERED) {
      return;
    }
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      quote(s, sb);
    } else if (value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (sb.length() > MAX_RENDERED) {
          return;
        }
        if (!first) {
          sb.append(", ");
        }
        first = false;
        quote(String.valueOf(e.getKey()), sb);
        sb.append(": ");
        render(e.getValue(), sb);
      }
      sb.append('}');
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size() && sb.length() <= MAX_RENDERED; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        render(list.get(i), sb);
      }
      sb.append(']');
    } else {
      // Not a plain tree: name the Java type rather than calling an arbitrary toString().
      sb.append("a ").append(value.getClass().getName());
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length() && sb.length() <= MAX_RENDERED; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
