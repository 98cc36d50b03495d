package io.pipewright.core.snapshot;

/**
 * Whether a schedule or sensor runs until someone changes it in the UI (Dagster's {@code
 * DefaultScheduleStatus} and {@code DefaultSensorStatus}).
 */
public enum DefaultStatus {
  /** It runs from the moment the location is loaded. */
  RUNNING,
  /** It waits until someone starts it. */
  STOPPED
}
