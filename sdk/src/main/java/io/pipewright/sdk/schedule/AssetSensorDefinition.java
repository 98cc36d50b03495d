package io.pipewright.sdk.schedule;

import io.pipewright.sdk.AssetKey;
import java.util.Objects;

/**
 * A sensor that reacts to materializations of one asset (Dagster's {@code @asset_sensor}).
 *
 * <pre>{@code
 * AssetSensorDefinition onOrders = AssetSensorDefinition.builder(
 *         "orders_updated",
 *         AssetKey.of("warehouse", "orders"),
 *         (ctx, event) -> SensorResult.runs(RunRequest.withKey(event.runId())))
 *     .job("refresh_dashboards")
 *     .build();
 * }</pre>
 *
 * <h2>Cursor</h2>
 *
 * The cursor is the event log id of the last materialization processed, as a decimal string. At
 * each tick the daemon passes the materializations of the monitored asset after the cursor; the
 * function is called once per materialization, oldest first, and the cursor then advances to the
 * newest one by itself (the function must not set a cursor). Without new materializations the tick
 * is skipped. A cursor that is not a number is treated as no cursor, as in Dagster.
 *
 * <p>Unlike Dagster, which calls the function only for the newest materialization, every new
 * materialization gets its call, so that none (for example, one per partition of a backfill) is
 * missed; return a skip for those you do not care about.
 */
public final class AssetSensorDefinition extends BaseSensorDefinition {
  private final AssetKey monitoredAsset;
  private final AssetSensorFunction evaluation;

  private AssetSensorDefinition(Builder b) {
    super(b.attributes());
    this.monitoredAsset = b.monitoredAsset;
    this.evaluation = b.evaluation;
  }

  /**
   * Starts an asset sensor.
   *
   * @param name letters, digits and underscores, unique among the schedules and sensors
   * @param monitoredAsset the asset whose materializations it reacts to; it may live in another
   *     code location
   * @param evaluation the function called per new materialization
   * @return a builder
   */
  public static Builder builder(
      String name, AssetKey monitoredAsset, AssetSensorFunction evaluation) {
    return new Builder(name, monitoredAsset, evaluation);
  }

  /**
   * Returns the monitored asset.
   *
   * @return the asset key
   */
  public AssetKey monitoredAsset() {
    return monitoredAsset;
  }

  /**
   * Returns the evaluation function.
   *
   * @return the function
   */
  public AssetSensorFunction evaluation() {
    return evaluation;
  }

  @Override
  public SensorType sensorType() {
    return SensorType.ASSET;
  }

  @Override
  public String toString() {
    return "AssetSensorDefinition["
        + name()
        + " on "
        + monitoredAsset
        + ", "
        + attributes.target()
        + "]";
  }

  /** Builds an {@link AssetSensorDefinition}. */
  public static final class Builder extends SensorBuilder<Builder> {
    private final AssetKey monitoredAsset;
    private final AssetSensorFunction evaluation;

    private Builder(String name, AssetKey monitoredAsset, AssetSensorFunction evaluation) {
      super(name);
      this.monitoredAsset = Objects.requireNonNull(monitoredAsset, "monitoredAsset");
      this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Builds the sensor.
     *
     * @return the sensor
     */
    public AssetSensorDefinition build() {
      return new AssetSensorDefinition(this);
    }
  }
}
