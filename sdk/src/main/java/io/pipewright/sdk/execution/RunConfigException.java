package io.pipewright.sdk.execution;

import io.pipewright.sdk.config.ConfigError;
import java.util.List;

/**
 * Thrown before a run starts when its config is invalid; carries every error, each with its path.
 */
public class RunConfigException extends IllegalArgumentException {
  private final List<ConfigError> errors;

  /**
   * Creates the exception.
   *
   * @param jobName the job
   * @param errors every error found
   */
  public RunConfigException(String jobName, List<ConfigError> errors) {
    super(render(jobName, errors));
    this.errors = List.copyOf(errors);
  }

  /**
   * Every error found.
   *
   * @return the errors
   */
  public List<ConfigError> errors() {
    return errors;
  }

  private static String render(String jobName, List<ConfigError> errors) {
    StringBuilder sb =
        new StringBuilder("Invalid run config for job '")
            .append(jobName)
            .append("' (")
            .append(errors.size())
            .append(errors.size() == 1 ? " error):" : " errors):");
    for (ConfigError error : errors) {
      sb.append("\n  ").append(error.message());
    }
    return sb.toString();
  }
}
