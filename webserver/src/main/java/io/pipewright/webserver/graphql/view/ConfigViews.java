package io.pipewright.webserver.graphql.view;

import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ConfigFieldSnapshot;
import io.pipewright.core.snapshot.ConfigSchemaSnapshot;
import io.pipewright.webserver.graphql.GqlObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Config schemas and config errors as Dagster's config types ({@code ConfigType} and its kinds) and
 * validation errors ({@code PipelineConfigValidationError} with path and stack). Pure.
 *
 * <p>Type keys follow Dagster's scheme: scalars by name ({@code String}, {@code Int}, {@code
 * Float}, {@code Bool}, {@code Any}; Java's long is an {@code Int}, as Python's int has no bound),
 * {@code Array.<inner>}, {@code Noneable.<inner>}, {@code Map.String.<value>}, enums by name, and
 * shapes as {@code Shape.<hash of their fields>}.
 */
public final class ConfigViews {

  private ConfigViews() {}

  /**
   * Returns a config type's key.
   *
   * @param type the type
   * @return the key
   */
  public static String key(ConfigSchemaSnapshot type) {
    if (type instanceof ConfigSchemaSnapshot.Scalar scalar) {
      return switch (scalar.kind()) {
        case STRING -> "String";
        case INT, LONG -> "Int";
        case FLOAT -> "Float";
        case BOOL -> "Bool";
      };
    }
    if (type instanceof ConfigSchemaSnapshot.EnumType enumType) {
      return enumType.name();
    }
    if (type instanceof ConfigSchemaSnapshot.Array array) {
      return "Array." + key(array.element());
    }
    if (type instanceof ConfigSchemaSnapshot.Noneable noneable) {
      return "Noneable." + key(noneable.inner());
    }
    if (type instanceof ConfigSchemaSnapshot.MapOf map) {
      return "Map.String." + key(map.value());
    }
    if (type instanceof ConfigSchemaSnapshot.Shape shape) {
      StringBuilder description = new StringBuilder();
      for (ConfigFieldSnapshot field : shape.fields()) {
        description
            .append(field.name())
            .append(':')
            .append(key(field.type()))
            .append(':')
            .append(field.required())
            .append(':')
            .append(field.hasDefault() ? Json.write(field.defaultValue()) : "")
            .append(';');
      }
      return "Shape." + sha1(description.toString());
    }
    return "Any";
  }

