package io.pipewright.sdk.partition;

/**
 * The run tags that say which partitions a run targets. The names are Dagster's, so that tools
 * written against Dagster's tags read ours.
 */
public final class PartitionTags {

  /** The key of the one partition a run targets (Dagster's {@code PARTITION_NAME_TAG}). */
  public static final String PARTITION = "dagster/partition";

  /**
   * The prefix of the per-dimension tags of a multi-partitioned run, followed by the dimension
   * name, e.g. {@code dagster/partition/region} (Dagster's {@code
   * MULTIDIMENSIONAL_PARTITION_PREFIX}).
   */
  public static final String DIMENSION_PREFIX = "dagster/partition/";

  /**
   * The first key of the range a run targets when it covers several partitions in one run
   * (Dagster's {@code ASSET_PARTITION_RANGE_START_TAG}).
   */
  public static final String PARTITION_RANGE_START = "dagster/asset_partition_range_start";

  /**
   * The last key of the range a run targets when it covers several partitions in one run (Dagster's
   * {@code ASSET_PARTITION_RANGE_END_TAG}).
   */
  public static final String PARTITION_RANGE_END = "dagster/asset_partition_range_end";

  private PartitionTags() {}

  /**
   * Returns the tag holding a dimension's key in a multi-partitioned run.
   *
   * @param dimensionName the dimension name
   * @return e.g. {@code dagster/partition/region}
   */
  public static String dimension(String dimensionName) {
    return DIMENSION_PREFIX + dimensionName;
  }
}
