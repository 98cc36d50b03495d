package io.pipewright.sdk.partition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps each partition to the partition with the same key on the other side (Dagster's {@code
 * IdentityPartitionMapping}); keys missing on the other side map to nothing. Obtain it with {@link
 * PartitionMapping#identity()}.
 */
public record IdentityPartitionMapping() implements PartitionMapping {

  static final IdentityPartitionMapping INSTANCE = new IdentityPartitionMapping();

  @Override
  public Set<String> upstreamKeys(
      Collection<String> downstreamKeys,
      PartitionsDefinition downstream,
      PartitionsDefinition upstream,
      PartitionContext ctx) {
    return map(downstreamKeys, downstream, upstream, upstream, downstream, ctx);
  }

  @Override
  public Set<String> downstreamKeys(
      Collection<String> upstreamKeys,
      PartitionsDefinition upstream,
      PartitionsDefinition downstream,
      PartitionContext ctx) {
    return map(upstreamKeys, upstream, downstream, upstream, downstream, ctx);
  }

  private Set<String> map(
      Collection<String> keys,
      PartitionsDefinition from,
      PartitionsDefinition to,
      PartitionsDefinition upstream,
      PartitionsDefinition downstream,
      PartitionContext ctx) {
    Mappings.requireCompatible(this, upstream, downstream);
    Mappings.checkKeys(from, keys, ctx);
    if (from.equals(to)) {
      return KeyOrder.ordered(to, keys, ctx);
    }
    List<String> kept = new ArrayList<>(keys.size());
    for (String key : keys) {
      if (to.hasKey(key, ctx)) {
        kept.add(key);
      }
    }
    return KeyOrder.ordered(to, kept, ctx);
  }

  @Override
  public Optional<String> incompatibility(
      PartitionsDefinition upstream, PartitionsDefinition downstream) {
    if (upstream == null || downstream == null) {
      return Optional.of(
          "the identity mapping needs both assets partitioned, but the "
              + (upstream == null ? "upstream" : "downstream")
              + " asset is not; use allPartitions() when the downstream asset is unpartitioned");
    }
    if (upstream.getClass() != downstream.getClass()) {
      return Optional.of(
          "the identity mapping needs partitions of the same kind, but the upstream has "
              + Mappings.kind(upstream)
              + " and the downstream "
              + Mappings.kind(downstream)
              + "; map them with timeWindow(...), staticMap(...) or multiToSingleDimension(...)");
    }
    if (upstream instanceof TimeWindowPartitionsDefinition
        && !Mappings.timeWindows(upstream).sameWindowsAndKeys(Mappings.timeWindows(downstream))) {
      return Optional.of(
          "the identity mapping between time-window partitions needs the same cadence, offsets,"
              + " time zone and key format on both sides, so that keys name the same windows;"
              + " use timeWindow(0, 0), which relates overlapping windows");
    }
    if (upstream instanceof StaticPartitionsDefinition up
        && downstream instanceof StaticPartitionsDefinition down
        && up.keys().stream().noneMatch(key -> down.hasKey(key, null))) {
      return Optional.of(
          "the two static partitions definitions share no key, so the identity mapping relates"
              + " nothing; use staticMap(...) to say which keys correspond");
    }
    if (upstream instanceof MultiPartitionsDefinition up
        && downstream instanceof MultiPartitionsDefinition down
        && !up.dimensionNames().equals(down.dimensionNames())) {
      return Optional.of(
          "the identity mapping between multi-partitions needs the same dimension names, but the"
              + " upstream has "
              + up.dimensionNames()
              + " and the downstream "
              + down.dimensionNames());
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    return "identity partition mapping";
  }
}
