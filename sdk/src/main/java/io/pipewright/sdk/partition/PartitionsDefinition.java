package io.pipewright.sdk.partition;

import java.util.List;

/**
 * How an asset or job is partitioned: the set of partition keys, which may depend on the current
 * time (time windows) and on keys added at run time (dynamic partitions), both taken from a {@link
 * PartitionContext}.
 *
 * <p>The four kinds are Dagster's: {@link StaticPartitionsDefinition} (a fixed list), {@link
 * TimeWindowPartitionsDefinition} (hourly, daily, weekly or monthly windows), {@link
 * DynamicPartitionsDefinition} (a named set kept in a {@link DynamicPartitionsStore}) and {@link
 * MultiPartitionsDefinition} (the product of two of the others). Definitions are immutable and
 * thread-safe, and compare equal when they define the same partitions.
 */
public sealed interface PartitionsDefinition
    permits StaticPartitionsDefinition,
        TimeWindowPartitionsDefinition,
        DynamicPartitionsDefinition,
        MultiPartitionsDefinition {

  /**
   * Returns the partition keys, in the definition's order: definition order for static keys, oldest
   * first for time windows, insertion order for dynamic keys, and for multi-partitions the product
   * with the first dimension (by name) varying slowest.
   *
   * @param ctx the current time and dynamic partitions
   * @return the keys, unmodifiable
   */
  List<String> keys(PartitionContext ctx);

  /**
   * Returns whether a key is a partition. Cheap: it never lists every key.
   *
   * @param key the key
   * @param ctx the current time and dynamic partitions
   * @return whether the key is a partition now
   */
  boolean hasKey(String key, PartitionContext ctx);

  /**
   * Checks that a key is a partition.
   *
   * @param key the key
   * @param ctx the current time and dynamic partitions
   * @throws UnknownPartitionKeyException if it is not, with the valid keys or range, and the
   *     closest key when the given one is a near miss
   */
  void checkKey(String key, PartitionContext ctx);

  /**
   * Returns the keys from {@code range.start()} to {@code range.end()}, both included, in the
   * definition's order.
   *
   * @param range the range
   * @param ctx the current time and dynamic partitions
   * @return the keys, unmodifiable
   * @throws UnknownPartitionKeyException if the start or end is not a partition
   * @throws IllegalArgumentException if the start comes after the end
   */
  List<String> keysInRange(PartitionKeyRange range, PartitionContext ctx);

  /**
   * Returns the number of partitions, computed without listing them where possible.
   *
   * @param ctx the current time and dynamic partitions
   * @return the number of keys {@link #keys} would return
   */
  int size(PartitionContext ctx);

  /**
   * Describes the definition for people, e.g. {@code daily partitions from 2024-01-01 in
   * Europe/Berlin}.
   *
   * @return the description
   */
  String describe();
}
