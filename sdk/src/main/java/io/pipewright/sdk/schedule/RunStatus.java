package io.pipewright.sdk.schedule;

/** The end of a run that a {@link RunStatusSensorDefinition} reacts to. */
public enum RunStatus {
  /** The run succeeded ({@code RUN_SUCCESS}). */
  SUCCESS,
  /** The run failed ({@code RUN_FAILURE}). */
  FAILURE
}
