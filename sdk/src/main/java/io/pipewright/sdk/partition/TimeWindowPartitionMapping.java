package io.pipewright.sdk.partition;

import io.pipewright.sdk.internal.partition.TimeWindowMapper;
import io.pipewright.sdk.internal.partition.TimeWindowPartitions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Dagster's {@code TimeWindowPartitionMapping}: a downstream partition depends on every upstream
 * partition whose window overlaps the downstream window, after the window's start is moved by
 * {@code startOffset} and its end by {@code endOffset} downstream windows. With equal cadences this
 * is the identity (plus key format conversion); a daily partition depends on the 24 hours of its
 * day (23 or 25 when the clocks change) of an hourly upstream; an hourly partition depends on the
 * day containing it of a daily upstream.
 *
 * <p>Upstream windows outside the upstream partitions (before its start, after "now") are dropped
 * without error, as Dagster's {@code allow_nonexistent_upstream_partitions=True} does; offsets
 * never reach past the upstream's first or last partition. Both definitions must use one time zone.
 * Obtain it with {@link PartitionMapping#timeWindow(int, int)}.
 *
 * @param startOffset the shift of the window start, in downstream windows
 * @param endOffset the shift of the window end, in downstream windows
 */
public record TimeWindowPartitionMapping(int startOffset, int endOffset)
    implements PartitionMapping {

  @Override
  public Set<String> upstreamKeys(
      Collection<String> downstreamKeys,
      PartitionsDefinition downstream,
      PartitionsDefinition upstream,
      PartitionContext ctx) {
    Mappings.requireCompatible(this, upstream, downstream);
    TimeWindowPartitions down = Mappings.timeWindows(downstream);
    long now = Mappings.now(ctx);
    return TimeWindowMapper.upstream(
        down,
        Mappings.timeWindows(upstream),
        starts(downstream, down, downstreamKeys, ctx, now),
        startOffset,
        endOffset,
        now);
  }

  @Override
  public Set<String> downstreamKeys(
      Collection<String> upstreamKeys,
      PartitionsDefinition upstream,
      PartitionsDefinition downstream,
      PartitionContext ctx) {
    Mappings.requireCompatible(this, upstream, downstream);
    TimeWindowPartitions up = Mappings.timeWindows(upstream);
    long now = Mappings.now(ctx);
    return TimeWindowMapper.downstream(
        up,
        Mappings.timeWindows(downstream),
        starts(upstream, up, upstreamKeys, ctx, now),
        startOffset,
        endOffset,
        now);
  }

  private static List<Long> starts(
      PartitionsDefinition definition,
      TimeWindowPartitions partitions,
      Collection<String> keys,
      PartitionContext ctx,
      long now) {
    List<Long> starts = new ArrayList<>(keys.size());
    for (String key : keys) {
      long start = partitions.partitionBoundary(key, now);
      if (start == TimeWindowPartitions.NOT_A_KEY) {
        definition.checkKey(key, ctx);
      }
      starts.add(start);
    }
    return starts;
  }

  @Override
  public Optional<String> incompatibility(
      PartitionsDefinition upstream, PartitionsDefinition downstream) {
    for (PartitionsDefinition side : new PartitionsDefinition[] {upstream, downstream}) {
      if (!(side instanceof TimeWindowPartitionsDefinition)) {
        return Optional.of(
            "the time window mapping needs time-window partitions on both sides, but the "
                + (side == upstream ? "upstream" : "downstream")
                + " asset has "
                + (side == null ? "none" : Mappings.kind(side))
                + "; use identity(), allPartitions() or staticMap(...) instead");
      }
    }
    TimeWindowPartitionsDefinition up = (TimeWindowPartitionsDefinition) upstream;
    TimeWindowPartitionsDefinition down = (TimeWindowPartitionsDefinition) downstream;
    if (!up.partitions().sameZone(down.partitions())) {
      return Optional.of(
          "the time zones differ (upstream "
              + up.timezone()
              + ", downstream "
              + down.timezone()
              + "); as in Dagster, windows are only related within one time zone, so give both"
              + " definitions the same one");
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    return startOffset == 0 && endOffset == 0
        ? "time window partition mapping"
        : "time window partition mapping with offsets (" + startOffset + ", " + endOffset + ")";
  }
}
