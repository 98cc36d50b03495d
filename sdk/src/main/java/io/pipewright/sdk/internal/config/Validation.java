package io.pipewright.sdk.internal.config;

import io.pipewright.sdk.config.ConfigError;
import io.pipewright.sdk.config.ConfigErrorReason;
import io.pipewright.sdk.config.ConfigField;
import io.pipewright.sdk.config.ConfigType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a config tree against a {@link ConfigType}, collecting every error rather than stopping at
 * the first, so a user fixes a whole run config in one go.
 */
public final class Validation {

  private enum Integral {
    OK,
    NOT_INTEGER,
    OUT_OF_RANGE
  }

  private Validation() {}

  /** Validates {@code value} against {@code type}; {@code path} prefixes every error's path. */
  public static List<ConfigError> validate(ConfigType type, Object value, String path) {
    List<ConfigError> errors = new ArrayList<>(0);
    walk(type, value, ConfigPath.root(path), errors);
    return List.copyOf(errors);
  }

  /** Joins the messages of several errors into one line. */
  public static String joinMessages(List<ConfigError> errors) {
    StringBuilder sb = new StringBuilder();
    for (ConfigError error : errors) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(error.message());
    }
    return sb.toString();
  }

  /**
   * Tells whether an explicit {@code null} for this field counts as leaving it out: true for
   * optional fields that do not accept null as a value of their own.
   */
  static boolean nullMeansAbsent(ConfigField field) {
    return !field.required() && !(field.type() instanceof ConfigType.Noneable);
  }

  private static void walk(ConfigType type, Object value, ConfigPath path, List<ConfigError> out) {
    if (type instanceof ConfigType.Scalar scalar) {
      scalar(scalar, value, path, out);
    } else if (type instanceof ConfigType.Noneable noneable) {
      if (value != null) {
        walk(noneable.inner(), value, path, out);
      }
    } else if (type instanceof ConfigType.Shape shape) {
      shape(shape, value, path, out);
    } else if (type instanceof ConfigType.EnumType enumType) {
      enumValue(enumType, value, path, out);
    } else if (type instanceof ConfigType.Array array) {
      if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          walk(array.element(), list.get(i), path.index(i), out);
        }
      } else {
        wrongTypeOrEnvNotAllowed(type, value, path, out);
      }
    } else if (type instanceof ConfigType.MapType mapType) {
      mapValue(mapType, value, path, out);
    }
    // ConfigType.Any accepts every value.
  }

  private static void scalar(
      ConfigType.Scalar type, Object value, ConfigPath path, List<ConfigError> out) {
    if (Trees.looksLikeEnvReference(value)) {
      // Checked for shape only: the variable is read later, by the resolver, so run config can be
      // validated where the secrets are not available.
      if (Trees.envVarName(value) == null) {
        out.add(
            error(
                path,
                ConfigErrorReason.INVALID_VALUE,
                "an environment variable reference must be exactly {\"env\": \"NAME\"} with a"
                    + " non-blank name, got "
                    + Trees.render(value)));
      }
      return;
    }
    switch (type.kind()) {
      case STRING -> {
        if (!(value instanceof String)) {
          wrongType(type, value, path, out);
        }
      }
      case BOOL -> {
        if (!(value instanceof Boolean)) {
          wrongType(type, value, path, out);
        }
      }
      case FLOAT -> {
        if (!(value instanceof Number)) {
          wrongType(type, value, path, out);
        }
      }
      case INT -> integral(type, value, Integer.MIN_VALUE, Integer.MAX_VALUE, path, out);
      case LONG -> integral(type, value, Long.MIN_VALUE, Long.MAX_VALUE, path, out);
    }
  }

  private static void integral(
      ConfigType type, Object value, long min, long max, ConfigPath path, List<ConfigError> out) {
    Integral status = integralStatus(value, min, max);
    if (status == Integral.NOT_INTEGER) {
      wrongType(type, value, path, out);
    } else if (status == Integral.OUT_OF_RANGE) {
      out.add(
          error(
              path,
              ConfigErrorReason.INVALID_VALUE,
              Trees.render(value) + " is out of range for " + type.displayName()));
    }
  }

  private static Integral integralStatus(Object value, long min, long max) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      long x = ((Number) value).longValue();
      return x < min || x > max ? Integral.OUT_OF_RANGE : Integral.OK;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d)) {
        return Integral.NOT_INTEGER;
      }
      // (double) max + 1 is exact for int and rounds to 2^63 for long: both are the first value
      // out of range.
      return d < (double) min || d >= (double) max + 1.0 ? Integral.OUT_OF_RANGE : Integral.OK;
    }
    if (value instanceof BigInteger big) {
      return inRange(big, min, max);
    }
    if (value instanceof BigDecimal dec) {
      if (dec.signum() == 0) {
        return Integral.OK;
      }
      BigDecimal stripped = dec.stripTrailingZeros();
      if (stripped.scale() > 0) {
        return Integral.NOT_INTEGER;
      }
      // precision - scale is the number of integer digits; checking it first keeps a value such as
      // 1E1000000000 from being expanded into a huge BigInteger.
      if (stripped.precision() - stripped.scale() > 19) {
        return Integral.OUT_OF_RANGE;
      }
      return inRange(stripped.toBigIntegerExact(), min, max);
    }
    return Integral.NOT_INTEGER;
  }

  private static Integral inRange(BigInteger big, long min, long max) {
    if (big.bitLength() > 63) {
      return Integral.OUT_OF_RANGE;
    }
    long x = big.longValue();
    return x < min || x > max ? Integral.OUT_OF_RANGE : Integral.OK;
  }

  private static void shape(
      ConfigType.Shape shape, Object value, ConfigPath path, List<ConfigError> out) {
    if (value != null && !(value instanceof Map)) {
      wrongType(shape, value, path, out);
      return;
    }
    // null stands for {}, so that a shape whose fields are all optional can be left out.
    Map<?, ?> map = value == null ? Map.of() : (Map<?, ?>) value;
    Map<String, ConfigField> fields = shape.fields();
    if (Trees.envVarName(map) != null && !fields.containsKey(Trees.ENV_KEY)) {
      envNotAllowed(shape, path, out);
      return;
    }
    for (ConfigField field : fields.values()) {
      Object fieldValue = map.get(field.name());
      if (fieldValue == null && (!map.containsKey(field.name()) || nullMeansAbsent(field))) {
        if (field.required()) {
          out.add(
              error(
                  path,
                  ConfigErrorReason.MISSING_REQUIRED_FIELD,
                  "missing required field '"
                      + field.name()
                      + "' ("
                      + field.type().displayName()
                      + ")"));
        }
      } else {
        walk(field.type(), fieldValue, path.field(field.name()), out);
      }
    }
    for (Object key : map.keySet()) {
      if (!(key instanceof String name)) {
        badKey(key, path, out);
      } else if (!fields.containsKey(name)) {
        out.add(
            error(
                path.field(name),
                ConfigErrorReason.UNEXPECTED_FIELD,
                "unexpected field; " + FieldSuggestions.hint(name, fields.keySet(), map)));
      }
    }
  }

  private static void enumValue(
      ConfigType.EnumType type, Object value, ConfigPath path, List<ConfigError> out) {
    if (!(value instanceof String s)) {
      wrongTypeOrEnvNotAllowed(type, value, path, out);
    } else if (!type.values().contains(s)) {
      out.add(
          error(
              path,
              ConfigErrorReason.INVALID_ENUM_VALUE,
              Trees.render(s) + " is not one of " + String.join(", ", type.values())));
    }
  }

  private static void mapValue(
      ConfigType.MapType type, Object value, ConfigPath path, List<ConfigError> out) {
    if (!(value instanceof Map<?, ?> map)) {
      wrongType(type, value, path, out);
      return;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (e.getKey() instanceof String key) {
        walk(type.value(), e.getValue(), path.field(key), out);
      } else {
        badKey(e.getKey(), path, out);
      }
    }
  }

  private static void badKey(Object key, ConfigPath path, List<ConfigError> out) {
    out.add(
        error(
            path,
            ConfigErrorReason.INVALID_VALUE,
            "keys must be strings, got " + Trees.render(key)));
  }

  private static void wrongTypeOrEnvNotAllowed(
      ConfigType type, Object value, ConfigPath path, List<ConfigError> out) {
    if (Trees.looksLikeEnvReference(value)) {
      envNotAllowed(type, path, out);
    } else {
      wrongType(type, value, path, out);
    }
  }

  private static void envNotAllowed(ConfigType type, ConfigPath path, List<ConfigError> out) {
    out.add(
        error(
            path,
            ConfigErrorReason.WRONG_TYPE,
            "an environment variable can only stand for a string, int, long, float or bool, but"
                + " this value must be "
                + type.displayName()));
  }

  private static void wrongType(
      ConfigType type, Object value, ConfigPath path, List<ConfigError> out) {
    out.add(
        error(
            path,
            ConfigErrorReason.WRONG_TYPE,
            "expected " + type.displayName() + ", got " + Trees.render(value)));
  }

  private static ConfigError error(ConfigPath path, ConfigErrorReason reason, String detail) {
    return new ConfigError(path.toString(), reason, path.forMessage() + ": " + detail);
  }
}
