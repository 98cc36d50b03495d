package io.pipewright.sdk.config;

/** Why a config value was rejected. These codes are stable: tools and the UI may match on them. */
public enum ConfigErrorReason {
  /** The value has the wrong type, for example a string where an int is expected. */
  WRONG_TYPE,
  /** A required field of a shape is absent. */
  MISSING_REQUIRED_FIELD,
  /** A shape contains a field it does not declare. */
  UNEXPECTED_FIELD,
  /** A string is not one of an enum's values. */
  INVALID_ENUM_VALUE,
  /** An environment variable referenced with {@code {"env": "NAME"}} is not set. */
  MISSING_ENV_VAR,
  /** The value has the right type but is not acceptable, for example a number out of range. */
  INVALID_VALUE
}
