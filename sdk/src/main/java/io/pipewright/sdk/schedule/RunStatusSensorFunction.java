package io.pipewright.sdk.schedule;

/**
 * The evaluation function of a run-status sensor, called once per run that reached the monitored
 * status (the body of Dagster's {@code @run_status_sensor} and {@code @run_failure_sensor}).
 */
@FunctionalInterface
public interface RunStatusSensorFunction {
  /**
   * Reacts to one run: alerts, or requests runs.
   *
   * @param context the run and the sensor's resources
   * @return run requests or a skip, without a cursor (it advances by itself); never null
   * @throws Exception any failure; it is recorded on the tick and the cursor stays
   */
  SensorResult evaluate(RunStatusSensorContext context) throws Exception;
}
