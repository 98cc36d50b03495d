package io.pipewright.sdk.internal.config;

import io.pipewright.sdk.config.ConfigDefault;
import io.pipewright.sdk.config.ConfigDescription;
import io.pipewright.sdk.config.ConfigError;
import io.pipewright.sdk.config.ConfigField;
import io.pipewright.sdk.config.ConfigOptional;
import io.pipewright.sdk.config.ConfigType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives config shapes from records.
 *
 * <p>Reflection is the only way to read a record's components, their generic types and their
 * annotations at run time; it runs once per record class and the result is cached. In a native
 * image the config records must be registered for reflection; the code-location server does that at
 * build time for every record its definitions use as config.
 */
public final class RecordSchemas {

  private static final String SUPPORTED =
      "use String, numbers, booleans, enums, records, List, Map<String, ...> or Optional";

  private static final Map<Class<?>, ConfigType.Shape> CACHE = new ConcurrentHashMap<>();

  /** The classes being derived, to catch records that contain themselves. */
  private final Set<Class<?>> inProgress = new HashSet<>();

  private final List<String> errors = new ArrayList<>();

  private RecordSchemas() {}

  /** Derives (or returns the cached) shape of a record class; throws listing every problem. */
  public static ConfigType.Shape fromRecord(Class<?> type) {
    ConfigType.Shape cached = CACHE.get(type);
    if (cached != null) {
      return cached;
    }
    if (!type.isRecord()) {
      throw new IllegalArgumentException(
          type.getName()
              + " is not a record; config types are derived from records, for example"
              + " record ExtractConfig(int limit) {}");
    }
    RecordSchemas derivation = new RecordSchemas();
    ConfigType.Shape shape = derivation.record(type);
    if (!derivation.errors.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot derive a config schema from "
              + type.getName()
              + " ("
              + derivation.errors.size()
              + (derivation.errors.size() == 1 ? " problem" : " problems")
              + "):\n  "
              + String.join("\n  ", derivation.errors));
    }
    return shape;
  }

  private ConfigType.Shape record(Class<?> type) {
    ConfigType.Shape cached = CACHE.get(type);
    if (cached != null) {
      return cached;
    }
    inProgress.add(type);
    int errorsBefore = errors.size();
    List<ConfigField> fields = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      ConfigField field = field(type, component);
      if (field != null) {
        fields.add(field);
      }
    }
    inProgress.remove(type);
    if (errors.size() > errorsBefore) {
      return null;
    }
    ConfigType.Shape shape = ConfigType.shape(fields);
    // Not computeIfAbsent: derivation recurses into nested records, which would update the map from
    // inside its own mapping function. Racing threads derive equal shapes, so either one may win.
    ConfigType.Shape raced = CACHE.putIfAbsent(type, shape);
    return raced == null ? shape : raced;
  }

  private ConfigField field(Class<?> record, RecordComponent component) {
    Type generic = component.getGenericType();
    Class<?> raw = component.getType();
    Site site = new Site(record, component.getName(), generic);
    boolean optionalWrapper = isOptionalWrapper(raw);
    ConfigType type = typeOf(generic, site);
    if (type == null) {
      return null;
    }
    ConfigDefault defaultAnnotation = component.getAnnotation(ConfigDefault.class);
    boolean markedOptional = component.isAnnotationPresent(ConfigOptional.class);
    if (markedOptional && raw.isPrimitive()) {
      site.error(
          "a primitive "
              + raw.getName()
              + " cannot be left out; use "
              + boxedName(raw)
              + " with @ConfigOptional, Optional<"
              + boxedName(raw)
              + ">, or @ConfigDefault");
      return null;
    }
    Object defaultValue = null;
    if (defaultAnnotation != null) {
      defaultValue = parseDefault(defaultAnnotation.value(), type, site);
      if (defaultValue == null) {
        return null;
      }
    }
    boolean omittableShape = type instanceof ConfigType.Shape s && !s.hasRequiredFields();
    boolean required =
        defaultValue == null && !optionalWrapper && !markedOptional && !omittableShape;
    ConfigField field = new ConfigField(component.getName(), type, required, defaultValue, null);
    ConfigDescription description = component.getAnnotation(ConfigDescription.class);
    return description == null ? field : field.describedAs(description.value());
  }

  private Object parseDefault(String json, ConfigType type, Site site) {
    Object value;
    try {
      value = Json.parse(json);
    } catch (IllegalArgumentException e) {
      site.error(
          "@ConfigDefault("
              + Trees.render(json)
              + ") is not valid JSON ("
              + e.getMessage()
              + "); write the default as JSON, for example @ConfigDefault(\"10\") or"
              + " @ConfigDefault(\"\\\"text\\\"\")");
      return null;
    }
    if (value == null) {
      site.error(
          "@ConfigDefault(\"null\") is not a default; use Optional or @ConfigOptional to let the"
              + " value be left out");
      return null;
    }
    List<ConfigError> problems = Validation.validate(type, value, site.component);
    if (!problems.isEmpty()) {
      site.error(
          "@ConfigDefault("
              + Trees.render(json)
              + ") does not match type "
              + type.displayName()
              + ": "
              + Validation.joinMessages(problems));
      return null;
    }
    return value;
  }

  private ConfigType typeOf(Type type, Site site) {
    if (type instanceof Class<?> c) {
      return classType(c, site);
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class || raw == Set.class || raw == Collection.class) {
        ConfigType element = typeOf(args[0], site);
        return element == null ? null : ConfigType.array(element);
      }
      if (raw == Map.class) {
        if (args[0] != String.class) {
          return site.unsupported(type, "map keys must be String");
        }
        ConfigType value = typeOf(args[1], site);
        return value == null ? null : ConfigType.map(value);
      }
      if (raw == Optional.class) {
        ConfigType inner = typeOf(args[0], site);
        return inner == null ? null : ConfigType.noneable(inner);
      }
      return site.unsupported(type, null);
    }
    if (type instanceof WildcardType w && w.getLowerBounds().length == 0) {
      return typeOf(w.getUpperBounds()[0], site);
    }
    if (type instanceof GenericArrayType g) {
      ConfigType element = typeOf(g.getGenericComponentType(), site);
      return element == null ? null : ConfigType.array(element);
    }
    if (type instanceof TypeVariable<?>) {
      return site.unsupported(type, "config records cannot be generic");
    }
    return site.unsupported(type, null);
  }

  private ConfigType classType(Class<?> c, Site site) {
    if (c == String.class) {
      return ConfigType.string();
    } else if (c == int.class || c == Integer.class) {
      return ConfigType.intType();
    } else if (c == long.class || c == Long.class) {
      return ConfigType.longType();
    } else if (c == double.class
        || c == Double.class
        || c == float.class
        || c == Float.class
        || c == BigDecimal.class) {
      return ConfigType.floatType();
    } else if (c == boolean.class || c == Boolean.class) {
      return ConfigType.bool();
    } else if (c == OptionalInt.class) {
      return ConfigType.noneable(ConfigType.intType());
    } else if (c == OptionalLong.class) {
      return ConfigType.noneable(ConfigType.longType());
    } else if (c == OptionalDouble.class) {
      return ConfigType.noneable(ConfigType.floatType());
    } else if (c == Object.class) {
      return ConfigType.any();
    } else if (c.isEnum()) {
      return ConfigType.enumOf(
          c.getSimpleName(),
          Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList());
    } else if (c.isArray()) {
      ConfigType element = typeOf(c.getComponentType(), site);
      return element == null ? null : ConfigType.array(element);
    } else if (c.isRecord()) {
      if (inProgress.contains(c)) {
        return site.unsupported(c, "a config record cannot contain itself");
      }
      return record(c);
    } else if (c == List.class
        || c == Set.class
        || c == Collection.class
        || c == Map.class
        || c == Optional.class) {
      return site.unsupported(c, "give its type arguments, for example List<String>");
    }
    return site.unsupported(c, null);
  }

  private static boolean isOptionalWrapper(Class<?> raw) {
    return raw == Optional.class
        || raw == OptionalInt.class
        || raw == OptionalLong.class
        || raw == OptionalDouble.class;
  }

  private static String boxedName(Class<?> primitive) {
    if (primitive == int.class) {
      return "Integer";
    }
    if (primitive == char.class) {
      return "Character";
    }
    String name = primitive.getName();
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** One record component being derived: names it in every error. */
  private final class Site {
    private final Class<?> record;
    private final String component;
    private final Type declared;

    Site(Class<?> record, String component, Type declared) {
      this.record = record;
      this.component = component;
      this.declared = declared;
    }

    void error(String problem) {
      errors.add(
          "Config record " + record.getName() + ", component '" + component + "': " + problem);
    }

    ConfigType unsupported(Type type, String why) {
      StringBuilder sb = new StringBuilder("type ").append(type.getTypeName());
      if (!type.equals(declared)) {
        sb.append(" (in ").append(declared.getTypeName()).append(')');
      }
      sb.append(" is not a config type");
      if (why != null) {
        sb.append(" (").append(why).append(')');
      }
      error(sb.append("; ").append(SUPPORTED).toString());
      return null;
    }
  }
}
