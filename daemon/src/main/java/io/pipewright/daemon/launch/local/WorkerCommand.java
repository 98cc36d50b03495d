package io.pipewright.daemon.launch.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a code location's step worker on this machine: the program and its first arguments,
 * to which the daemon appends {@code execute-step --args ...}. For a Quarkus code location app that
 * is {@code java -jar <location>/target/quarkus-app/quarkus-run.jar}.
 *
 * @param command the program and its arguments; not empty
 * @param workingDirectory where the worker runs; null for the daemon's working directory
 * @param environment variables added to the worker's environment (after the inherited ones)
 */
public record WorkerCommand(
    List<String> command, Path workingDirectory, Map<String, String> environment) {

  /** Validates and copies the components. */
  public WorkerCommand {
    Objects.requireNonNull(command, "command must not be null");
    command = List.copyOf(command);
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new IllegalArgumentException(
          "A worker command needs a program, such as [java, -jar, app/quarkus-run.jar]; got "
              + command);
    }
    environment =
        environment == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
  }

  /**
   * A command run in the daemon's working directory, with no extra environment.
   *
   * @param command the program and its arguments
   * @return the command
   */
  public static WorkerCommand of(String... command) {
    return new WorkerCommand(List.of(command), null, Map.of());
  }

  /**
   * Splits a command line on white space (no quoting: put paths with spaces in a script).
   *
   * @param line such as {@code java -jar examples/etl/target/quarkus-app/quarkus-run.jar}
   * @return the words
   */
  public static List<String> split(String line) {
    String trimmed = line == null ? "" : line.strip();
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
  }
}
