package io.pipewright.core.instigation;

/** What kind of instigator a state or tick belongs to (Dagster's {@code InstigatorType}). */
public enum InstigatorType {
  /** A cron-driven schedule. */
  SCHEDULE,
  /** A sensor, evaluated at its minimum interval. */
  SENSOR
}
