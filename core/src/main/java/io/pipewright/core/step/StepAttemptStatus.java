package io.pipewright.core.step;

/**
 * Where one step attempt is, as the daemon tracks it from the worker's events and the launcher's
 * reports. Which status may follow which is decided by {@link StepAttemptStateMachine}.
 */
public enum StepAttemptStatus {
  /**
   * The daemon decided to launch the attempt and recorded it ({@code STEP_WORKER_STARTING}); the
   * launcher has not confirmed it yet.
   */
  PENDING_LAUNCH,

  /** The launcher created the attempt (process spawned, pod accepted); it is not running yet. */
  LAUNCHED,

  /** The attempt's process runs, or its worker reported {@code STEP_START}. */
  RUNNING,

  /**
   * The launcher reported that the process ended, but the worker's final event has not been read
   * yet. The daemon waits a grace period for it before deciding the outcome itself.
   */
  EXITED,

  /** The daemon asked the launcher to stop the attempt (the run is being canceled). */
  TERMINATING,

  /** The worker reported {@code STEP_SUCCESS}. Terminal. */
  SUCCEEDED,

  /**
   * The attempt failed and the step will not be retried: the worker reported {@code STEP_FAILURE},
   * or the daemon decided so after a crash without one. Terminal.
   */
  FAILED,

  /**
   * The attempt failed and the step will be retried under the op's retry policy ({@code
   * STEP_UP_FOR_RETRY}, from the worker or, after a crash, from the daemon). Terminal.
   */
  UP_FOR_RETRY,

  /**
   * The platform failed the attempt (it never started, or its machine went away). The step is
   * retried under the infrastructure budget, or fails when that is spent. Terminal.
   */
  INFRA_FAILED,

  /** The attempt was stopped on the daemon's request. Terminal. */
  TERMINATED;

  /**
   * Tells whether the attempt is over.
   *
   * @return true for {@link #SUCCEEDED}, {@link #FAILED}, {@link #UP_FOR_RETRY}, {@link
   *     #INFRA_FAILED} and {@link #TERMINATED}
   */
  public boolean isTerminal() {
    return switch (this) {
      case SUCCEEDED, FAILED, UP_FOR_RETRY, INFRA_FAILED, TERMINATED -> true;
      default -> false;
    };
  }
}
