package io.pipewright.sdk.internal.config;

import io.pipewright.sdk.config.ConfigField;
import io.pipewright.sdk.config.ConfigType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fills in default values, producing a new tree and leaving the input as it was. */
public final class Defaults {

  private Defaults() {}

  /** Returns a new, modifiable tree: {@code value} with every absent defaulted field filled in. */
  public static Object withDefaults(ConfigType type, Object value) {
    if (type instanceof ConfigType.Shape shape) {
      return shape(shape, value);
    }
    if (type instanceof ConfigType.Noneable noneable) {
      return value == null ? null : withDefaults(noneable.inner(), value);
    }
    if (type instanceof ConfigType.Array array && value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(withDefaults(array.element(), item));
      }
      return copy;
    }
    if (type instanceof ConfigType.MapType mapType && value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        copy.put(e.getKey(), withDefaults(mapType.value(), e.getValue()));
      }
      return copy;
    }
    return copyAsIs(value);
  }

  private static Object shape(ConfigType.Shape shape, Object value) {
    if (value != null && !(value instanceof Map)) {
      // Invalid; validation reports it. Pass it on unchanged rather than guess.
      return copyAsIs(value);
    }
    Map<?, ?> given = value == null ? Map.of() : (Map<?, ?>) value;
    Map<Object, Object> out = new LinkedHashMap<>();
    for (ConfigField field : shape.fields().values()) {
      Object fieldValue = given.get(field.name());
      boolean absent =
          fieldValue == null
              && (!given.containsKey(field.name()) || Validation.nullMeansAbsent(field));
      if (!absent) {
        out.put(field.name(), withDefaults(field.type(), fieldValue));
      } else if (field.hasDefault()) {
        // Defaults are filled recursively: a defaulted shape may itself leave fields to defaults.
        out.put(field.name(), withDefaults(field.type(), field.defaultValue()));
      } else if (field.type() instanceof ConfigType.Shape nested && !nested.hasRequiredFields()) {
        // A shape that can be left out is filled from its own defaults, so {} becomes complete.
        out.put(field.name(), shape(nested, null));
      }
    }
    for (Map.Entry<?, ?> e : given.entrySet()) {
      if (!(e.getKey() instanceof String key) || !shape.fields().containsKey(key)) {
        out.put(e.getKey(), copyAsIs(e.getValue()));
      }
    }
    return out;
  }

  private static Object copyAsIs(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        copy.put(e.getKey(), copyAsIs(e.getValue()));
      }
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(copyAsIs(item));
      }
      return copy;
    }
    return value;
  }
}
