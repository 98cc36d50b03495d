package io.pipewright.sdk.schedule;

import java.util.List;
import java.util.Objects;

/**
 * A sensor that reacts to runs that succeed or fail (Dagster's {@code @run_status_sensor} and
 * {@code @run_failure_sensor}): to alert, or to launch a follow-up job.
 *
 * <pre>{@code
 * RunStatusSensorDefinition alert = RunStatusSensorDefinition.builder(
 *         "alert_on_failure",
 *         RunStatus.FAILURE,
 *         ctx -> {
 *           slack.post(ctx.run().jobName() + " failed: " + ctx.run().failureMessage());
 *           return SensorResult.skip("alerted");
 *         })
 *     .monitoredJobs("nightly_etl", "hourly_sync")
 *     .build();
 * }</pre>
 *
 * <h2>Cursor</h2>
 *
 * The cursor is the event log id of the last run-status event processed, as a decimal string. At
 * each tick the daemon passes the run-status events after the cursor; the function is called once
 * per run of a monitored job (any job when none is listed) that reached the monitored status,
 * oldest first, and the cursor then advances past every event passed, by itself. On its first tick
 * (no cursor) the sensor only sets its cursor to the newest event passed (or {@code -1} when there
 * is none) and skips, so that it does not react to runs that ended before it existed, as in
 * Dagster.
 */
public final class RunStatusSensorDefinition extends BaseSensorDefinition {
  private final RunStatus runStatus;
  private final List<String> monitoredJobs;
  private final RunStatusSensorFunction evaluation;

  private RunStatusSensorDefinition(Builder b) {
    super(b.attributes());
    this.runStatus = b.runStatus;
    this.monitoredJobs = b.monitoredJobs;
    this.evaluation = b.evaluation;
  }

  /**
   * Starts a run-status sensor.
   *
   * @param name letters, digits and underscores, unique among the schedules and sensors
   * @param runStatus the status it reacts to
   * @param evaluation the function called per run
   * @return a builder
   */
  public static Builder builder(
      String name, RunStatus runStatus, RunStatusSensorFunction evaluation) {
    return new Builder(name, runStatus, evaluation);
  }

  /**
   * Returns the status the sensor reacts to.
   *
   * @return success or failure
   */
  public RunStatus runStatus() {
    return runStatus;
  }

  /**
   * Returns the jobs whose runs the sensor reacts to.
   *
   * @return the job names; empty for every job
   */
  public List<String> monitoredJobs() {
    return monitoredJobs;
  }

  /**
   * Returns the evaluation function.
   *
   * @return the function
   */
  public RunStatusSensorFunction evaluation() {
    return evaluation;
  }

  /**
   * Returns whether the sensor reacts to a run: it has the monitored status and belongs to a
   * monitored job.
   *
   * @param run the run
   * @return whether the function is called for it
   */
  public boolean monitors(RunInfo run) {
    return run.status().equals(runStatus.name())
        && (monitoredJobs.isEmpty() || monitoredJobs.contains(run.jobName()));
  }

  @Override
  public SensorType sensorType() {
    return SensorType.RUN_STATUS;
  }

  @Override
  public String toString() {
    return "RunStatusSensorDefinition["
        + name()
        + " on "
        + runStatus
        + " of "
        + (monitoredJobs.isEmpty() ? "every job" : monitoredJobs)
        + ", "
        + attributes.target()
        + "]";
  }

  /** Builds a {@link RunStatusSensorDefinition}. */
  public static final class Builder extends SensorBuilder<Builder> {
    private final RunStatus runStatus;
    private final RunStatusSensorFunction evaluation;
    private List<String> monitoredJobs = List.of();

    private Builder(String name, RunStatus runStatus, RunStatusSensorFunction evaluation) {
      super(name);
      this.runStatus = Objects.requireNonNull(runStatus, "runStatus");
      this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the jobs whose runs the sensor reacts to; they must be jobs of the same definitions.
     *
     * @param jobNames the job names; none means every job (the default)
     * @return this builder
     */
    public Builder monitoredJobs(String... jobNames) {
      this.monitoredJobs = List.of(jobNames);
      return this;
    }

    /**
     * Builds the sensor.
     *
     * @return the sensor
     */
    public RunStatusSensorDefinition build() {
      return new RunStatusSensorDefinition(this);
    }
  }
}
