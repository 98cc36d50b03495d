package io.pipewright.core.launch;

import io.pipewright.core.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link StepLauncher} needs to start one step attempt. The daemon builds it; the launcher
 * treats the command as opaque and only decides where and how it runs.
 *
 * <p>{@link #toString()} never shows environment values: the environment carries the attempt's
 * secret ingest token, and requests end up in log lines and assertion messages.
 *
 * @param attempt the attempt to start; not null
 * @param codeLocation the name of the code location whose code runs the step; non-blank
 * @param image the container image of that code location; null for launchers that run no images
 *     (the local-process launcher)
 * @param command the worker's command line arguments, built by the daemon; not empty
 * @param environment environment variables for the worker, including its per-attempt token; no null
 *     keys or values
 * @param tags the op's tags, from which adapters read per-op platform config (resources, node
 *     selectors); no null keys or values
 */
public record LaunchRequest(
    AttemptId attempt,
    String codeLocation,
    String image,
    List<String> command,
    Map<String, String> environment,
    Map<String, String> tags) {

  /** Validates and copies the components. */
  public LaunchRequest {
    String record = "LaunchRequest";
    Checks.require(attempt, record, "attempt");
    Checks.requireNonBlank(codeLocation, record, attempt, "codeLocation");
    Checks.optionalNonBlank(image, record, attempt, "image");
    command = Checks.list(command, record, attempt, "command");
    if (command.isEmpty()) {
      throw new IllegalArgumentException(
          Checks.where(record, attempt)
              + " needs a command: the worker's arguments, such as [execute-step, ...]");
    }
    environment = Checks.tags(environment, record, attempt, "environment");
    tags = Checks.tags(tags, record, attempt, "tags");
  }

  /**
   * Starts a request for an attempt.
   *
   * @param attempt the attempt to start
   * @param codeLocation the code location's name
   * @return a builder
   */
  public static Builder builder(AttemptId attempt, String codeLocation) {
    return new Builder(attempt, codeLocation);
  }

  /** Shows everything except environment values, which may be secrets. */
  @Override
  public String toString() {
    return "LaunchRequest[attempt="
        + attempt
        + ", codeLocation="
        + codeLocation
        + ", image="
        + image
        + ", command="
        + command
        + ", environment="
        + environment.keySet()
        + " (values hidden), tags="
        + tags
        + "]";
  }

  /** Builds a {@link LaunchRequest}; not thread-safe. */
  public static final class Builder {
    private final AttemptId attempt;
    private final String codeLocation;
    private String image;
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();

    private Builder(AttemptId attempt, String codeLocation) {
      this.attempt = attempt;
      this.codeLocation = codeLocation;
    }

    /**
     * Sets the container image.
     *
     * @param value the image reference, or null for none
     * @return this builder
     */
    public Builder image(String value) {
      this.image = value;
      return this;
    }

    /**
     * Replaces the worker's arguments.
     *
     * @param arguments the arguments, in order
     * @return this builder
     */
    public Builder command(List<String> arguments) {
      command.clear();
      command.addAll(arguments);
      return this;
    }

    /**
     * Adds one environment variable.
     *
     * @param name the variable's name
     * @param value its value (may be a secret)
     * @return this builder
     */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /**
     * Adds tags.
     *
     * @param values the tags to add
     * @return this builder
     */
    public Builder tags(Map<String, String> values) {
      tags.putAll(values);
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalArgumentException when a component is missing or invalid, naming it
     */
    public LaunchRequest build() {
      return new LaunchRequest(attempt, codeLocation, image, command, environment, tags);
    }
  }
}
