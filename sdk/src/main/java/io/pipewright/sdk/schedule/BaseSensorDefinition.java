package io.pipewright.sdk.schedule;

import io.pipewright.sdk.asset.AssetSelection;
import java.time.Duration;
import java.util.Optional;

/**
 * What every kind of sensor answers the same way, from the attributes its builder collected; the
 * four sensor classes add only their evaluation and what they monitor.
 */
abstract sealed class BaseSensorDefinition implements AnySensorDefinition
    permits SensorDefinition,
        AssetSensorDefinition,
        MultiAssetSensorDefinition,
        RunStatusSensorDefinition {
  final SensorAttributes attributes;

  BaseSensorDefinition(SensorAttributes attributes) {
    this.attributes = attributes;
  }

  @Override
  public String name() {
    return attributes.name();
  }

  @Override
  public String description() {
    return attributes.description();
  }

  @Override
  public Optional<String> jobName() {
    return Optional.ofNullable(attributes.jobName());
  }

  @Override
  public Optional<AssetSelection> assetSelection() {
    return Optional.ofNullable(attributes.assetSelection());
  }

  @Override
  public Duration minimumInterval() {
    return attributes.minimumInterval();
  }

  @Override
  public DefaultStatus defaultStatus() {
    return attributes.defaultStatus();
  }
}
