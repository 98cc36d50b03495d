package io.pipewright.sdk;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The input values of one op invocation, by input name. Values have passed their type checks. */
public interface Inputs {

  /**
   * The value of an input.
   *
   * @param name the input's name
   * @return its value (may be {@code null} for optional types)
   * @throws IllegalArgumentException when the op has no input of that name
   */
  Object get(String name);

  /**
   * The value of an input, cast to a type.
   *
   * @param name the input's name
   * @param type the expected class
   * @param <T> the expected type
   * @return the value
   * @throws IllegalArgumentException when the op has no such input or the value is of another class
   */
  default <T> T get(String name, Class<T> type) {
    Object value = get(name);
    if (value != null && !type.isInstance(value)) {
      throw new IllegalArgumentException(
          "Input '"
              + name
              + "' holds a "
              + value.getClass().getName()
              + ", not a "
              + type.getName()
              + ".");
    }
    return type.cast(value);
  }

  /**
   * A string input.
   *
   * @param name the input's name
   * @return the value
   */
  default String getString(String name) {
    return get(name, String.class);
  }

  /**
   * An int input.
   *
   * @param name the input's name
   * @return the value
   */
  default int getInt(String name) {
    return get(name, Number.class).intValue();
  }

  /**
   * A long input.
   *
   * @param name the input's name
   * @return the value
   */
  default long getLong(String name) {
    return get(name, Number.class).longValue();
  }

  /**
   * A double input.
   *
   * @param name the input's name
   * @return the value
   */
  default double getDouble(String name) {
    return get(name, Number.class).doubleValue();
  }

  /**
   * A boolean input.
   *
   * @param name the input's name
   * @return the value
   */
  default boolean getBoolean(String name) {
    return get(name, Boolean.class);
  }

  /**
   * A list input whose elements are of a given class.
   *
   * @param name the input's name
   * @param elementType the elements' class
   * @param <T> the elements' type
   * @return the list
   */
  @SuppressWarnings("unchecked")
  default <T> List<T> getList(String name, Class<T> elementType) {
    List<?> list = get(name, List.class);
    for (Object element : list) {
      if (element != null && !elementType.isInstance(element)) {
        throw new IllegalArgumentException(
            "Input '"
                + name
                + "' holds a "
                + element.getClass().getName()
                + " element, not a "
                + elementType.getName()
                + ".");
      }
    }
    return (List<T>) list;
  }

  /**
   * The names of the inputs that hold a value.
   *
   * @return the names
   */
  Set<String> names();

  /**
   * The inputs as a map.
   *
   * @return an unmodifiable map of name to value
   */
  Map<String, Object> asMap();
}
