package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The type of a config value (of an op, a resource or a whole run), as a typed tree mirroring the
 * sdk's {@code ConfigType}, one node kind per kind.
 *
 * <p><b>Why a typed tree and not JSON Schema text.</b> Hosts must answer Dagster's GraphQL config
 * API ({@code runConfigSchema}, {@code ConfigType} with its {@code CompositeConfigType}, {@code
 * EnumConfigType}, {@code ArrayConfigType}, {@code MapConfigType} and {@code NullableConfigType}
 * variants, and the launchpad's field-by-field editor) without loading user code. JSON Schema
 * cannot carry that losslessly: {@code int} and {@code long} both become {@code integer}, an enum
 * loses its name when it is nullable, and every scalar is wrapped in an {@code anyOf} with the
 * {@code {"env": ...}} reference. The tree, on the other hand, renders to the exact JSON Schema the
 * sdk's {@code JsonSchemaExporter} writes, by the same rules, whenever a host needs that. And a
 * schema as JSON text inside a proto message is the untyped payload our style rule 4 forbids.
 */
public sealed interface ConfigSchemaSnapshot
    permits ConfigSchemaSnapshot.Scalar,
        ConfigSchemaSnapshot.EnumType,
        ConfigSchemaSnapshot.Array,
        ConfigSchemaSnapshot.MapOf,
        ConfigSchemaSnapshot.Shape,
        ConfigSchemaSnapshot.Noneable,
        ConfigSchemaSnapshot.Any {

  /** The kinds of scalar values (the sdk's {@code ConfigType.ScalarKind}). */
  enum ScalarKind {
    /** A string. */
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
   * A scalar.
   *
   * @param kind which scalar; not null
   */
  record Scalar(ScalarKind kind) implements ConfigSchemaSnapshot {
    /** Validates the kind. */
    public Scalar {
      Checks.require(kind, "ConfigSchemaSnapshot.Scalar", "kind");
    }
  }

  /**
   * A string restricted to a fixed set of values.
   *
   * @param name the enum's name; non-blank
   * @param values the allowed values, in order; at least one, no duplicates
   */
  record EnumType(String name, List<String> values) implements ConfigSchemaSnapshot {
    /** Validates the enum. */
    public EnumType {
      Checks.requireNonBlank(name, "ConfigSchemaSnapshot.EnumType", "name");
      values = Checks.distinctList(values, "ConfigSchemaSnapshot.EnumType " + name, "values");
      if (values.isEmpty()) {
        throw new IllegalArgumentException(
            "ConfigSchemaSnapshot.EnumType " + name + " needs at least one value");
      }
    }
  }

  /**
   * A list whose items all have one type.
   *
   * @param element the item type; not null
   */
  record Array(ConfigSchemaSnapshot element) implements ConfigSchemaSnapshot {
    /** Validates the element type. */
    public Array {
      Checks.require(element, "ConfigSchemaSnapshot.Array", "element");
    }
  }

  /**
   * A map from user-chosen string keys to values of one type.
   *
   * @param value the value type; not null
   */
  record MapOf(ConfigSchemaSnapshot value) implements ConfigSchemaSnapshot {
    /** Validates the value type. */
    public MapOf {
      Checks.require(value, "ConfigSchemaSnapshot.MapOf", "value");
    }
  }

  /**
   * An object with a fixed set of named fields.
   *
   * @param fields the fields in declaration order; names are unique
   */
  record Shape(List<ConfigFieldSnapshot> fields) implements ConfigSchemaSnapshot {
    /** Validates and copies the fields. */
    public Shape {
      fields = Checks.list(fields, "ConfigSchemaSnapshot.Shape", "fields");
      Set<String> names = new HashSet<>();
      for (ConfigFieldSnapshot field : fields) {
        if (!names.add(field.name())) {
          throw new IllegalArgumentException(
              "ConfigSchemaSnapshot.Shape has the field '"
                  + field.name()
                  + "' twice; field names must be unique");
        }
      }
    }

    /**
     * Returns the field of the given name.
     *
     * @param name the field's name
     * @return the field, or empty when there is none
     */
    public java.util.Optional<ConfigFieldSnapshot> field(String name) {
      for (ConfigFieldSnapshot field : fields) {
        if (field.name().equals(name)) {
          return java.util.Optional.of(field);
        }
      }
      return java.util.Optional.empty();
    }
  }

  /**
   * A value of the inner type, or null.
   *
   * @param inner the type of a non-null value; not null
   */
  record Noneable(ConfigSchemaSnapshot inner) implements ConfigSchemaSnapshot {
    /** Validates the inner type. */
    public Noneable {
      Checks.require(inner, "ConfigSchemaSnapshot.Noneable", "inner");
    }
  }

  /** Any value, unchecked. */
  record Any() implements ConfigSchemaSnapshot {}
}
