package io.pipewright.core.schedule;

/**
 * The tags the daemon sets on the runs that schedules, sensors and backfills create, with Dagster's
 * keys, so that tools filtering on them work unchanged.
 */
public final class RunTags {

  /** The schedule that created the run. */
  public static final String SCHEDULE_NAME = "dagster/schedule_name";

  /** The sensor that created the run. */
  public static final String SENSOR_NAME = "dagster/sensor_name";

  /** The id of the tick that created the run. */
  public static final String TICK = "dagster/tick";

  /** The run key of the sensor's or schedule's request. */
  public static final String RUN_KEY = "dagster/run_key";

  /** The scheduled time of the schedule tick that created the run (UTC, ISO-8601). */
  public static final String SCHEDULED_EXECUTION_TIME = "dagster/scheduled_execution_time";

  /** The backfill that created the run. */
  public static final String BACKFILL = "dagster/backfill";

  /** The partition the run materializes. */
  public static final String PARTITION = "dagster/partition";

  private RunTags() {}
}
