package io.pipewright.daemon.launch.local;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** How a worker process ended, as the status the launcher reports: its exit code classified. */
final class EndStatuses {

  /**
   * The exit code of {@code execute-step} when its invocation is wrong and the step did not run
   * (see the step worker's exit codes in {@code docs/code-location-server.md}): a configuration
   * error, never retried.
   */
  static final int BAD_INVOCATION = 2;

  private EndStatuses() {}

  /**
   * Classifies an end.
   *
   * @param id the attempt
   * @param location its code location, for messages
   * @param terminated whether the daemon asked to stop it
   * @param code the exit code, or null when unknown
   * @param tail the last log lines
   * @param now the time of the status
   * @return the status
   */
  static AttemptStatus of(
      AttemptId id,
      String location,
      boolean terminated,
      Integer code,
      Supplier<List<String>> tail,
      Instant now) {
    if (terminated) {
      return AttemptStatus.terminated(id, now);
    }
    if (code == null) {
      return AttemptStatus.failed(
          id,
          now,
          AttemptFailureReason.LOST,
          null,
          "the worker process ended without recording its exit code: it was killed together with"
              + " its wrapper shell, or the machine restarted",
          tail.get());
    }
    if (code == 0) {
      return AttemptStatus.succeeded(id, now);
    }
    if (code == BAD_INVOCATION) {
      return AttemptStatus.failed(
          id,
          now,
          AttemptFailureReason.CONFIG_ERROR,
          code,
          "the worker refused its invocation (exit code 2: bad arguments, an unknown job or step,"
              + " invalid run config, definitions that do not load, or the wrong code location);"
              + " launching it again cannot help, its last log lines say what to fix",
          tail.get());
    }
    if (code == 126 || code == 127) {
      return AttemptStatus.failed(
          id,
          now,
          AttemptFailureReason.CONFIG_ERROR,
          code,
          "the worker command of code location '"
              + location
              + "' could not be run (exit code "
              + code
              + (code == 127 ? ": command not found" : ": not executable")
              + "); check pipewright.daemon.locations."
              + location
              + ".worker-command",
          tail.get());
    }
    return AttemptStatus.exited(id, now, code, tail.get());
  }
}
