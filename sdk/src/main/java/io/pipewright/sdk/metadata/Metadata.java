package io.pipewright.sdk.metadata;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, insertion-ordered map from non-blank string keys to {@link MetadataValue}s.
 *
 * <p>Plain Java values are wrapped by {@link MetadataValue#of(Object)}, so {@code
 * Metadata.of("rows", 1200)} holds an {@link IntValue}. Every "modifying" method returns a new
 * instance. Two instances are equal when they map the same keys to equal values, whatever the
 * order.
 *
 * <pre>{@code
 * Metadata md = Metadata.of("rows", rows.size()).with("preview", MetadataValue.markdown(table));
 * }</pre>
 */
public final class Metadata implements Iterable<Map.Entry<String, MetadataValue>> {

  private static final Metadata EMPTY = new Metadata(Collections.emptyMap());

  /** Unmodifiable view over a map that no one else references. */
  private final Map<String, MetadataValue> entries;

  private Metadata(Map<String, MetadataValue> entries) {
    this.entries = entries;
  }

  /**
   * Returns the empty metadata, a shared instance.
   *
   * @return the empty metadata
   */
  public static Metadata empty() {
    return EMPTY;
  }

  /**
   * Creates metadata with one entry.
   *
   * @param key the key; non-blank
   * @param value the value, wrapped by {@link MetadataValue#of(Object)}
   * @return the metadata
   * @throws IllegalArgumentException if the key is blank or the value cannot be wrapped
   */
  public static Metadata of(String key, Object value) {
    Map<String, MetadataValue> map = new LinkedHashMap<>(2);
    put(map, key, value);
    return new Metadata(Collections.unmodifiableMap(map));
  }

  /**
   * Creates metadata with two entries, in this order.
   *
   * @param k1 the first key
   * @param v1 the first value
   * @param k2 the second key
   * @param v2 the second value
   * @return the metadata
   * @throws IllegalArgumentException if a key is blank or repeated, or a value cannot be wrapped
   */
  public static Metadata of(String k1, Object v1, String k2, Object v2) {
    Map<String, MetadataValue> map = new LinkedHashMap<>(4);
    put(map, k1, v1);
    putNew(map, k2, v2);
    return new Metadata(Collections.unmodifiableMap(map));
  }

  /**
   * Creates metadata with three entries, in this order.
   *
   * @param k1 the first key
   * @param v1 the first value
   * @param k2 the second key
   * @param v2 the second value
   * @param k3 the third key
   * @param v3 the third value
   * @return the metadata
   * @throws IllegalArgumentException if a key is blank or repeated, or a value cannot be wrapped
   */
  public static Metadata of(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
    Map<String, MetadataValue> map = new LinkedHashMap<>(6);
    put(map, k1, v1);
    putNew(map, k2, v2);
    putNew(map, k3, v3);
    return new Metadata(Collections.unmodifiableMap(map));
  }

  /**
   * Creates metadata from a map, in the map's iteration order, wrapping each value with {@link
   * MetadataValue#of(Object)}.
   *
   * @param map the entries; null or empty gives {@link #empty()}
   * @return the metadata
   * @throws IllegalArgumentException if a key is blank or a value cannot be wrapped, naming the key
   */
  public static Metadata from(Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return EMPTY;
    }
    Map<String, MetadataValue> copy = new LinkedHashMap<>(map.size() * 2);
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      put(copy, entry.getKey(), entry.getValue());
    }
    return new Metadata(Collections.unmodifiableMap(copy));
  }

  /**
   * Returns metadata with {@code key} set to {@code value}. An existing key keeps its position and
   * gets the new value; a new key goes last.
   *
   * @param key the key; non-blank
   * @param value the value, wrapped by {@link MetadataValue#of(Object)}
   * @return new metadata; this instance is unchanged
   * @throws IllegalArgumentException if the key is blank or the value cannot be wrapped
   */
  public Metadata with(String key, Object value) {
    Map<String, MetadataValue> copy = new LinkedHashMap<>((entries.size() + 1) * 2);
    copy.putAll(entries);
    put(copy, key, value);
    return new Metadata(Collections.unmodifiableMap(copy));
  }

  /**
   * Returns the union of this metadata and {@code other}; where both have a key, the value of
   * {@code other} wins (and the key keeps its position from this metadata).
   *
   * @param other the metadata to lay over this one; null counts as empty
   * @return the merged metadata (this instance or {@code other} when one of them is empty)
   */
  public Metadata merge(Metadata other) {
    if (other == null || other.entries.isEmpty()) {
      return this;
    }
    if (entries.isEmpty()) {
      return other;
    }
    Map<String, MetadataValue> copy =
        new LinkedHashMap<>((entries.size() + other.entries.size()) * 2);
    copy.putAll(entries);
    copy.putAll(other.entries);
    return new Metadata(Collections.unmodifiableMap(copy));
  }

  /**
   * Returns the entries as an unmodifiable map in insertion order.
   *
   * @return the entries
   */
  public Map<String, MetadataValue> asMap() {
    return entries;
  }

  /**
   * Returns the value of {@code key}.
   *
   * @param key the key
   * @return the value, or empty when the key is absent
   */
  public Optional<MetadataValue> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /**
   * Tells whether there are no entries. Cheap: no allocation.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Returns the number of entries.
   *
   * @return the size
   */
  public int size() {
    return entries.size();
  }

  /**
   * Iterates over the entries in insertion order; the entries cannot be modified.
   *
   * @return the iterator
   */
  @Override
  public Iterator<Map.Entry<String, MetadataValue>> iterator() {
    return entries.entrySet().iterator();
  }

  /**
   * Tells whether {@code o} is metadata with the same keys mapped to equal values, in any order.
   *
   * @param o the other object
   * @return true when equal
   */
  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof Metadata other && entries.equals(other.entries));
  }

  /**
   * Returns a hash code consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /**
   * Renders the entries with their {@link MetadataValue#display()}, e.g. {@code {rows=1200,
   * path=/data/orders.parquet}}.
   *
   * @return the rendering
   */
  @Override
  public String toString() {
    if (entries.isEmpty()) {
      return "{}";
    }
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, MetadataValue> entry : entries.entrySet()) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append(entry.getKey()).append('=').append(entry.getValue().display());
    }
    return out.append('}').toString();
  }

  private static void putNew(Map<String, MetadataValue> map, String key, Object value) {
    if (key != null && map.containsKey(key)) {
      throw new IllegalArgumentException(
          "Metadata key '" + key + "' is given twice; each key may appear once");
    }
    put(map, key, value);
  }

  private static void put(Map<String, MetadataValue> map, String key, Object value) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "Metadata keys must be non-blank strings, got "
              + (key == null ? "null" : '"' + key + '"'));
    }
    MetadataValue wrapped;
    try {
      wrapped = MetadataValue.of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Metadata key '" + key + "': " + e.getMessage(), e);
    }
    map.put(key, wrapped);
  }
}
