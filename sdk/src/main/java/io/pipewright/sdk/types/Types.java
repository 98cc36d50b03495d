package io.pipewright.sdk.types;

/**
 * The built-in {@link DataType}s and the factories for composite and class-based types.
 *
 * <p>Every non-optional type except {@link #ANY} and {@link #NOTHING} rejects null (as Dagster's
 * {@code Int} rejects {@code None}); wrap it in {@link #optional(DataType)} to allow null.
 */
public final class Types {

  /** Accepts every value, null included. Its Java type is {@code Object}. */
  public static final DataType ANY = DataType.any();

  /**
   * No value: the type of order-only dependencies. The value must be null. Its Java type is {@code
   * Void}.
   */
  public static final DataType NOTHING = DataType.nothing();

  /** A {@code String}. */
  public static final DataType STRING =
      DataType.instance("String", "A java.lang.String.", String.class, v -> v instanceof String);

  /** A 32-bit integer: an {@code Integer}, {@code Short} or {@code Byte}. */
  public static final DataType INT =
      DataType.instance(
          "Int",
          "A 32-bit integer: java.lang.Integer, Short or Byte.",
          Integer.class,
          v -> v instanceof Integer || v instanceof Short || v instanceof Byte);

  /** A 64-bit integer: a {@code Long}, {@code Integer}, {@code Short} or {@code Byte}. */
  public static final DataType LONG =
      DataType.instance(
          "Long",
          "A 64-bit integer: java.lang.Long, Integer, Short or Byte.",
          Long.class,
          v ->
              v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte);

  /**
   * A floating-point number: a {@code Double} or {@code Float}. Named {@code Float}, as in Dagster.
   */
  public static final DataType DOUBLE =
      DataType.instance(
          "Float",
          "A floating-point number: java.lang.Double or Float.",
          Double.class,
          v -> v instanceof Double || v instanceof Float);

  /** A {@code Boolean}. Named {@code Bool}, as in Dagster. */
  public static final DataType BOOLEAN =
      DataType.instance("Bool", "A java.lang.Boolean.", Boolean.class, v -> v instanceof Boolean);

  private Types() {}

  /**
   * Returns the type of {@code java.util.List}s whose every element is of type {@code element}. A
   * failed check says which index failed and why.
   *
   * @param element the element type
   * @return e.g. {@code List[Int]}, with Java type {@code List<Integer>}
   * @throws IllegalArgumentException if {@code element} is null or Nothing
   */
  public static DataType list(DataType element) {
    requireValueType(element, "list(element)");
    return DataType.listOf(element);
  }

  /**
   * Returns the type of {@code java.util.Map}s with {@code String} keys whose every value is of
   * type {@code value}.
   *
   * @param value the value type
   * @return e.g. {@code Map[String, Int]}, with Java type {@code Map<String, Integer>}
   * @throws IllegalArgumentException if {@code value} is null or Nothing
   */
  public static DataType map(DataType value) {
    requireValueType(value, "map(value)");
    return DataType.mapOf(value);
  }

  /**
   * Returns the type of values that are null or of type {@code inner}. Types that already accept
   * null ({@link #ANY}, {@link #NOTHING} and optional types) are returned unchanged.
   *
   * @param inner the type of non-null values
   * @return e.g. {@code Optional[Int]}, with the Java type of {@code inner}
   * @throws IllegalArgumentException if {@code inner} is null
   */
  public static DataType optional(DataType inner) {
    if (inner == null) {
      throw new IllegalArgumentException("Types.optional(inner) needs a type, got null");
    }
    if (inner.isOptional() || inner.isAny() || inner.isNothing()) {
      return inner;
    }
    return DataType.optionalOf(inner);
  }

  /**
   * Returns the type of instances of {@code cls} (subclasses included), named by the class's simple
   * name. Use it for records and other classes of your own. Null fails the check.
   *
   * <p>{@code Void} gives {@link #NOTHING}. A primitive class stands for its wrapper ({@code
   * short.class} for {@code Short}); prefer {@link #forClass(Class)}, which maps {@code int} to
   * {@link #INT} and so on.
   *
   * @param cls the class
   * @return e.g. {@code Row} for {@code com.example.Row}
   * @throws IllegalArgumentException if {@code cls} is null
   */
  public static DataType of(Class<?> cls) {
    if (cls == null) {
      throw new IllegalArgumentException("Types.of(cls) needs a class, got null");
    }
    if (cls == Void.class) {
      return NOTHING;
    }
    if (cls.isPrimitive()) {
      DataType builtIn = builtIn(cls);
      if (builtIn != null) {
        return builtIn;
      }
      cls = wrapper(cls);
    }
    Class<?> type = cls;
    String simpleName = type.getSimpleName();
    // Anonymous and local classes have no simple name; the binary name is better than nothing.
    String name = simpleName.isEmpty() ? type.getName() : simpleName;
    return DataType.instance(
        name, "An instance of " + type.getName() + ".", type, type::isInstance);
  }

  /**
   * Returns the type for a Java class: the built-in for {@code String}, {@code Integer}/{@code
   * int}, {@code Long}/{@code long}, {@code Double}/{@code double}, {@code Boolean}/{@code
   * boolean}, {@code Void}/{@code void} (Nothing) and {@code Object} (Any), else {@link
   * #of(Class)}.
   *
   * @param cls the class
   * @return the type
   * @throws IllegalArgumentException if {@code cls} is null
   */
  public static DataType forClass(Class<?> cls) {
    if (cls == null) {
      throw new IllegalArgumentException("Types.forClass(cls) needs a class, got null");
    }
    DataType builtIn = builtIn(cls);
    return builtIn != null ? builtIn : of(cls);
  }

  private static DataType builtIn(Class<?> cls) {
    if (cls == String.class) {
      return STRING;
    } else if (cls == Integer.class || cls == int.class) {
      return INT;
    } else if (cls == Long.class || cls == long.class) {
      return LONG;
    } else if (cls == Double.class || cls == double.class) {
      return DOUBLE;
    } else if (cls == Boolean.class || cls == boolean.class) {
      return BOOLEAN;
    } else if (cls == Void.class || cls == void.class) {
      return NOTHING;
    } else if (cls == Object.class) {
      return ANY;
    }
    return null;
  }

  private static Class<?> wrapper(Class<?> primitive) {
    if (primitive == short.class) {
      return Short.class;
    } else if (primitive == byte.class) {
      return Byte.class;
    } else if (primitive == float.class) {
      return Float.class;
    } else if (primitive == char.class) {
      return Character.class;
    }
    // builtIn(...) handled every other primitive.
    throw new IllegalStateException("Unexpected primitive class " + primitive);
  }

  private static void requireValueType(DataType type, String where) {
    if (type == null) {
      throw new IllegalArgumentException("Types." + where + " needs a type, got null");
    }
    if (type.isNothing()) {
      throw new IllegalArgumentException(
          "Types."
              + where
              + " cannot hold Nothing, which has no values; use Types.ANY or a concrete type");
    }
  }
}
