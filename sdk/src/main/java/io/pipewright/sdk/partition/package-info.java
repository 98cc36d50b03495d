/**
 * Partitions: the slices of an asset or job, as Dagster defines them.
 *
 * <h2>Definitions</h2>
 *
 * A {@link io.pipewright.sdk.partition.PartitionsDefinition} says which partition keys exist:
 *
 * <ul>
 *   <li>{@link io.pipewright.sdk.partition.StaticPartitionsDefinition}: a fixed list ({@code eu},
 *       {@code us});
 *   <li>{@link io.pipewright.sdk.partition.TimeWindowPartitionsDefinition}: hourly, daily, weekly
 *       or monthly windows in a time zone, keyed by the formatted window start ({@code
 *       2024-01-01}), growing as time passes, correct across daylight-saving changes;
 *   <li>{@link io.pipewright.sdk.partition.DynamicPartitionsDefinition}: a named set whose keys are
 *       added and removed at run time through a {@link
 *       io.pipewright.sdk.partition.DynamicPartitionsStore};
 *   <li>{@link io.pipewright.sdk.partition.MultiPartitionsDefinition}: the product of two of the
 *       above, keyed {@code 2024-01-01|eu}.
 * </ul>
 *
 * Because the keys of time windows depend on the current time and dynamic keys on the store, every
 * question takes a {@link io.pipewright.sdk.partition.PartitionContext}; definitions never read the
 * clock. A key that is not a partition is reported by {@link
 * io.pipewright.sdk.partition.PartitionsDefinition#checkKey} with an {@link
 * io.pipewright.sdk.partition.UnknownPartitionKeyException} that shows the valid keys or range and
 * suggests the closest key. {@link io.pipewright.sdk.partition.PartitionKeyRange} names an
 * inclusive range of keys, such as the partitions of a backfill.
 *
 * <h2>Mappings</h2>
 *
 * A {@link io.pipewright.sdk.partition.PartitionMapping} says which upstream partitions a
 * downstream partition depends on, and back: identity, time window (with offsets, across cadences),
 * all partitions, the last {@code n}, an explicit static map, and multi-to-single dimension. {@link
 * io.pipewright.sdk.partition.PartitionMapping#defaultFor} infers Dagster's default, and {@link
 * io.pipewright.sdk.partition.PartitionMapping#incompatibility} explains a mapping that cannot
 * relate two definitions, for load-time validation.
 *
 * <h2>Runs</h2>
 *
 * A partitioned run targets one key or a range. {@link
 * io.pipewright.sdk.partition.PartitionedConfig} gives each key its run config and tags, and {@link
 * io.pipewright.sdk.partition.PartitionTags} names the tags ({@code dagster/partition}, and for
 * ranges {@code dagster/asset_partition_range_start} and {@code _end}).
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * var hourly = TimeWindowPartitionsDefinition.hourly("2024-01-01-00:00")
 *     .withTimezone(ZoneId.of("Europe/Berlin"));
 * var daily = TimeWindowPartitionsDefinition.daily("2024-01-01")
 *     .withTimezone(ZoneId.of("Europe/Berlin"));
 * var ctx = PartitionContext.at(Instant.parse("2024-03-01T00:00:00Z"));
 *
 * daily.checkKey("2024-01-31", ctx);                       // fine
 * PartitionMapping mapping = PartitionMapping.defaultFor(hourly, daily); // time window
 * mapping.upstreamKeys(List.of("2024-01-31"), daily, hourly, ctx);
 * // [2024-01-31-00:00, 2024-01-31-01:00, ..., 2024-01-31-23:00]
 * PartitionMapping.timeWindow(-1, -1).upstreamKeys(List.of("2024-01-31"), daily, daily, ctx);
 * // [2024-01-30]: the previous day
 * }</pre>
 */
package io.pipewright.sdk.partition;
