package io.pipewright.core.event;

import java.util.HashMap;
import java.util.Map;

/**
 * What an event records, with Dagster's names ({@code DagsterEventType}): the constant's name is
 * what the GraphQL API shows, and {@link #value()} is the string Dagster persists, which for run
 * events is still the legacy {@code PIPELINE_*} form. Both are forever: events are stored by value.
 *
 * <p>{@link #LOG_MESSAGE} is Pipewright's: Dagster stores plain log lines without an event type,
 * Pipewright gives every event one.
 */
public enum DagsterEventType {
  /** A step input's value passed (or failed) its type check. */
  STEP_INPUT("STEP_INPUT"),
  /** A step produced an output, which was type-checked. */
  STEP_OUTPUT("STEP_OUTPUT"),
  /** A step failed for good. */
  STEP_FAILURE("STEP_FAILURE"),
  /** A step attempt started. */
  STEP_START("STEP_START"),
  /** A step succeeded. */
  STEP_SUCCESS("STEP_SUCCESS"),
  /** A step was skipped. */
  STEP_SKIPPED("STEP_SKIPPED"),
  /** The process or pod of a step attempt is being started. */
  STEP_WORKER_STARTING("STEP_WORKER_STARTING"),
  /** The process or pod of a step attempt started. */
  STEP_WORKER_STARTED("STEP_WORKER_STARTED"),
  /** Initialization of resources started. */
  RESOURCE_INIT_STARTED("RESOURCE_INIT_STARTED"),
  /** Resources were initialized. */
  RESOURCE_INIT_SUCCESS("RESOURCE_INIT_SUCCESS"),
  /** Initialization of a resource failed. */
  RESOURCE_INIT_FAILURE("RESOURCE_INIT_FAILURE"),
  /** A step attempt failed and the step will be retried. */
  STEP_UP_FOR_RETRY("STEP_UP_FOR_RETRY"),
  /** A step was restarted for a retry. */
  STEP_RESTARTED("STEP_RESTARTED"),
  /** An asset was materialized. */
  ASSET_MATERIALIZATION("ASSET_MATERIALIZATION"),
  /** The run plans to materialize an asset. */
  ASSET_MATERIALIZATION_PLANNED("ASSET_MATERIALIZATION_PLANNED"),
  /** A planned materialization did not happen. */
  ASSET_FAILED_TO_MATERIALIZE("ASSET_FAILED_TO_MATERIALIZE"),
  /** An asset was observed. */
  ASSET_OBSERVATION("ASSET_OBSERVATION"),
  /** A step reported a data-quality expectation. */
  STEP_EXPECTATION_RESULT("STEP_EXPECTATION_RESULT"),
  /** The run plans to evaluate an asset check. */
  ASSET_CHECK_EVALUATION_PLANNED("ASSET_CHECK_EVALUATION_PLANNED"),
  /** An asset check was evaluated. */
  ASSET_CHECK_EVALUATION("ASSET_CHECK_EVALUATION"),
  /** The run was submitted to the run queue. */
  RUN_ENQUEUED("PIPELINE_ENQUEUED"),
  /** The run left the run queue. */
  RUN_DEQUEUED("PIPELINE_DEQUEUED"),
  /** The run was admitted and is being launched. */
  RUN_STARTING("PIPELINE_STARTING"),
  /** Execution of the run started. */
  RUN_START("PIPELINE_START"),
  /** The run succeeded. */
  RUN_SUCCESS("PIPELINE_SUCCESS"),
  /** The run failed. */
  RUN_FAILURE("PIPELINE_FAILURE"),
  /** Cancellation of the run is in progress. */
  RUN_CANCELING("PIPELINE_CANCELING"),
  /** The run was canceled. */
  RUN_CANCELED("PIPELINE_CANCELED"),
  /** An object store operation (legacy Dagster). */
  OBJECT_STORE_OPERATION("OBJECT_STORE_OPERATION"),
  /** An asset store operation (legacy Dagster). */
  ASSET_STORE_OPERATION("ASSET_STORE_OPERATION"),
  /** An IO manager loaded a step input. */
  LOADED_INPUT("LOADED_INPUT"),
  /** An IO manager stored a step output. */
  HANDLED_OUTPUT("HANDLED_OUTPUT"),
  /** A message from the engine. */
  ENGINE_EVENT("ENGINE_EVENT"),
  /** A hook ran. */
  HOOK_COMPLETED("HOOK_COMPLETED"),
  /** A hook threw. */
  HOOK_ERRORED("HOOK_ERRORED"),
  /** A hook was skipped. */
  HOOK_SKIPPED("HOOK_SKIPPED"),
  /** An alert started to be sent. */
  ALERT_START("ALERT_START"),
  /** An alert was sent. */
  ALERT_SUCCESS("ALERT_SUCCESS"),
  /** An alert could not be sent. */
  ALERT_FAILURE("ALERT_FAILURE"),
  /** A step's stdout and stderr were captured. */
  LOGS_CAPTURED("LOGS_CAPTURED"),
  /** A plain log line written by user code or the framework (Pipewright's). */
  LOG_MESSAGE("LOG_MESSAGE");

  private static final Map<String, DagsterEventType> BY_VALUE = new HashMap<>();

  static {
    for (DagsterEventType type : values()) {
      BY_VALUE.put(type.value, type);
    }
  }

  private final String value;

  DagsterEventType(String value) {
    this.value = value;
  }

  /**
   * Returns the string Dagster persists for this type ({@code PIPELINE_START} for {@link
   * #RUN_START}).
   *
   * @return the stored value
   */
  public String value() {
    return value;
  }

  /**
   * Returns the type of a stored value; the constant names of the {@code RUN_*} types are accepted
   * too.
   *
   * @param value a stored value such as {@code PIPELINE_START}, or a name such as {@code RUN_START}
   * @return the type
   * @throws IllegalArgumentException for an unknown value, naming it
   */
  public static DagsterEventType fromValue(String value) {
    DagsterEventType type = BY_VALUE.get(value);
    if (type != null) {
      return type;
    }
    for (DagsterEventType candidate : values()) {
      if (candidate.name().equals(value)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        "Unknown event type '" + value + "'; was it written by a newer version of Pipewright?");
  }

  /**
   * Tells whether events of this type belong to a step (Dagster's {@code STEP_EVENTS}).
   *
   * @return true for step events
   */
  public boolean isStepEvent() {
    return switch (this) {
      case STEP_INPUT,
          STEP_START,
          STEP_OUTPUT,
          STEP_FAILURE,
          STEP_SUCCESS,
          STEP_SKIPPED,
          ASSET_MATERIALIZATION,
          ASSET_OBSERVATION,
          STEP_EXPECTATION_RESULT,
          ASSET_CHECK_EVALUATION,
          OBJECT_STORE_OPERATION,
          HANDLED_OUTPUT,
          LOADED_INPUT,
          STEP_RESTARTED,
          STEP_UP_FOR_RETRY ->
          true;
      default -> false;
    };
  }

  /**
   * Tells whether this type marks a change of the run's status (the {@code RUN_*} types).
   *
   * @return true for run events
   */
  public boolean isRunEvent() {
    return value.startsWith("PIPELINE_");
  }
}
