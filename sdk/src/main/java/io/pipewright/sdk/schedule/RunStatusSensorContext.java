package io.pipewright.sdk.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * What a run-status sensor's function sees (Dagster's {@code RunStatusSensorContext}): the run that
 * reached the monitored status, and the sensor's own context.
 *
 * @param sensorContext the sensor's context: clock and resources (its cursor is the id of the
 *     previous event processed)
 * @param eventId the event log id of the run's status event
 * @param run the run
 */
public record RunStatusSensorContext(SensorContext sensorContext, long eventId, RunInfo run) {

  /**
   * Validates the components.
   *
   * @param sensorContext the sensor's context: clock and resources (its cursor is the id of the
   *     previous event processed)
   * @param eventId the event log id of the run's status event
   * @param run the run
   * @throws NullPointerException if the sensor context or run is null
   */
  public RunStatusSensorContext {
    Objects.requireNonNull(sensorContext, "sensorContext");
    Objects.requireNonNull(run, "run");
  }

  /**
   * Returns the sensor's name.
   *
   * @return the name
   */
  public String sensorName() {
    return sensorContext.sensorName();
  }

  /**
   * Returns the current time.
   *
   * @return now, from the injected clock
   */
  public Instant now() {
    return sensorContext.now();
  }

  /**
   * Returns a resource.
   *
   * @param key the resource key
   * @param type the resource's type
   * @param <T> the resource's type
   * @return the resource
   * @throws java.util.NoSuchElementException if there is no such resource
   */
  public <T> T resource(String key, Class<T> type) {
    return sensorContext.resource(key, type);
  }
}
