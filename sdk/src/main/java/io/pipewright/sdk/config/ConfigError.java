package io.pipewright.sdk.config;

import java.util.Objects;

/**
 * One problem found in a config value.
 *
 * @param path where the problem is, dotted, with list items as {@code items[2]}; for example {@code
 *     ops.extract.config.limit}
 * @param reason a stable code for the kind of problem
 * @param message the full sentence, starting with the path, for example {@code
 *     ops.extract.config.limit: expected int, got "ten"}
 */
public record ConfigError(String path, ConfigErrorReason reason, String message) {

  /** Checks that no part is null. */
  public ConfigError {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
