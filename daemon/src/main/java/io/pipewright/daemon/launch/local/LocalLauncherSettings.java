package io.pipewright.daemon.launch.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of {@link LocalProcessStepLauncher}.
 *
 * @param locations the worker command of each code location this daemon can run steps of
 * @param stateDirectory where the launcher records each attempt's process and exit code, so that a
 *     restarted daemon recognizes the attempts it launched; not null
 * @param terminateGracePeriod how long a terminated worker may take to stop after SIGTERM before it
 *     is killed
 * @param lastLogLines how many of an attempt's last standard-error lines a failure status carries
 * @param inheritedEnvironment the daemon's environment variables a worker inherits (the daemon's
 *     own secrets, such as database credentials, must not reach user code)
 * @param terminateOnClose whether closing the launcher stops the workers still running (a local
 *     deployment stopping); false leaves them to a daemon that takes over
 */
public record LocalLauncherSettings(
    Map<String, WorkerCommand> locations,
    Path stateDirectory,
    Duration terminateGracePeriod,
    int lastLogLines,
    List<String> inheritedEnvironment,
    boolean terminateOnClose) {

  /** The variables a worker inherits by default: what a JVM needs to start, nothing secret. */
  public static final List<String> DEFAULT_INHERITED_ENVIRONMENT =
      List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "JAVA_HOME");

  /** Validates and copies the components. */
  public LocalLauncherSettings {
    locations =
        locations == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(locations));
    Objects.requireNonNull(stateDirectory, "stateDirectory must not be null");
    if (terminateGracePeriod == null || terminateGracePeriod.isNegative()) {
      throw new IllegalArgumentException(
          "terminateGracePeriod must be zero or positive, got " + terminateGracePeriod);
    }
    if (lastLogLines < 0) {
      throw new IllegalArgumentException("lastLogLines must be 0 or more, got " + lastLogLines);
    }
    inheritedEnvironment =
        inheritedEnvironment == null
            ? DEFAULT_INHERITED_ENVIRONMENT
            : List.copyOf(inheritedEnvironment);
  }

  /**
   * Settings with defaults: a 10 s grace period, 20 log lines, the default inherited variables,
   * workers left running on close.
   *
   * @param locations the worker command per code location
   * @param stateDirectory the state directory
   * @return the settings
   */
  public static LocalLauncherSettings of(
      Map<String, WorkerCommand> locations, Path stateDirectory) {
    return new LocalLauncherSettings(
        locations,
        stateDirectory,
        Duration.ofSeconds(10),
        20,
        DEFAULT_INHERITED_ENVIRONMENT,
        false);
  }
}
