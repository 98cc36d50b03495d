package io.pipewright.sdk.internal.config;

import io.pipewright.sdk.config.ConfigError;
import io.pipewright.sdk.config.ConfigErrorReason;
import io.pipewright.sdk.config.ConfigType;
import io.pipewright.sdk.config.EnvLookup;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Replaces {@code {"env": "NAME"}} references at scalar positions with the variable's value,
 * converted to the scalar's type. Messages name the variable, never its value: env variables hold
 * secrets, and these messages end up in run logs.
 */
public final class EnvResolution {

  private final EnvLookup env;
  private final List<ConfigError> errors = new ArrayList<>(0);

  private EnvResolution(EnvLookup env) {
    this.env = env;
  }

  /** The outcome of resolving a tree: the resolved value and the errors found. */
  public record Result(Object value, List<ConfigError> errors) {}

  /**
   * Resolves every reference in {@code value}. Parts of the tree that hold no reference are shared
   * with the input, not copied; the input is never changed.
   */
  public static Result resolve(ConfigType type, Object value, String path, EnvLookup env) {
    EnvResolution resolution = new EnvResolution(env);
    Object resolved = resolution.walk(type, value, ConfigPath.root(path));
    return new Result(resolved, List.copyOf(resolution.errors));
  }

  private Object walk(ConfigType type, Object value, ConfigPath path) {
    if (type instanceof ConfigType.Scalar scalar) {
      String name = Trees.envVarName(value);
      return name == null ? value : read(scalar, name, value, path);
    }
    if (type instanceof ConfigType.Noneable noneable) {
      return value == null ? null : walk(noneable.inner(), value, path);
    }
    if (type instanceof ConfigType.Shape shape && value instanceof Map<?, ?> map) {
      return walkMap(map, key -> fieldType(shape, key), path);
    }
    if (type instanceof ConfigType.MapType mapType && value instanceof Map<?, ?> map) {
      return walkMap(map, key -> mapType.value(), path);
    }
    if (type instanceof ConfigType.Array array && value instanceof List<?> list) {
      List<Object> copy = null;
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        Object resolved = walk(array.element(), item, path.index(i));
        if (resolved != item && copy == null) {
          copy = new ArrayList<>(list.subList(0, i));
        }
        if (copy != null) {
          copy.add(resolved);
        }
      }
      return copy == null ? value : copy;
    }
    return value;
  }

  private static ConfigType fieldType(ConfigType.Shape shape, Object key) {
    var field = shape.fields().get(key);
    return field == null ? null : field.type();
  }

  private Object walkMap(Map<?, ?> map, Function<Object, ConfigType> typeOf, ConfigPath path) {
    Map<Object, Object> copy = null;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      ConfigType childType = typeOf.apply(e.getKey());
      Object child = e.getValue();
      Object resolved =
          childType == null || !(e.getKey() instanceof String key)
              ? child
              : walk(childType, child, path.field(key));
      if (resolved != child && copy == null) {
        copy = new LinkedHashMap<>(map);
      }
      if (copy != null) {
        copy.put(e.getKey(), resolved);
      }
    }
    return copy == null ? map : copy;
  }

  private Object read(ConfigType.Scalar type, String name, Object reference, ConfigPath path) {
    Optional<String> text = env.get(name);
    if (text.isEmpty()) {
      errors.add(
          new ConfigError(
              path.toString(),
              ConfigErrorReason.MISSING_ENV_VAR,
              path.forMessage() + ": environment variable " + name + " is not set"));
      return reference;
    }
    Object converted = convert(type.kind(), text.get());
    if (converted == null) {
      errors.add(
          new ConfigError(
              path.toString(),
              ConfigErrorReason.INVALID_VALUE,
              path.forMessage()
                  + ": environment variable "
                  + name
                  + " does not hold a valid "
                  + type.displayName()
                  + hint(type.kind())));
      return reference;
    }
    return converted;
  }

  private static String hint(ConfigType.ScalarKind kind) {
    return switch (kind) {
      case INT, LONG -> " (a whole number)";
      case FLOAT -> " (a number)";
      case BOOL -> " (true or false)";
      case STRING -> "";
    };
  }

  /** Converts the variable's text, or returns null if it does not fit the type. */
  private static Object convert(ConfigType.ScalarKind kind, String text) {
    try {
      return switch (kind) {
        case STRING -> text;
        case INT -> Integer.parseInt(text.strip());
        case LONG -> Long.parseLong(text.strip());
        case FLOAT -> {
          // BigDecimal's grammar is JSON's, unlike Double.parseDouble's ("1f", "NaN", "0x1p3").
          double d = new BigDecimal(text.strip()).doubleValue();
          yield Double.isInfinite(d) ? null : d;
        }
        case BOOL -> {
          String s = text.strip();
          yield s.equalsIgnoreCase("true")
              ? Boolean.TRUE
              : s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        }
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
