package io.pipewright.core.codelocation;

import io.pipewright.core.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tick of a sensor to evaluate, with what the daemon stored from earlier ticks and the events
 * the sensor reacts to (the code location has no event log of its own).
 *
 * @param sensorName the sensor; non-blank
 * @param cursor the cursor the sensor returned last; null before the first
 * @param lastTickTime when the previous tick was evaluated; null before the first
 * @param lastRunKey the run key of the last run the sensor requested; may be null
 * @param materializations for asset and multi-asset sensors: materializations of the monitored
 *     assets after the cursor, oldest first
 * @param runStatusEvents for run-status sensors: runs that reached the monitored status after the
 *     cursor, oldest first
 * @param dynamicPartitions the keys of each dynamic partitions definition, by its name
 */
public record SensorEvaluationRequest(
    String sensorName,
    String cursor,
    Instant lastTickTime,
    String lastRunKey,
    List<SensorMaterialization> materializations,
    List<SensorRunStatus> runStatusEvents,
    Map<String, List<String>> dynamicPartitions) {

  /** Validates and copies the components. */
  public SensorEvaluationRequest {
    Checks.requireNonBlank(sensorName, "SensorEvaluationRequest", "sensorName");
    materializations =
        Checks.list(materializations, "SensorEvaluationRequest", sensorName, "materializations");
    runStatusEvents =
        Checks.list(runStatusEvents, "SensorEvaluationRequest", sensorName, "runStatusEvents");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (dynamicPartitions != null) {
      dynamicPartitions.forEach((name, keys) -> copy.put(name, List.copyOf(keys)));
    }
    dynamicPartitions = Collections.unmodifiableMap(copy);
  }

  /**
   * A request without events or dynamic partitions.
   *
   * @param sensorName the sensor
   * @param cursor the cursor
   * @param lastTickTime the previous tick's time
   * @param lastRunKey the last run key
   */
  public SensorEvaluationRequest(
      String sensorName, String cursor, Instant lastTickTime, String lastRunKey) {
    this(sensorName, cursor, lastTickTime, lastRunKey, List.of(), List.of(), Map.of());
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
