package io.pipewright.sdk.event;

/**
 * What a {@link RunEvent} records. The names and meanings are Dagster's ({@code DagsterEventType}),
 * so that the GraphQL API can report them unchanged.
 *
 * <p>Dagster records plain log lines as events without a {@code dagster_event}; Pipewright gives
 * them the type {@link #LOG_MESSAGE} instead, so that every event has a type.
 */
public enum EventType {
  /** The run was submitted to the run queue. */
  RUN_ENQUEUED,
  /** The run was admitted and is being launched; execution has not started yet. */
  RUN_STARTING,
  /** Execution of the run started. */
  RUN_START,
  /** The run finished and every step succeeded or was skipped. */
  RUN_SUCCESS,
  /** The run failed. */
  RUN_FAILURE,
  /** Cancellation of the run was requested and is in progress. */
  RUN_CANCELING,
  /** The run was canceled. */
  RUN_CANCELED,
  /** A step attempt started. */
  STEP_START,
  /** A step input's value passed (or failed) its type check. */
  STEP_INPUT,
  /** An IO manager loaded a step input. */
  LOADED_INPUT,
  /** A step produced an output value, which was type-checked. */
  STEP_OUTPUT,
  /** An IO manager stored a step output. */
  HANDLED_OUTPUT,
  /** An asset was materialized. */
  ASSET_MATERIALIZATION,
  /** The run plans to materialize an asset. */
  ASSET_MATERIALIZATION_PLANNED,
  /** An asset was observed without being materialized. */
  ASSET_OBSERVATION,
  /** An asset check was evaluated. */
  ASSET_CHECK_EVALUATION,
  /** A step reported a data-quality expectation result. */
  STEP_EXPECTATION_RESULT,
  /** A step attempt failed and the step will be retried. */
  STEP_UP_FOR_RETRY,
  /** A step was restarted for a retry. */
  STEP_RESTARTED,
  /** A step succeeded. */
  STEP_SUCCESS,
  /** A step failed for good. */
  STEP_FAILURE,
  /** A step was skipped, e.g. because an upstream output was not produced. */
  STEP_SKIPPED,
  /** Initialization of resources started. */
  RESOURCE_INIT_STARTED,
  /** Resources were initialized. */
  RESOURCE_INIT_SUCCESS,
  /** Initialization of a resource failed. */
  RESOURCE_INIT_FAILURE,
  /** A hook ran successfully. */
  HOOK_COMPLETED,
  /** A hook threw an error. */
  HOOK_ERRORED,
  /** A hook was skipped because its trigger did not fire. */
  HOOK_SKIPPED,
  /** A message from the engine, e.g. about process or resource management. */
  ENGINE_EVENT,
  /** A plain log line written by user code or the framework. */
  LOG_MESSAGE;

  /**
   * Tells whether events of this type belong to a step; the set is Dagster's {@code STEP_EVENTS}.
   *
   * @return true for step events
   */
  public boolean isStepEvent() {
    switch (this) {
      case STEP_START:
      case STEP_INPUT:
      case LOADED_INPUT:
      case STEP_OUTPUT:
      case HANDLED_OUTPUT:
      case ASSET_MATERIALIZATION:
      case ASSET_OBSERVATION:
      case ASSET_CHECK_EVALUATION:
      case STEP_EXPECTATION_RESULT:
      case STEP_UP_FOR_RETRY:
      case STEP_RESTARTED:
      case STEP_SUCCESS:
      case STEP_FAILURE:
      case STEP_SKIPPED:
        return true;
      default:
        return false;
    }
  }

  /**
   * Tells whether this type marks a change of the run's status (the {@code RUN_*} types).
   *
   * @return true for run events
   */
  public boolean isRunEvent() {
    switch (this) {
      case RUN_ENQUEUED:
      case RUN_STARTING:
      case RUN_START:
      case RUN_SUCCESS:
      case RUN_FAILURE:
      case RUN_CANCELING:
      case RUN_CANCELED:
        return true;
      default:
        return false;
    }
  }

  /**
   * Tells whether this type records a failure: {@link #RUN_FAILURE}, {@link #STEP_FAILURE}, {@link
   * #RESOURCE_INIT_FAILURE} or {@link #HOOK_ERRORED}.
   *
   * @return true for failure events
   */
  public boolean isFailure() {
    return this == RUN_FAILURE
        || this == STEP_FAILURE
        || this == RESOURCE_INIT_FAILURE
        || this == HOOK_ERRORED;
  }
}
