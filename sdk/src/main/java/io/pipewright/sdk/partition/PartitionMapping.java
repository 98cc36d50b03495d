package io.pipewright.sdk.partition;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which partitions of an upstream asset a partition of a downstream asset depends on (Dagster's
 * {@code PartitionMapping}), and back. The factories are Dagster's built-in mappings:
 *
 * <ul>
 *   <li>{@link #identity()}: the partition with the same key;
 *   <li>{@link #timeWindow(int, int)}: the upstream windows overlapping the downstream window,
 *       optionally shifted (also between different cadences, e.g. hourly upstream of daily);
 *   <li>{@link #allPartitions()}: every upstream partition;
 *   <li>{@link #lastPartitions(int)}: the last {@code n} upstream partitions;
 *   <li>{@link #staticMap(Map)}: an explicit map from upstream keys to downstream keys;
 *   <li>{@link #multiToSingleDimension(String)}: between a multi-partitioned asset and a
 *       single-dimension one, through one dimension.
 * </ul>
 *
 * <p>A {@code null} definition stands for an unpartitioned asset. Results are ordered as the target
 * definition lists its keys, hold no duplicates, and only contain keys that exist at the context's
 * time: keys a mapping reaches outside the target's partitions (before a time-window start, after
 * "now") are dropped, not reported. Keys passed in must exist in their own definition ({@link
 * UnknownPartitionKeyException} otherwise), and a mapping used between definitions it cannot relate
 * throws an {@link IllegalArgumentException} with its {@link #incompatibility}.
 */
public sealed interface PartitionMapping
    permits IdentityPartitionMapping,
        TimeWindowPartitionMapping,
        AllPartitionMapping,
        LastPartitionMapping,
        StaticPartitionMapping,
        MultiToSingleDimensionPartitionMapping {

  /**
   * Returns the mapping from each downstream partition to the upstream partition with the same key;
   * keys missing upstream map to nothing.
   *
   * @return the identity mapping
   */
  static IdentityPartitionMapping identity() {
    return IdentityPartitionMapping.INSTANCE;
  }

  /**
   * Returns Dagster's {@code TimeWindowPartitionMapping}: a downstream partition depends on every
   * upstream partition whose window overlaps the downstream window after its start is moved by
   * {@code startOffset} windows and its end by {@code endOffset} windows. Offsets count windows of
   * the downstream definition, as in Dagster: with daily partitions on both sides, {@code (-1, -1)}
   * is the previous day and {@code (-1, 0)} the previous day and the same day.
   *
   * @param startOffset the shift of the window start, in downstream windows
   * @param endOffset the shift of the window end, in downstream windows
   * @return the mapping
   */
  static TimeWindowPartitionMapping timeWindow(int startOffset, int endOffset) {
    return new TimeWindowPartitionMapping(startOffset, endOffset);
  }

  /**
   * Returns the mapping under which every downstream partition (or the unpartitioned downstream
   * asset) depends on every upstream partition.
   *
   * @return the mapping
   */
  static AllPartitionMapping allPartitions() {
    return AllPartitionMapping.INSTANCE;
  }

  /**
   * Returns the mapping under which every downstream partition depends on the last {@code n}
   * upstream partitions (Dagster's {@code LastPartitionMapping} is {@code n = 1}).
   *
   * @param n how many of the newest upstream partitions, at least 1
   * @return the mapping
   * @throws IllegalArgumentException if {@code n < 1}
   */
  static LastPartitionMapping lastPartitions(int n) {
    return new LastPartitionMapping(n);
  }

  /**
   * Returns Dagster's {@code StaticPartitionMapping}: each upstream key maps to a set of downstream
   * keys, between two static partitions definitions.
   *
   * @param upstreamToDownstream the downstream keys of each upstream key
   * @return the mapping
   * @throws IllegalArgumentException if the map or one of its keys or sets is null
   */
  static StaticPartitionMapping staticMap(Map<String, Set<String>> upstreamToDownstream) {
    return new StaticPartitionMapping(upstreamToDownstream);
  }

  /**
   * Returns Dagster's {@code MultiToSingleDimensionPartitionMapping}: between a multi-partitioned
   * asset and a single-dimension asset (either may be upstream), a single key {@code X} relates to
   * every multi-partition key whose part in {@code dimensionName} is {@code X}. The dimension must
   * have the single asset's definition, or both must be time windows in one time zone (then parts
   * relate by overlapping windows).
   *
   * @param dimensionName the dimension of the multi-partitions definition to map through
   * @return the mapping
   * @throws IllegalArgumentException if the name is null or blank
   */
  static MultiToSingleDimensionPartitionMapping multiToSingleDimension(String dimensionName) {
    return new MultiToSingleDimensionPartitionMapping(dimensionName);
  }

  /**
   * Returns the mapping Dagster infers when none is given: all partitions when either asset is
   * unpartitioned; multi-to-single-dimension when exactly one is multi-partitioned and one of its
   * dimensions matches the other definition (equal, or the only time dimension when the other is
   * time windows); time window between two time-window definitions; identity otherwise.
   *
   * @param upstream the upstream definition, or null if unpartitioned
   * @param downstream the downstream definition, or null if unpartitioned
   * @return the default mapping
   */
  static PartitionMapping defaultFor(
      PartitionsDefinition upstream, PartitionsDefinition downstream) {
    return Mappings.defaultFor(upstream, downstream);
  }

  /**
   * Returns the upstream partitions that downstream partitions depend on.
   *
   * @param downstreamKeys partitions of the downstream asset (ignored when it is unpartitioned)
   * @param downstream the downstream definition, or null if unpartitioned
   * @param upstream the upstream definition, or null if unpartitioned
   * @param ctx the current time and dynamic partitions
   * @return the upstream keys, ordered as {@code upstream} lists them, unmodifiable
   * @throws UnknownPartitionKeyException if a downstream key is not a downstream partition
   * @throws IllegalArgumentException if the mapping cannot relate the two definitions
   */
  Set<String> upstreamKeys(
      Collection<String> downstreamKeys,
      PartitionsDefinition downstream,
      PartitionsDefinition upstream,
      PartitionContext ctx);

  /**
   * Returns the downstream partitions that depend on upstream partitions: the exact inverse of
   * {@link #upstreamKeys}.
   *
   * @param upstreamKeys partitions of the upstream asset
   * @param upstream the upstream definition, or null if unpartitioned
   * @param downstream the downstream definition, or null if unpartitioned
   * @param ctx the current time and dynamic partitions
   * @return the downstream keys, ordered as {@code downstream} lists them, unmodifiable; empty when
   *     the downstream asset is unpartitioned
   * @throws UnknownPartitionKeyException if an upstream key is not an upstream partition
   * @throws IllegalArgumentException if the mapping cannot relate the two definitions
   */
  Set<String> downstreamKeys(
      Collection<String> upstreamKeys,
      PartitionsDefinition upstream,
      PartitionsDefinition downstream,
      PartitionContext ctx);

  /**
   * Says why this mapping cannot relate two definitions, so that definitions can be checked when
   * they load rather than when a run needs the mapping.
   *
   * @param upstream the upstream definition, or null if unpartitioned
   * @param downstream the downstream definition, or null if unpartitioned
   * @return a sentence naming the problem and the fix, or empty when the mapping works
   */
  Optional<String> incompatibility(PartitionsDefinition upstream, PartitionsDefinition downstream);

  /**
   * Describes the mapping for people.
   *
   * @return e.g. {@code time window mapping with offsets (-1, -1)}
   */
  String describe();
}
