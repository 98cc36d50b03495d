package io.pipewright.core.launch;

import io.pipewright.core.internal.Checks;
import java.time.Instant;
import java.util.List;

/**
 * One status of a step attempt as its launcher sees it: the platform's facts (a process exited with
 * code 3, a pod was evicted), never a decision. Built with the named factories.
 *
 * <p>A launcher reports each attempt's phases in order; the daemon also reads the worker's events,
 * which may overtake these reports, and reconciles both (see {@code RunProgress}).
 *
 * @param attempt the attempt; not null
 * @param phase where the attempt is; not null
 * @param observedAt when the launcher observed this status; not null
 * @param reason for {@link Phase#FAILED}, why; null otherwise
 * @param exitCode the process's exit code when it exited; null when it did not run or is running
 * @param message the platform's explanation (a container's termination message, an event's text);
 *     null when there is none
 * @param lastLogLines the last lines the attempt wrote, oldest first, for failure messages; empty
 *     when unknown
 */
public record AttemptStatus(
    AttemptId attempt,
    Phase phase,
    Instant observedAt,
    AttemptFailureReason reason,
    Integer exitCode,
    String message,
    List<String> lastLogLines) {

  /** Where an attempt is, as its launcher sees it. */
  public enum Phase {
    /** Accepted by the platform, not running yet (pulling its image, waiting for a node). */
    PENDING,
    /** Its process is running. */
    RUNNING,
    /** Its process exited with code 0. */
    SUCCEEDED,
    /** It ended without succeeding, or could not start; {@link #reason()} says why. */
    FAILED,
    /** It was stopped because {@link StepLauncher#terminate} asked for it. */
    TERMINATED;

    /**
     * Tells whether the attempt's process has ended (or will never run).
     *
     * @return true for {@link #SUCCEEDED}, {@link #FAILED} and {@link #TERMINATED}
     */
    public boolean isEnded() {
      return this == SUCCEEDED || this == FAILED || this == TERMINATED;
    }
  }

  /** Validates and copies the components. */
  public AttemptStatus {
    String record = "AttemptStatus";
    Checks.require(attempt, record, "attempt");
    Checks.require(phase, record, attempt, "phase");
    Checks.require(observedAt, record, attempt, "observedAt");
    if ((phase == Phase.FAILED) != (reason != null)) {
      throw new IllegalArgumentException(
          Checks.where(record, attempt)
              + (reason == null
                  ? " is FAILED and needs a reason"
                  : " is " + phase + " and must not have a failure reason (only FAILED has one)"));
    }
    lastLogLines = Checks.list(lastLogLines, record, attempt, "lastLogLines");
  }

  /**
   * The platform accepted the attempt; it is not running yet.
   *
   * @param attempt the attempt
   * @param at when observed
   * @return the status
   */
  public static AttemptStatus pending(AttemptId attempt, Instant at) {
    return new AttemptStatus(attempt, Phase.PENDING, at, null, null, null, List.of());
  }

  /**
   * The attempt's process is running.
   *
   * @param attempt the attempt
   * @param at when observed
   * @return the status
   */
  public static AttemptStatus running(AttemptId attempt, Instant at) {
    return new AttemptStatus(attempt, Phase.RUNNING, at, null, null, null, List.of());
  }

  /**
   * The attempt's process exited with code 0.
   *
   * @param attempt the attempt
   * @param at when observed
   * @return the status
   */
  public static AttemptStatus succeeded(AttemptId attempt, Instant at) {
    return new AttemptStatus(attempt, Phase.SUCCEEDED, at, null, 0, null, List.of());
  }

  /**
   * The attempt's process exited with a non-zero code ({@link AttemptFailureReason#NON_ZERO_EXIT}).
   *
   * @param attempt the attempt
   * @param at when observed
   * @param exitCode the exit code
   * @param lastLogLines the last lines it wrote, oldest first
   * @return the status
   */
  public static AttemptStatus exited(
      AttemptId attempt, Instant at, int exitCode, List<String> lastLogLines) {
    return new AttemptStatus(
        attempt,
        Phase.FAILED,
        at,
        AttemptFailureReason.NON_ZERO_EXIT,
        exitCode,
        "exited with code " + exitCode,
        lastLogLines);
  }

  /**
   * The attempt ended without succeeding, or could not start.
   *
   * @param attempt the attempt
   * @param at when observed
   * @param reason why
   * @param exitCode the exit code when its process exited, else null
   * @param message the platform's explanation, or null
   * @param lastLogLines the last lines it wrote, oldest first; may be empty
   * @return the status
   */
  public static AttemptStatus failed(
      AttemptId attempt,
      Instant at,
      AttemptFailureReason reason,
      Integer exitCode,
      String message,
      List<String> lastLogLines) {
    return new AttemptStatus(attempt, Phase.FAILED, at, reason, exitCode, message, lastLogLines);
  }

  /**
   * The attempt was stopped on request.
   *
   * @param attempt the attempt
   * @param at when observed
   * @return the status
   */
  public static AttemptStatus terminated(AttemptId attempt, Instant at) {
    return new AttemptStatus(attempt, Phase.TERMINATED, at, null, null, null, List.of());
  }
}
