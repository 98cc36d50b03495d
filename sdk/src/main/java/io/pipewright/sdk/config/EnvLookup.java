package io.pipewright.sdk.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where environment variables referenced from config ({@code {"env": "NAME"}}) are read. Tests pass
 * a map; processes use the real environment.
 */
@FunctionalInterface
public interface EnvLookup {

  /**
   * Returns the value of a variable.
   *
   * @param name the variable name
   * @return its value, or empty if it is not set
   */
  Optional<String> get(String name);

  /**
   * Returns a lookup that reads the process environment.
   *
   * @return the system lookup
   */
  static EnvLookup system() {
    return name -> Optional.ofNullable(System.getenv(name));
  }

  /**
   * Returns a lookup that reads a fixed map, copied now.
   *
   * @param values the variables by name
   * @return the lookup
   */
  static EnvLookup of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(Objects.requireNonNull(values, "values"));
    return name -> Optional.ofNullable(copy.get(name));
  }
}