  /**
   * Returns a config type as a {@code ConfigType} object.
   *
   * @param type the type
   * @return the object
   */
  public static GqlObject type(ConfigSchemaSnapshot type) {
    String key = key(type);
    GqlObject object;
    List<String> params = List.of();
    if (type instanceof ConfigSchemaSnapshot.EnumType enumType) {
      List<GqlObject> values = new ArrayList<>();
      for (String value : enumType.values()) {
        values.add(GqlObject.of("EnumConfigValue").put("value", value).put("description", null));
      }
      object =
          GqlObject.of("EnumConfigType").put("values", values).put("givenName", enumType.name());
    } else if (type instanceof ConfigSchemaSnapshot.Array array) {
      object = GqlObject.of("ArrayConfigType").lazy("ofType", env -> type(array.element()));
      params = List.of(key(array.element()));
    } else if (type instanceof ConfigSchemaSnapshot.Noneable noneable) {
      object = GqlObject.of("NullableConfigType").lazy("ofType", env -> type(noneable.inner()));
      params = List.of(key(noneable.inner()));
    } else if (type instanceof ConfigSchemaSnapshot.MapOf map) {
      ConfigSchemaSnapshot keyType =
          new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.STRING);
      object =
          GqlObject.of("MapConfigType")
              .lazy("keyType", env -> type(keyType))
              .lazy("valueType", env -> type(map.value()))
              .put("keyLabelName", null);
      params = List.of("String", key(map.value()));
    } else if (type instanceof ConfigSchemaSnapshot.Shape shape) {
      object =
          GqlObject.of("CompositeConfigType")
              .lazy(
                  "fields",
                  env -> {
                    List<GqlObject> fields = new ArrayList<>();
                    for (ConfigFieldSnapshot field : shape.fields()) {
                      fields.add(field(field));
                    }
                    return fields;
                  });
    } else {
      object = GqlObject.of("RegularConfigType").put("givenName", key);
    }
    return object
        .put("key", key)
        .put("description", null)
        .put("typeParamKeys", params)
        .put("isSelector", false)
        .lazy("recursiveConfigTypes", env -> nested(type, false));
  }

  /**
   * Returns a field of a shape as a {@code ConfigTypeField}.
   *
   * @param field the field
   * @return the object
   */
  public static GqlObject field(ConfigFieldSnapshot field) {
    return GqlObject.of("ConfigTypeField")
        .put("name", field.name())
        .put("description", field.description())
        .lazy("configType", env -> type(field.type()))
        .put("configTypeKey", key(field.type()))
        .put("isRequired", field.required())
        .put("isSecret", false)
        .put("defaultValueAsJson", field.hasDefault() ? Json.write(field.defaultValue()) : null);
  }

  /**
   * Returns the field that holds a whole config (an op's or a resource's {@code configField}).
   *
   * @param type the config's type
   * @return the field
   */
  public static GqlObject configField(ConfigSchemaSnapshot type) {
    return GqlObject.of("ConfigTypeField")
        .put("name", "config")
        .put("description", null)
        .lazy("configType", env -> type(type))
        .put("configTypeKey", key(type))
        .put("isRequired", requiresValue(type))
        .put("isSecret", false)
        .put("defaultValueAsJson", null);
  }

  /**
   * Returns a type and every type inside it, each key once, the type first.
   *
   * @param root the type
   * @return the types
   */
  public static List<GqlObject> all(ConfigSchemaSnapshot root) {
    return nested(root, true);
  }

  /**
   * Returns a config error as the matching {@code PipelineConfigValidationError}: a missing field
   * as {@code MissingFieldConfigError} (with the field), an unexpected one as {@code
   * FieldNotDefinedConfigError} (at the enclosing path, as Dagster reports it), anything else as
   * {@code RuntimeMismatchConfigError}.
   *
   * @param error the error
   * @param root the config schema it was found against, to look the missing field up
   * @return the object
   */
  public static GqlObject error(ConfigErrorSnapshot error, ConfigSchemaSnapshot root) {
    List<String> path = splitPath(error.path());
    switch (error.reason()) {
      case MISSING_REQUIRED_FIELD -> {
        Optional<ConfigFieldSnapshot> field = missingField(error, root, path);
        if (field.isPresent()) {
          return error("MissingFieldConfigError", error, path, "MISSING_REQUIRED_FIELD")
              .put("field", field(field.get()));
        }
        return error("RuntimeMismatchConfigError", error, path, "MISSING_REQUIRED_FIELD")
            .put("valueRep", null);
      }
      case UNEXPECTED_FIELD -> {
        List<String> parent = path.isEmpty() ? path : path.subList(0, path.size() - 1);
        String name = path.isEmpty() ? "" : path.get(path.size() - 1);
        return error("FieldNotDefinedConfigError", error, parent, "FIELD_NOT_DEFINED")
            .put("fieldName", name);
      }
      default -> {
        return error("RuntimeMismatchConfigError", error, path, "RUNTIME_TYPE_MISMATCH")
            .put("valueRep", null);
      }
    }
  }

  /**
   * Splits a dotted config path ({@code ops.extract.config.items[2]}) into its parts ({@code ops,
   * extract, config, items, 2}).
   *
   * @param path the path; empty for the root
   * @return the parts
   */
  public static List<String> splitPath(String path) {
    List<String> parts = new ArrayList<>();
    if (path == null || path.isEmpty()) {
      return parts;
    }
    for (String segment : path.split("\\.")) {
      int bracket = segment.indexOf('[');
      String name = bracket < 0 ? segment : segment.substring(0, bracket);
      if (!name.isEmpty()) {
        parts.add(name);
      }
      while (bracket >= 0) {
        int close = segment.indexOf(']', bracket);
        if (close < 0) {
          break;
        }
        parts.add(segment.substring(bracket + 1, close));
        bracket = segment.indexOf('[', close);
      }
    }
    return parts;
  }

  /**
   * Tells whether a config of this type must be given (it has required fields).
   *
   * @param type the type
   * @return true when a value is required
   */
  static boolean requiresValue(ConfigSchemaSnapshot type) {
    if (type instanceof ConfigSchemaSnapshot.Shape shape) {
      for (ConfigFieldSnapshot field : shape.fields()) {
        if (field.required()) {
          return true;
        }
      }
      return false;
    }
    return !(type instanceof ConfigSchemaSnapshot.Noneable
        || type instanceof ConfigSchemaSnapshot.Any);
  }

  private static GqlObject error(
      String typeName, ConfigErrorSnapshot error, List<String> path, String reason) {
    List<GqlObject> entries = new ArrayList<>();
    for (String part : path) {
      entries.add(
          isIndex(part)
              ? GqlObject.of("EvaluationStackListItemEntry")
                  .put("listIndex", Integer.parseInt(part))
              : GqlObject.of("EvaluationStackPathEntry").put("fieldName", part));
    }
    return GqlObject.of(typeName)
        .put("message", error.message())
        .put("path", List.copyOf(path))
        .put("stack", GqlObject.of("EvaluationStack").put("entries", entries))
        .put("reason", reason);
  }

  private static boolean isIndex(String part) {
    if (part.isEmpty() || part.length() > 9) {
      return false;
    }
    for (int i = 0; i < part.length(); i++) {
      if (!Character.isDigit(part.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Finds the field a MISSING_REQUIRED_FIELD error names: the shape at the error's path, and the
   * field quoted in its message ({@code missing required field 'name'}).
   */
  private static Optional<ConfigFieldSnapshot> missingField(
      ConfigErrorSnapshot error, ConfigSchemaSnapshot root, List<String> path) {
    String marker = "missing required field '";
    int start = error.message().indexOf(marker);
    if (start < 0 || root == null) {
      return Optional.empty();
    }
    int end = error.message().indexOf('\'', start + marker.length());
    if (end < 0) {
      return Optional.empty();
    }
    String name = error.message().substring(start + marker.length(), end);
    ConfigSchemaSnapshot at = root;
    for (String part : path) {
      at = unwrap(at);
      if (at instanceof ConfigSchemaSnapshot.Shape shape) {
        Optional<ConfigFieldSnapshot> field = shape.field(part);
        if (field.isEmpty()) {
          return Optional.empty();
        }
        at = field.get().type();
      } else if (at instanceof ConfigSchemaSnapshot.Array array) {
        at = array.element();
      } else if (at instanceof ConfigSchemaSnapshot.MapOf map) {
        at = map.value();
      } else {
        return Optional.empty();
      }
    }
    at = unwrap(at);
    return at instanceof ConfigSchemaSnapshot.Shape shape ? shape.field(name) : Optional.empty();
  }

  private static ConfigSchemaSnapshot unwrap(ConfigSchemaSnapshot type) {
    ConfigSchemaSnapshot at = type;
    while (at instanceof ConfigSchemaSnapshot.Noneable noneable) {
      at = noneable.inner();
    }
    return at;
  }

  private static List<GqlObject> nested(ConfigSchemaSnapshot root, boolean includeRoot) {
    Map<String, ConfigSchemaSnapshot> found = new LinkedHashMap<>();
    collect(root, found);
    if (!includeRoot) {
      found.remove(key(root));
    }
    List<GqlObject> types = new ArrayList<>();
    found.values().forEach(t -> types.add(type(t)));
    return types;
  }

  private static void collect(ConfigSchemaSnapshot type, Map<String, ConfigSchemaSnapshot> found) {
    if (found.putIfAbsent(key(type), type) != null) {
      return;
    }
    if (type instanceof ConfigSchemaSnapshot.Array array) {
      collect(array.element(), found);
    } else if (type instanceof ConfigSchemaSnapshot.Noneable noneable) {
      collect(noneable.inner(), found);
    } else if (type instanceof ConfigSchemaSnapshot.MapOf map) {
      collect(new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.STRING), found);
      collect(map.value(), found);
    } else if (type instanceof ConfigSchemaSnapshot.Shape shape) {
      for (ConfigFieldSnapshot field : shape.fields()) {
        collect(field.type(), found);
      }
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-1", e);
    }
  }
}
