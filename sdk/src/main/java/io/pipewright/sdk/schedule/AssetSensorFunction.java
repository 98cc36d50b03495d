package io.pipewright.sdk.schedule;

/**
 * The evaluation function of an asset sensor, called once per new materialization of the monitored
 * asset (the body of Dagster's {@code @asset_sensor}).
 */
@FunctionalInterface
public interface AssetSensorFunction {
  /**
   * Decides what one materialization launches.
   *
   * @param context the tick's context; its cursor is the id of the previous event processed
   * @param event the new materialization
   * @return run requests or a skip, without a cursor (it advances by itself); never null
   * @throws Exception any failure; it is recorded on the tick and the cursor stays
   */
  SensorResult evaluate(SensorContext context, MaterializationEvent event) throws Exception;
}
