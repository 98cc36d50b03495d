package io.pipewright.sdk.schedule;

import io.pipewright.sdk.asset.AssetSelection;
import java.time.Duration;
import java.util.Objects;

/**
 * The options every kind of sensor has. Package-private, as {@code AbstractStringBuilder} is: its
 * public methods are called through the public builders of the sensor kinds.
 *
 * @param <B> the concrete builder, returned by every method for chaining
 */
abstract class SensorBuilder<B extends SensorBuilder<B>> {
  private final String name;
  private String description;
  private String jobName;
  private AssetSelection assetSelection;
  private Duration minimumInterval = AnySensorDefinition.DEFAULT_MINIMUM_INTERVAL;
  private DefaultStatus defaultStatus = DefaultStatus.STOPPED;

  SensorBuilder(String name) {
    this.name = name;
  }

  abstract B self();

  /**
   * Sets the description.
   *
   * @param text the description
   * @return this builder
   */
  public B description(String text) {
    this.description = text;
    return self();
  }

  /**
   * Targets a job: run requests that name no job launch it. Replaces an asset selection target.
   *
   * @param job the job's name, as added to the definitions
   * @return this builder
   */
  public B job(String job) {
    this.jobName = Objects.requireNonNull(job, "job");
    this.assetSelection = null;
    return self();
  }

  /**
   * Targets a selection of assets, run as the implicit asset job. Replaces a job target.
   *
   * @param selection the assets
   * @return this builder
   */
  public B assets(AssetSelection selection) {
    this.assetSelection = Objects.requireNonNull(selection, "selection");
    this.jobName = null;
    return self();
  }

  /**
   * Sets the least time between the starts of two evaluations (Dagster's {@code
   * minimum_interval_seconds}); at least one second, in whole seconds.
   *
   * @param interval the interval; 30 seconds by default
   * @return this builder
   */
  public B minimumInterval(Duration interval) {
    this.minimumInterval = Objects.requireNonNull(interval, "interval");
    return self();
  }

  /**
   * Sets whether the sensor runs before anyone starts it.
   *
   * @param status the default status; {@link DefaultStatus#STOPPED} by default
   * @return this builder
   */
  public B defaultStatus(DefaultStatus status) {
    this.defaultStatus = Objects.requireNonNull(status, "status");
    return self();
  }

  SensorAttributes attributes() {
    return new SensorAttributes(
        name, description, jobName, assetSelection, minimumInterval, defaultStatus);
  }
}
