package io.pipewright.sdk.types;

import io.pipewright.sdk.internal.text.Texts;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A Pipewright type (a Dagster type): a name, the Java type of its values, and a runtime check that
 * op inputs and outputs must pass.
 *
 * <p>Use the built-ins and factories of {@link Types}, or {@link #custom(String, String, Class,
 * Function)} for a check of your own. Instances are immutable and thread-safe. Two types are equal
 * when their {@link #displayName()} and {@link #javaType()} are.
 */
public final class DataType {

  /** How a type checks values; decides the behaviour of {@link #check(Object)}. */
  enum Kind {
    ANY,
    NOTHING,
    /** A value whose class must pass a predicate; null fails. */
    INSTANCE,
    LIST,
    MAP,
    OPTIONAL,
    /** A user function decides, null included. */
    CUSTOM
  }

  /** How many characters of a value a failure description shows. */
  private static final int VALUE_RENDER_MAX = 40;

  private final Kind kind;
  private final String name;
  private final String description;
  private final Type javaType;
  private final String displayName;
  private final DataType inner;
  private final Predicate<Object> instanceTest;
  private final Function<Object, TypeCheck> customCheck;

  private DataType(
      Kind kind,
      String name,
      String description,
      Type javaType,
      String displayName,
      DataType inner,
      Predicate<Object> instanceTest,
      Function<Object, TypeCheck> customCheck) {
    this.kind = kind;
    this.name = name;
    this.description = description;
    this.javaType = javaType;
    this.displayName = displayName;
    this.inner = inner;
    this.instanceTest = instanceTest;
    this.customCheck = customCheck;
  }

  static DataType any() {
    return new DataType(
        Kind.ANY,
        "Any",
        "Accepts any value, null included.",
        Object.class,
        "Any",
        null,
        null,
        null);
  }

  static DataType nothing() {
    return new DataType(
        Kind.NOTHING,
        "Nothing",
        "No value: marks a dependency that only orders execution.",
        Void.class,
        "Nothing",
        null,
        null,
        null);
  }

  static DataType instance(
      String name, String description, Class<?> javaType, Predicate<Object> test) {
    return new DataType(Kind.INSTANCE, name, description, javaType, name, null, test, null);
  }

  static DataType listOf(DataType element) {
    String display = "List[" + element.displayName + "]";
    return new DataType(
        Kind.LIST,
        display,
        "A java.util.List whose every element is of type " + element.displayName + ".",
        new SimpleParameterizedType(List.class, element.javaType),
        display,
        element,
        null,
        null);
  }

  static DataType mapOf(DataType value) {
    String display = "Map[String, " + value.displayName + "]";
    return new DataType(
        Kind.MAP,
        display,
        "A java.util.Map with String keys whose every value is of type " + value.displayName + ".",
        new SimpleParameterizedType(Map.class, String.class, value.javaType),
        display,
        value,
        null,
        null);
  }

  static DataType optionalOf(DataType value) {
    String display = "Optional[" + value.displayName + "]";
    return new DataType(
        Kind.OPTIONAL,
        display,
        "Null, or a value of type " + value.displayName + ".",
        value.javaType,
        display,
        value,
        null,
        null);
  }

  /**
   * Creates a type checked by a function of your own.
   *
   * <p>The function receives every value, null included, and returns {@link TypeCheck#success()} or
   * {@link TypeCheck#failure(String)}. If it throws, or returns null, the check fails with a
   * description naming the problem: the exception never reaches the caller.
   *
   * @param name the type's name, shown in the UI and in messages; non-blank
   * @param description what values of the type are; may be null
   * @param javaType the Java class of the values, used by IO managers to deserialize them
   * @param check the check
   * @return the type
   * @throws IllegalArgumentException if the name is blank or the class or the check is null
   */
  public static DataType custom(
      String name, String description, Class<?> javaType, Function<Object, TypeCheck> check) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "A custom type needs a non-blank name, got "
              + (name == null ? "null" : '"' + name + '"'));
    }
    if (javaType == null) {
      throw new IllegalArgumentException(
          "Custom type '" + name + "' needs the Java class of its values, got null");
    }
    if (check == null) {
      throw new IllegalArgumentException(
          "Custom type '" + name + "' needs a check function, got null");
    }
    return new DataType(Kind.CUSTOM, name, description, javaType, name, null, null, check);
  }

  /**
   * Returns the type's name, e.g. {@code Int} or {@code List[Row]}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns what values of the type are.
   *
   * @return the description; null for custom types created without one
   */
  public String description() {
    return description;
  }

  /**
   * Returns the Java type of the values, for deserializers: a {@link Class} for simple types, a
   * {@link java.lang.reflect.ParameterizedType} such as {@code List<Row>} for lists and maps, and
   * the inner type's for optional types.
   *
   * @return the Java type
   */
  public Type javaType() {
    return javaType;
  }

  /**
   * Returns the name shown to people, e.g. {@code Int}, {@code List[Row]}, {@code Map[String, Int]}
   * or {@code Optional[Int]}.
   *
   * @return the display name
   */
  public String displayName() {
    return displayName;
  }

  /**
   * Tells whether this is {@link Types#NOTHING}, the type of order-only dependencies.
   *
   * @return true for Nothing
   */
  public boolean isNothing() {
    return kind == Kind.NOTHING;
  }

  /**
   * Tells whether this is {@link Types#ANY}.
   *
   * @return true for Any
   */
  public boolean isAny() {
    return kind == Kind.ANY;
  }

  /**
   * Tells whether this type was made by {@link Types#optional(DataType)}.
   *
   * @return true for optional types
   */
  public boolean isOptional() {
    return kind == Kind.OPTIONAL;
  }

  /**
   * Returns the element type of a list, the value type of a map, or the inner type of an optional
   * type.
   *
   * @return the inner type, or null for other types
   */
  public DataType innerType() {
    return inner;
  }

  /**
   * Checks {@code value} against this type. Never throws: a failing custom check becomes a failed
   * {@link TypeCheck}.
   *
   * @param value the value, may be null
   * @return the outcome; {@link TypeCheck#success()} when the value is of the type
   */
  public TypeCheck check(Object value) {
    switch (kind) {
      case ANY:
        return TypeCheck.success();
      case NOTHING:
        return value == null
            ? TypeCheck.success()
            : TypeCheck.failure(
                "Expected Nothing (no value: an order-only dependency), got " + describe(value));
      case OPTIONAL:
        return value == null ? TypeCheck.success() : inner.check(value);
      case CUSTOM:
        return runCustomCheck(value);
      default:
        break;
    }
    if (value == null) {
      return TypeCheck.failure(
          "Value is null; declare the type as Types.optional(" + displayName + ") to allow null");
    }
    switch (kind) {
      case LIST:
        return checkList(value);
      case MAP:
        return checkMap(value);
      default:
        return instanceTest.test(value) ? TypeCheck.success() : expected(value);
    }
  }

  private TypeCheck runCustomCheck(Object value) {
    TypeCheck result;
    try {
      result = customCheck.apply(value);
    } catch (Exception e) { // Exception, not RuntimeException: a sneaky-thrown checked one too.
      return TypeCheck.failure(
          "Type check of "
              + displayName
              + " threw "
              + e.getClass().getName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    if (result == null) {
      return TypeCheck.failure(
          "Type check of "
              + displayName
              + " returned null; it must return TypeCheck.success() or TypeCheck.failure(...)");
    }
    return result;
  }

  private TypeCheck checkList(Object value) {
    if (!(value instanceof List<?> list)) {
      return expected(value);
    }
    if (inner.kind == Kind.ANY) {
      return TypeCheck.success();
    }
    if (list instanceof RandomAccess) {
      // Indexed loop: no iterator allocation on the hot path.
      for (int i = 0, n = list.size(); i < n; i++) {
        TypeCheck element = inner.check(list.get(i));
        if (!element.passed()) {
          return elementFailure(i, element);
        }
      }
    } else {
      Iterator<?> it = list.iterator();
      for (int i = 0; it.hasNext(); i++) {
        TypeCheck element = inner.check(it.next());
        if (!element.passed()) {
          return elementFailure(i, element);
        }
      }
    }
    return TypeCheck.success();
  }

  private TypeCheck elementFailure(int index, TypeCheck element) {
    return TypeCheck.failure(
        "Element at index " + index + " of " + displayName + ": " + element.description(),
        element.metadata());
  }

  private TypeCheck checkMap(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return expected(value);
    }
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey();
      if (!(key instanceof String)) {
        return TypeCheck.failure(
            "Key "
                + describe(key)
                + " of "
                + displayName
                + " is not a String; maps must have String keys");
      }
      TypeCheck entryCheck = inner.check(entry.getValue());
      if (!entryCheck.passed()) {
        return TypeCheck.failure(
            "Value for key "
                + Texts.renderValue(key, VALUE_RENDER_MAX)
                + " of "
                + displayName
                + ": "
                + entryCheck.description(),
            entryCheck.metadata());
      }
    }
    return TypeCheck.success();
  }

  private TypeCheck expected(Object value) {
    return TypeCheck.failure("Expected " + displayName + ", got " + describe(value));
  }

  /** Renders e.g. {@code java.lang.String ("ten")}, short enough for one log line. */
  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    return value.getClass().getName() + " (" + Texts.renderValue(value, VALUE_RENDER_MAX) + ")";
  }

  /**
   * Tells whether an output of type {@code upstream} may be wired into an input of this type: true
   * when both have the same display name, when either is Any, when this is the optional form of
   * {@code upstream}, or when this is Nothing (an order-only dependency ignores the value).
   *
   * @param upstream the type of the upstream output
   * @return true when the wiring is allowed
   * @throws IllegalArgumentException if {@code upstream} is null
   */
  public boolean accepts(DataType upstream) {
    if (upstream == null) {
      throw new IllegalArgumentException("accepts(upstream) needs the upstream type, got null");
    }
    return displayName.equals(upstream.displayName)
        || kind == Kind.ANY
        || upstream.kind == Kind.ANY
        || kind == Kind.NOTHING
        || (kind == Kind.OPTIONAL && inner.displayName.equals(upstream.displayName));
  }

  /**
   * Tells whether {@code o} is a type with the same display name and Java type.
   *
   * @param o the other object
   * @return true when equal
   */
  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof DataType other
            && displayName.equals(other.displayName)
            && javaType.equals(other.javaType));
  }

  /**
   * Returns a hash code consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return 31 * displayName.hashCode() + javaType.hashCode();
  }

  /**
   * Returns the {@link #displayName()}.
   *
   * @return the display name
   */
  @Override
  public String toString() {
    return displayName;
  }
}
