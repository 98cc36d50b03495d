package io.pipewright.core.run;

/**
 * The status of a run, with the names and meanings of Dagster's {@code DagsterRunStatus}.
 *
 * <p>These names are persisted (run rows, events, the GraphQL {@code RunStatus} enum), so they must
 * never be renamed. Which status may follow which is decided by {@link RunStateMachine}.
 */
public enum RunStatus {
  /**
   * The run is waiting in the run queue until the daemon admits it under the concurrency limits.
   */
  QUEUED,

  /** The run has been created but not yet submitted for launch. */
  NOT_STARTED,

  /**
   * The run is managed outside of Pipewright's control plane; Pipewright only records what the
   * outside system reports about it.
   */
  MANAGED,

  /** The run has been admitted and is being launched, but no step has started executing yet. */
  STARTING,

  /** The run is executing: at least its orchestration has started. */
  STARTED,

  /** The run finished and all of its steps succeeded or were skipped. Terminal. */
  SUCCESS,

  /** The run finished because a step or the launch itself failed. Terminal. */
  FAILURE,

  /** Cancellation was requested and the run's in-flight steps are being stopped. */
  CANCELING,

  /** The run was canceled before it could finish. Terminal. */
  CANCELED;

  /**
   * Tells whether this status ends the run's lifecycle.
   *
   * @return {@code true} for {@link #SUCCESS}, {@link #FAILURE} and {@link #CANCELED}, from which
   *     no further transition is allowed; {@code false} otherwise
   */
  public boolean isTerminal() {
    return this == SUCCESS || this == FAILURE || this == CANCELED;
  }
}
