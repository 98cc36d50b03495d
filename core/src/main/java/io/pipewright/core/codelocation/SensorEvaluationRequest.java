package io.pipewright.core.codelocation;

import io.pipewright.core.internal.Checks;
import java.time.Instant;

/**
 * One tick of a sensor to evaluate, with what the daemon stored from earlier ticks.
 *
 * @param sensorName the sensor; non-blank
 * @param cursor the cursor the sensor returned last; null before the first
 * @param lastTickTime when the previous tick was evaluated; null before the first
 * @param lastRunKey the run key of the last run the sensor requested; may be null
 */
public record SensorEvaluationRequest(
    String sensorName, String cursor, Instant lastTickTime, String lastRunKey) {

  /** Validates the components. */
  public SensorEvaluationRequest {
    Checks.requireNonBlank(sensorName, "SensorEvaluationRequest", "sensorName");
  }

  /**
   * Returns the request for a sensor's first tick.
   *
   * @param sensorName the sensor
   * @return the request, without cursor, last tick or last run key
   */
  public static SensorEvaluationRequest firstTick(String sensorName) {
    return new SensorEvaluationRequest(sensorName, null, null, null);
  }
}
