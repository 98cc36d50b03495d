package io.pipewright.sdk.partition;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every downstream partition, or the unpartitioned downstream asset, depends on the newest {@code
 * n} upstream partitions (Dagster's {@code LastPartitionMapping} is {@code n = 1}). Conversely,
 * upstream partitions affect every downstream partition when one of them is among the newest {@code
 * n}, and none otherwise. Obtain it with {@link PartitionMapping#lastPartitions(int)}.
 *
 * @param n how many of the newest upstream partitions, at least 1
 */
public record LastPartitionMapping(int n) implements PartitionMapping {

  /**
   * Validates the count.
   *
   * @param n how many of the newest upstream partitions
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public LastPartitionMapping {
    if (n < 1) {
      throw new IllegalArgumentException(
          "lastPartitions(n) needs n >= 1, got " + n + "; for none, do not depend on the asset");
    }
  }

  @Override
  public Set<String> upstreamKeys(
      Collection<String> downstreamKeys,
      PartitionsDefinition downstream,
      PartitionsDefinition upstream,
      PartitionContext ctx) {
    Mappings.requireCompatible(this, upstream, downstream);
    if (downstream != null) {
      Mappings.checkKeys(downstream, downstreamKeys, ctx);
      if (downstreamKeys.isEmpty()) {
        return Set.of();
      }
    }
    return Collections.unmodifiableSet(new LinkedHashSet<>(last(upstream, ctx)));
  }

  @Override
  public Set<String> downstreamKeys(
      Collection<String> upstreamKeys,
      PartitionsDefinition upstream,
      PartitionsDefinition downstream,
      PartitionContext ctx) {
    Mappings.requireCompatible(this, upstream, downstream);
    Mappings.checkKeys(upstream, upstreamKeys, ctx);
    if (downstream == null || upstreamKeys.isEmpty()) {
      return Set.of();
    }
    List<String> last = last(upstream, ctx);
    for (String key : upstreamKeys) {
      if (last.contains(key)) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(downstream.keys(ctx)));
      }
    }
    return Set.of();
  }

  private List<String> last(PartitionsDefinition upstream, PartitionContext ctx) {
    if (upstream instanceof TimeWindowPartitionsDefinition t) {
      // Without listing a decade of hourly keys to keep the last few.
      return t.partitions().lastKeys(n, Mappings.now(ctx));
    }
    List<String> keys = upstream.keys(ctx);
    return keys.subList(Math.max(0, keys.size() - n), keys.size());
  }

  @Override
  public Optional<String> incompatibility(
      PartitionsDefinition upstream, PartitionsDefinition downstream) {
    return upstream == null
        ? Optional.of(
            "the last partitions mapping needs a partitioned upstream asset; an unpartitioned one"
                + " needs no partition mapping")
        : Optional.empty();
  }

  @Override
  public String describe() {
    return n == 1 ? "last partition mapping" : "last " + n + " partitions mapping";
  }
}
