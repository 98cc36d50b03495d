package io.pipewright.sdk.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The type of a config value: what an op, a resource or a job accepts as configuration.
 *
 * <p>Config values are plain Java trees, as Jackson reads them from JSON: {@code Map<String,
 * Object>}, {@code List<Object>}, {@code String}, {@code Number}, {@code Boolean} and {@code null}.
 * Types are usually derived from a record with {@link ConfigSchema#fromClass(Class)}, or built by
 * hand with the static factories of this interface.
 */
public sealed interface ConfigType
    permits ConfigType.Scalar,
        ConfigType.EnumType,
        ConfigType.Array,
        ConfigType.MapType,
        ConfigType.Shape,
        ConfigType.Noneable,
        ConfigType.Any {

  /**
   * Returns a short, readable name of this type, as used in error messages, for example {@code
   * int}, {@code [string]} or {@code {limit: int, url?: string}}.
   *
   * @return the display name
   */
  String displayName();

  /** The kinds of scalar values. */
  enum ScalarKind {
    /** A text value ({@code String}). */
    STRING,
    /** A 32-bit integer. */
    INT,
    /** A 64-bit integer. */
    LONG,
    /** A floating-point number. */
    FLOAT,
    /** A boolean. */
    BOOL
  }

  /**
   * A scalar value: a string, a number or a boolean.
   *
   * @param kind which scalar
   */
  record Scalar(ScalarKind kind) implements ConfigType {
    /** Checks the kind. */
    public Scalar {
      Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String displayName() {
      return switch (kind) {
        case STRING -> "string";
        case INT -> "int";
        case LONG -> "long";
        case FLOAT -> "float";
        case BOOL -> "bool";
      };
    }
  }

  /**
   * A string restricted to a fixed set of values, usually derived from a Java enum.
   *
   * @param name the enum's name, shown in messages and schemas
   * @param values the allowed values, in order, without duplicates
   */
  record EnumType(String name, List<String> values) implements ConfigType {
    /** Checks the name and copies the values. */
    public EnumType {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("An enum config type needs a non-blank name");
      }
      values = List.copyOf(Objects.requireNonNull(values, "values"));
      if (values.isEmpty()) {
        throw new IllegalArgumentException(
            "Enum config type " + name + " needs at least one value");
      }
      if (new HashSet<>(values).size() != values.size()) {
        throw new IllegalArgumentException(
            "Enum config type " + name + " lists a value twice: " + values);
      }
    }

    @Override
    public String displayName() {
      return "enum " + name + "{" + String.join(",", values) + "}";
    }
  }

  /**
   * A list whose items all have the same type.
   *
   * @param element the type of every item
   */
  record Array(ConfigType element) implements ConfigType {
    /** Checks the element type. */
    public Array {
      Objects.requireNonNull(element, "element");
    }

    @Override
    public String displayName() {
      return "[" + element.displayName() + "]";
    }
  }

  /**
   * A map from string keys, chosen by the user, to values of one type.
   *
   * @param value the type of every value
   */
  record MapType(ConfigType value) implements ConfigType {
    /** Checks the value type. */
    public MapType {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String displayName() {
      return "{string: " + value.displayName() + "}";
    }
  }

  /**
   * An object with a fixed set of named fields, in order.
   *
   * @param fields the fields by name, in declaration order
   */
  record Shape(Map<String, ConfigField> fields) implements ConfigType {
    /** Checks that every key is its field's name and copies the fields. */
    public Shape {
      Objects.requireNonNull(fields, "fields");
      LinkedHashMap<String, ConfigField> copy = new LinkedHashMap<>();
      for (Map.Entry<String, ConfigField> e : fields.entrySet()) {
        ConfigField field = Objects.requireNonNull(e.getValue(), "field");
        if (!field.name().equals(e.getKey())) {
          throw new IllegalArgumentException(
              "Shape key '"
                  + e.getKey()
                  + "' does not match its field's name '"
                  + field.name()
                  + "'");
        }
        copy.put(e.getKey(), field);
      }
      fields = Collections.unmodifiableMap(copy);
    }

    /**
     * Tells whether a value of this shape must contain at least one field.
     *
     * @return true if any field is required
     */
    public boolean hasRequiredFields() {
      for (ConfigField field : fields.values()) {
        if (field.required()) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String displayName() {
      StringBuilder sb = new StringBuilder("{");
      for (ConfigField field : fields.values()) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(field.name()).append(field.required() ? ": " : "?: ");
        sb.append(field.type().displayName());
      }
      return sb.append('}').toString();
    }
  }

  /**
   * A value of the inner type, or {@code null}.
   *
   * @param inner the type of a non-null value
   */
  record Noneable(ConfigType inner) implements ConfigType {
    /** Checks the inner type. */
    public Noneable {
      Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String displayName() {
      return inner.displayName() + "?";
    }
  }

  /** Any value at all: the tree is passed on unchecked. */
  record Any() implements ConfigType {
    @Override
    public String displayName() {
      return "any";
    }
  }

  /**
   * Returns the string type.
   *
   * @return {@code string}
   */
  static ConfigType string() {
    return new Scalar(ScalarKind.STRING);
  }

  /**
   * Returns the 32-bit integer type.
   *
   * @return {@code int}
   */
  static ConfigType intType() {
    return new Scalar(ScalarKind.INT);
  }

  /**
   * Returns the 64-bit integer type.
   *
   * @return {@code long}
   */
  static ConfigType longType() {
    return new Scalar(ScalarKind.LONG);
  }

  /**
   * Returns the floating-point number type.
   *
   * @return {@code float}
   */
  static ConfigType floatType() {
    return new Scalar(ScalarKind.FLOAT);
  }

  /**
   * Returns the boolean type.
   *
   * @return {@code bool}
   */
  static ConfigType bool() {
    return new Scalar(ScalarKind.BOOL);
  }

  /**
   * Returns an enum type.
   *
   * @param name the enum's name
   * @param values the allowed values
   * @return the enum type
   */
  static ConfigType enumOf(String name, List<String> values) {
    return new EnumType(name, values);
  }

  /**
   * Returns the type of lists of {@code element}.
   *
   * @param element the item type
   * @return the list type
   */
  static ConfigType array(ConfigType element) {
    return new Array(element);
  }

  /**
   * Returns the type of maps from string keys to {@code value}.
   *
   * @param value the value type
   * @return the map type
   */
  static ConfigType map(ConfigType value) {
    return new MapType(value);
  }

  /**
   * Returns a shape with the given fields, in order.
   *
   * @param fields the fields; names must be unique
   * @return the shape
   * @throws IllegalArgumentException if two fields have the same name
   */
  static Shape shape(ConfigField... fields) {
    return shape(Arrays.asList(fields));
  }

  /**
   * Returns a shape with the given fields, in order.
   *
   * @param fields the fields; names must be unique
   * @return the shape
   * @throws IllegalArgumentException if two fields have the same name
   */
  static Shape shape(List<ConfigField> fields) {
    LinkedHashMap<String, ConfigField> byName = new LinkedHashMap<>();
    Set<String> duplicates = new LinkedHashSet<>();
    for (ConfigField field : fields) {
      Objects.requireNonNull(field, "field");
      if (byName.putIfAbsent(field.name(), field) != null) {
        duplicates.add(field.name());
      }
    }
    if (!duplicates.isEmpty()) {
      throw new IllegalArgumentException(
          "A config shape cannot have two fields with the same name: " + duplicates);
    }
    return new Shape(byName);
  }

  /**
   * Returns the type of values of {@code inner} or {@code null}.
   *
   * @param inner the type of non-null values
   * @return the noneable type
   */
  static ConfigType noneable(ConfigType inner) {
    return new Noneable(inner);
  }

  /**
   * Returns the type that accepts any value.
   *
   * @return {@code any}
   */
  static ConfigType any() {
    return new Any();
  }
}
