package io.pipewright.sdk.schedule;

import io.pipewright.sdk.AssetKey;
import java.util.List;
import java.util.Objects;

/**
 * A sensor that reacts to materializations of several assets at once (Dagster's multi-asset
 * sensor), for example to run a job when all of its inputs have been refreshed. See {@link
 * MultiAssetSensorContext} for how it consumes materializations.
 *
 * <h2>Cursor</h2>
 *
 * The cursor is a JSON object from each asset's key, written as its user string, to the event id of
 * the last materialization consumed: {@code {"raw/events":17,"warehouse/orders":42}}, keys sorted.
 * An asset without an entry has consumed nothing. The daemon passes the materializations of the
 * monitored assets after the smallest of these ids; the function advances the cursors through the
 * context, never with {@link SensorResult#withCursor(String)}. A cursor in another format fails the
 * tick with an explanation; resetting the cursor fixes it.
 */
public final class MultiAssetSensorDefinition extends BaseSensorDefinition {
  private final List<AssetKey> monitoredAssets;
  private final MultiAssetSensorFunction evaluation;

  private MultiAssetSensorDefinition(Builder b) {
    super(b.attributes());
    this.monitoredAssets = b.monitoredAssets;
    this.evaluation = b.evaluation;
  }

  /**
   * Starts a multi-asset sensor.
   *
   * @param name letters, digits and underscores, unique among the schedules and sensors
   * @param monitoredAssets the assets whose materializations it reacts to; they may live in other
   *     code locations
   * @param evaluation the function called once per tick
   * @return a builder
   * @throws IllegalArgumentException if no asset is given or one is given twice
   */
  public static Builder builder(
      String name, List<AssetKey> monitoredAssets, MultiAssetSensorFunction evaluation) {
    return new Builder(name, monitoredAssets, evaluation);
  }

  /**
   * Returns the monitored assets.
   *
   * @return the keys, in the order given
   */
  public List<AssetKey> monitoredAssets() {
    return monitoredAssets;
  }

  /**
   * Returns the evaluation function.
   *
   * @return the function
   */
  public MultiAssetSensorFunction evaluation() {
    return evaluation;
  }

  @Override
  public SensorType sensorType() {
    return SensorType.MULTI_ASSET;
  }

  @Override
  public String toString() {
    return "MultiAssetSensorDefinition["
        + name()
        + " on "
        + monitoredAssets
        + ", "
        + attributes.target()
        + "]";
  }

  /** Builds a {@link MultiAssetSensorDefinition}. */
  public static final class Builder extends SensorBuilder<Builder> {
    private final List<AssetKey> monitoredAssets;
    private final MultiAssetSensorFunction evaluation;

    private Builder(
        String name, List<AssetKey> monitoredAssets, MultiAssetSensorFunction evaluation) {
      super(name);
      this.monitoredAssets =
          List.copyOf(Objects.requireNonNull(monitoredAssets, "monitoredAssets"));
      if (this.monitoredAssets.isEmpty()) {
        throw new IllegalArgumentException(
            "Multi-asset sensor '" + name + "' monitors no asset; give at least one asset key");
      }
      if (this.monitoredAssets.stream().distinct().count() != this.monitoredAssets.size()) {
        throw new IllegalArgumentException(
            "Multi-asset sensor '"
                + name
                + "' monitors an asset twice: "
                + this.monitoredAssets
                + "; list each asset once");
      }
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
    public MultiAssetSensorDefinition build() {
      return new MultiAssetSensorDefinition(this);
    }
  }
}
