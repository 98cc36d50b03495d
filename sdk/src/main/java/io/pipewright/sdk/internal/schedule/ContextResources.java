package io.pipewright.sdk.internal.schedule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/** Copying and typed lookup of the resources handed to schedule and sensor contexts. */
public final class ContextResources {
  private ContextResources() {}

  /** Returns an unmodifiable copy in insertion order, rejecting null keys and values. */
  public static Map<String, Object> copy(Map<String, ?> resources) {
    if (resources == null || resources.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>(resources.size() * 2);
    resources.forEach(
        (key, value) ->
            copy.put(
                Objects.requireNonNull(key, "resource key"),
                Objects.requireNonNull(value, () -> "resource '" + key + "' is null")));
    return Collections.unmodifiableMap(copy);
  }

  /** Returns a resource as a type, with messages that list the keys or name both types. */
  public static <T> T get(Map<String, Object> resources, String key, Class<T> type, String owner) {
    Object value = resources.get(key);
    if (value == null) {
      throw new NoSuchElementException(
          owner
              + " has no resource '"
              + key
              + "'. Resources given: "
              + (resources.isEmpty() ? "none" : String.join(", ", resources.keySet()))
              + ". Pass it when evaluating (the code location gives the definitions' resources)");
    }
    if (!type.isInstance(value)) {
      throw new IllegalStateException(
          "Resource '"
              + key
              + "' of "
              + owner
              + " is a "
              + value.getClass().getName()
              + ", not a "
              + type.getName());
    }
    return type.cast(value);
  }
}
