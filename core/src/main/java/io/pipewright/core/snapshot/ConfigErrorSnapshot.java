package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/**
 * One problem found in a run config (the sdk's {@code ConfigError}).
 *
 * @param path where the problem is, dotted, with list items as {@code items[2]}, for example {@code
 *     ops.extract.config.limit}; not null (empty for the root)
 * @param reason a stable code for the kind of problem; not null
 * @param message the full sentence, starting with the path; non-blank
 */
public record ConfigErrorSnapshot(String path, Reason reason, String message) {

  /** Why a config value was rejected (the sdk's {@code ConfigErrorReason}); codes are stable. */
  public enum Reason {
    /** The value has the wrong type. */
    WRONG_TYPE,
    /** A required field of a shape is absent. */
    MISSING_REQUIRED_FIELD,
    /** A shape contains a field it does not declare. */
    UNEXPECTED_FIELD,
    /** A string is not one of an enum's values. */
    INVALID_ENUM_VALUE,
    /** An environment variable referenced with {@code {"env": "NAME"}} is not set. */
    MISSING_ENV_VAR,
    /** The value has the right type but is not acceptable. */
    INVALID_VALUE
  }

  /** Validates the components. */
  public ConfigErrorSnapshot {
    Checks.require(path, "ConfigErrorSnapshot", "path");
    Checks.require(reason, "ConfigErrorSnapshot", "reason");
    Checks.requireNonBlank(message, "ConfigErrorSnapshot", "message");
  }
}
