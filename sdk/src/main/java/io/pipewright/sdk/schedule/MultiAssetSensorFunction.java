package io.pipewright.sdk.schedule;

/**
 * The evaluation function of a multi-asset sensor, called once per tick (the body of Dagster's
 * {@code @multi_asset_sensor}).
 */
@FunctionalInterface
public interface MultiAssetSensorFunction {
  /**
   * Decides what the tick launches, and consumes the materializations it handled with {@link
   * MultiAssetSensorContext#advanceCursor} or {@link MultiAssetSensorContext#advanceAllCursors()}.
   *
   * @param context the unconsumed materializations per asset, and the cursors
   * @return run requests or a skip, without a cursor (advance the context instead); never null
   * @throws Exception any failure; it is recorded on the tick and no cursor moves
   */
  SensorResult evaluate(MultiAssetSensorContext context) throws Exception;
}
