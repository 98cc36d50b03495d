package io.pipewright.sdk.schedule;

import java.time.Duration;

/**
 * Any kind of sensor: {@link SensorDefinition}, {@link AssetSensorDefinition}, {@link
 * MultiAssetSensorDefinition} or {@link RunStatusSensorDefinition}. The daemon evaluates a running
 * sensor at most once per {@link #minimumInterval()}.
 */
public sealed interface AnySensorDefinition extends InstigatorDefinition
    permits BaseSensorDefinition {

  /** The minimum interval unless set: 30 seconds, as in Dagster. */
  Duration DEFAULT_MINIMUM_INTERVAL = Duration.ofSeconds(30);

  /**
   * Returns the least time between the starts of two evaluations.
   *
   * @return the interval; {@link #DEFAULT_MINIMUM_INTERVAL} unless set
   */
  Duration minimumInterval();

  /**
   * Returns the kind of sensor.
   *
   * @return the kind
   */
  SensorType sensorType();
}
