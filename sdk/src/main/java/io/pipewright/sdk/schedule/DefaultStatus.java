package io.pipewright.sdk.schedule;

/**
 * Whether a schedule or sensor runs before anyone has started or stopped it (Dagster's {@code
 * DefaultScheduleStatus} and {@code DefaultSensorStatus}). Once someone starts or stops it in the
 * UI or API, the stored state wins over the default.
 */
public enum DefaultStatus {
  /** It ticks as soon as its code location is loaded. */
  RUNNING,
  /** It waits to be started; the default, as in Dagster. */
  STOPPED
}
