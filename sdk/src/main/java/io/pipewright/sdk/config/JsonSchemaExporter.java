package io.pipewright.sdk.config;

import io.pipewright.sdk.internal.config.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exports config types as JSON Schema (draft 2020-12), for editors, the UI and external tools.
 *
 * <p>Shapes forbid unknown properties, optional types accept {@code null}, and every scalar also
 * accepts an env reference {@code {"env": "NAME"}}, through {@code anyOf}. Output is deterministic:
 * keys come in a fixed order and fields in declaration order.
 */
public final class JsonSchemaExporter {

  private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

  private JsonSchemaExporter() {}

  /**
   * Returns the JSON Schema of a config type, as a tree, with {@code $schema} at the top.
   *
   * @param type the config type
   * @return a new, modifiable tree of maps and lists
   */
  public static Map<String, Object> toJsonSchema(ConfigType type) {
    Objects.requireNonNull(type, "type");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", DRAFT);
    root.putAll(schema(type));
    return root;
  }

  /**
   * Returns the JSON Schema of a config type as indented JSON text.
   *
   * @param type the config type
   * @return the JSON text; equal types give equal text
   */
  public static String toJsonSchemaString(ConfigType type) {
    return Json.writePretty(toJsonSchema(type));
  }

  private static Map<String, Object> schema(ConfigType type) {
    Map<String, Object> s = new LinkedHashMap<>();
    if (type instanceof ConfigType.Scalar scalar) {
      s.put("type", jsonType(scalar));
      return orEnvReference(s);
    } else if (type instanceof ConfigType.Noneable noneable) {
      return nullable(noneable.inner());
    } else if (type instanceof ConfigType.EnumType enumType) {
      s.put("type", "string");
      s.put("title", enumType.name());
      s.put("enum", new ArrayList<Object>(enumType.values()));
    } else if (type instanceof ConfigType.Array array) {
      s.put("type", "array");
      s.put("items", schema(array.element()));
    } else if (type instanceof ConfigType.MapType mapType) {
      s.put("type", "object");
      s.put("additionalProperties", schema(mapType.value()));
    } else if (type instanceof ConfigType.Shape shape) {
      shape(shape, s);
    }
    // ConfigType.Any: the empty schema accepts everything.
    return s;
  }

  private static void shape(ConfigType.Shape shape, Map<String, Object> s) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<Object> required = new ArrayList<>();
    for (ConfigField field : shape.fields().values()) {
      Map<String, Object> property = schema(field.type());
      if (field.description() != null) {
        property.put("description", field.description());
      }
      if (field.defaultValue() != null) {
        property.put("default", field.defaultValue());
      }
      properties.put(field.name(), property);
      if (field.required()) {
        required.add(field.name());
      }
    }
    s.put("type", "object");
    s.put("properties", properties);
    if (!required.isEmpty()) {
      s.put("required", required);
    }
    s.put("additionalProperties", false);
  }

  private static Map<String, Object> nullable(ConfigType inner) {
    if (inner instanceof ConfigType.Noneable noneable) {
      return nullable(noneable.inner());
    }
    if (inner instanceof ConfigType.Any) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> s = new LinkedHashMap<>();
    if (inner instanceof ConfigType.Scalar scalar) {
      s.put("type", List.of(jsonType(scalar), "null"));
      return orEnvReference(s);
    }
    s.putAll(schema(inner));
    s.put("type", List.of(s.get("type"), "null"));
    if (inner instanceof ConfigType.EnumType) {
      // "enum" is checked on its own, so null must be listed as an allowed value too.
      List<Object> values = new ArrayList<>((List<?>) s.get("enum"));
      values.add(null);
      s.put("enum", values);
    }
    return s;
  }

  private static Map<String, Object> orEnvReference(Map<String, Object> scalar) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("type", "object");
    env.put("properties", Map.of("env", Map.of("type", "string")));
    env.put("required", List.of("env"));
    env.put("additionalProperties", false);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("anyOf", List.of(scalar, env));
    return s;
  }

  private static String jsonType(ConfigType.Scalar scalar) {
    return switch (scalar.kind()) {
      case STRING -> "string";
      case INT, LONG -> "integer";
      case FLOAT -> "number";
      case BOOL -> "boolean";
    };
  }
}
