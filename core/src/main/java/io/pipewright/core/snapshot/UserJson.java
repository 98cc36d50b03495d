package io.pipewright.core.snapshot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The canonical form of user JSON: run config, config defaults, JSON metadata and log fields, the
 * only free-form data in snapshots and events.
 *
 * <p>A canonical tree is made of unmodifiable {@code Map<String, Object>} (keys in their original
 * order), unmodifiable {@code List<Object>}, {@code String}, {@code Boolean}, {@code Long}, {@code
 * Double}, {@code BigDecimal} and {@code null}. Integers of every Java kind become {@code Long} (a
 * {@code BigInteger} too, when it fits), {@code Float} becomes {@code Double}, and a {@code
 * BigInteger} beyond {@code long} becomes a {@code BigDecimal}, so that two trees that mean the
 * same JSON are equal, and a tree survives the wire unchanged (see the protocol's {@code Json}
 * message).
 */
public final class UserJson {

  /**
   * Trees nested deeper than this are rejected: they are almost surely a map or list that contains
   * itself, and the copy is recursive.
   */
  public static final int MAX_DEPTH = 128;

  private UserJson() {}

  /**
   * Returns the canonical, immutable copy of a JSON tree; a tree already canonical is still copied.
   *
   * @param value the tree, may be a single leaf or null
   * @param where where the tree sits, for error messages, for example {@code run config}
   * @return the canonical tree
   * @throws IllegalArgumentException if the tree holds anything but maps with String keys, lists,
   *     strings, booleans, finite numbers and nulls, or is nested more than {@value #MAX_DEPTH}
   *     levels; the message names the path of the offending element
   */
  public static Object canonical(Object value, String where) {
    return copy(value, where, null, "$", 0);
  }

  /**
   * Returns the canonical copy of a JSON tree that belongs to a named element; the name goes into
   * error messages only, which are built only when the tree is rejected.
   *
   * @param value the tree, may be a single leaf or null
   * @param where what the tree is, for example {@code the default of config field}
   * @param name the element's name, for example {@code limit}
   * @return the canonical tree
   * @throws IllegalArgumentException as {@link #canonical(Object, String)} does
   */
  public static Object canonical(Object value, String where, String name) {
    return copy(value, where, name, "$", 0);
  }

  /**
   * Returns the canonical copy of a JSON object, such as a run config; null becomes empty.
   *
   * @param value the object
   * @param where where the object sits, for error messages
   * @return the canonical, unmodifiable map
   * @throws IllegalArgumentException as {@link #canonical(Object, String)} does
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> canonicalObject(Map<String, ?> value, String where) {
    if (value instanceof Lazy lazy) {
      return lazy;
    }
    if (value == null || value.isEmpty()) {
      return Map.of();
    }
    return (Map<String, Object>) copy(value, where, null, "$", 0);
  }

  /**
   * Returns a canonical JSON object decoded only when first read, and once: a run read from storage
   * with a page of others carries its run config, which most readers (a list of runs) never look
   * at, and decoding it cost more than the rest of the run. It is canonical as it is: {@link
   * #canonicalObject} and {@link #canonical} return it without copying (or decoding) it.
   *
   * @param decode makes the object (a canonical copy of what it returns is kept); throws when the
   *     stored form is corrupt, and then on every read
   * @param where where the object sits, for error messages
   * @return the object, an unmodifiable map
   */
  public static Map<String, Object> lazyObject(Supplier<Map<String, ?>> decode, String where) {
    return new Lazy(decode, where);
  }

  /** An object decoded on first read ({@link #lazyObject}). */
  private static final class Lazy extends AbstractMap<String, Object> {

    private final String where;
    private Supplier<Map<String, ?>> decode;
    private volatile Map<String, Object> value;

    Lazy(Supplier<Map<String, ?>> decode, String where) {
      this.decode = decode;
      this.where = where;
    }

    private Map<String, Object> value() {
      Map<String, Object> decoded = value;
      if (decoded == null) {
        synchronized (this) {
          decoded = value;
          if (decoded == null) {
            decoded = canonicalObject(decode.get(), where);
            value = decoded;
            decode = null;
          }
        }
      }
      return decoded;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return value().entrySet();
    }

    @Override
    public Object get(Object key) {
      return value().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return value().containsKey(key);
    }

    @Override
    public int size() {
      return value().size();
    }
  }

  private static Object copy(Object value, String where, String name, String path, int depth) {
    if (value instanceof Lazy) {
      return value;
    }
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(
            at(where, name)
                + path
                + " is "
                + d
                + ", which JSON cannot represent; use a finite"
                + " number or null");
      }
      return d;
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < Long.SIZE ? (Object) big.longValue() : new BigDecimal(big);
    }
    if (depth >= MAX_DEPTH) {
      throw new IllegalArgumentException(
          at(where, name)
              + path
              + " is nested more than "
              + MAX_DEPTH
              + " levels deep; does a map or list contain itself?");
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              at(where, name)
                  + path
                  + " has the key "
                  + e.getKey()
                  + "; JSON keys must be Strings");
        }
        copy.put(key, copy(e.getValue(), where, name, path + "." + key, depth + 1));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(copy(list.get(i), where, name, path + "[" + i + "]", depth + 1));
      }
      // Not List.copyOf: JSON arrays may hold null.
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        at(where, name)
            + path
            + " is a "
            + value.getClass().getName()
            + "; user JSON may hold only Map (with String keys), List, String, Boolean, numbers"
            + " and null. Convert it first, for example to its toString()");
  }

  private static String at(String where, String name) {
    return (name == null ? where : where + " '" + name + "'") + " at ";
  }
}
