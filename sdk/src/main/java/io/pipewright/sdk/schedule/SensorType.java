package io.pipewright.sdk.schedule;

/** The kind of a sensor, as the GraphQL API's {@code SensorType} names it. */
public enum SensorType {
  /** A {@link SensorDefinition}: a function that checks anything. */
  STANDARD,
  /** An {@link AssetSensorDefinition}: reacts to materializations of one asset. */
  ASSET,
  /** A {@link MultiAssetSensorDefinition}: reacts to materializations of several assets. */
  MULTI_ASSET,
  /** A {@link RunStatusSensorDefinition}: reacts to runs that succeed or fail. */
  RUN_STATUS
}
