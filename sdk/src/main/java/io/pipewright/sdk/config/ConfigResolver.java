package io.pipewright.sdk.config;

import io.pipewright.sdk.internal.config.EnvResolution;
import io.pipewright.sdk.internal.config.Trees;
import java.util.List;
import java.util.Objects;

/**
 * Resolves environment variable references in config.
 *
 * <p>Any scalar value (string, int, long, float, bool) may be written as {@code {"env": "NAME"}}:
 * the value is then read from the environment variable {@code NAME} when the run executes, and
 * converted to the field's type. {@link ConfigValidator#validate} accepts references without
 * reading them, so run config can be checked where the secrets are not available, and the stored
 * and logged run config keeps the reference, never the secret. Resolve as late as possible, and do
 * not log the resolved tree. Validate before resolving, not after: resolution already converts each
 * variable to its field's type, and validation messages show values, which must never be secrets.
 * References inside {@code any} values are not scalars in the schema, so they are left as written.
 */
public final class ConfigResolver {

  private ConfigResolver() {}

  /**
   * The outcome of resolving env references.
   *
   * @param value the tree with references replaced; meaningless when there are errors
   * @param errors the problems found (unset variables, values of the wrong type); empty on success
   */
  public record Resolution(Object value, List<ConfigError> errors) {
    /** Copies the errors. */
    public Resolution {
      errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
    }

    /**
     * Tells whether every reference was resolved.
     *
     * @return true if there are no errors
     */
    public boolean isSuccess() {
      return errors.isEmpty();
    }
  }

  /**
   * Replaces every env reference at a scalar position of {@code value} with the variable's value,
   * converted to the scalar's type. Error messages name the variable but never show its value.
   * Parts of the tree without references are shared with the input, which is never changed.
   *
   * @param type the type of the value
   * @param value a tree that passed {@link ConfigValidator#validate}
   * @param path the path of the value, prefixed to error paths, for example {@code
   *     resources.db.config}
   * @param env where to read variables
   * @return the resolved tree and the errors
   */
  public static Resolution resolveEnv(ConfigType type, Object value, String path, EnvLookup env) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(env, "env");
    EnvResolution.Result result = EnvResolution.resolve(type, value, path, env);
    return new Resolution(result.value(), result.errors());
  }

  /**
   * Tells whether a value is a well-formed env reference, {@code {"env": "NAME"}} with a non-blank
   * name and no other key.
   *
   * @param value a config value
   * @return true if it is a reference
   */
  public static boolean isEnvReference(Object value) {
    return Trees.envVarName(value) != null;
  }
}
