package io.pipewright.sdk.config;

import io.pipewright.sdk.internal.config.Defaults;
import io.pipewright.sdk.internal.config.Validation;
import java.util.List;
import java.util.Objects;

/**
 * Checks config values against their types and fills in defaults.
 *
 * <p>Run config is handled in this order: {@link #validate} the whole tree before anything runs
 * (reporting every problem at once), then {@link #withDefaults}, then {@link
 * ConfigResolver#resolveEnv} just before use, then {@link ConfigMapper#convert} into the user's
 * record.
 */
public final class ConfigValidator {

  private ConfigValidator() {}

  /**
   * Validates a value against a type and returns every problem found.
   *
   * <p>Integers accept any whole number in range, including {@code 10.0}; floats accept any number;
   * strings are never numbers. {@code null} for a shape counts as {@code {}}, and an explicit
   * {@code null} for an optional field counts as leaving it out. Wherever a scalar is expected, an
   * env reference {@code {"env": "NAME"}} is accepted without being read.
   *
   * @param type the expected type
   * @param value the value, a plain tree
   * @param path the path of the value, prefixed to error paths, for example {@code
   *     ops.extract.config}; may be empty
   * @return the errors, in a stable order; empty if the value is valid
   */
  public static List<ConfigError> validate(ConfigType type, Object value, String path) {
    return Validation.validate(Objects.requireNonNull(type, "type"), value, path);
  }

  /**
   * Returns a new tree with the defaults of absent fields filled in, recursively: a shape that may
   * be left out is filled from its own defaults, so {@code {}} becomes fully populated. The input
   * is not changed.
   *
   * @param type the type of the value
   * @param value the value, a plain tree; usually validated first
   * @return a new, modifiable tree
   */
  public static Object withDefaults(ConfigType type, Object value) {
    return Defaults.withDefaults(Objects.requireNonNull(type, "type"), value);
  }
}
