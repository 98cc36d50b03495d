package io.pipewright.sdk.partition;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every downstream partition, or the unpartitioned downstream asset, depends on every upstream
 * partition (Dagster's {@code AllPartitionMapping}, its default when the downstream asset is not
 * partitioned). It relates any two definitions. Obtain it with {@link
 * PartitionMapping#allPartitions()}.
 */
public record AllPartitionMapping() implements PartitionMapping {

  static final AllPartitionMapping INSTANCE = new AllPartitionMapping();

  @Override
  public Set<String> upstreamKeys(
      Collection<String> downstreamKeys,
      PartitionsDefinition downstream,
      PartitionsDefinition upstream,
      PartitionContext ctx) {
    if (downstream != null) {
      Mappings.checkKeys(downstream, downstreamKeys, ctx);
      if (downstreamKeys.isEmpty()) {
        return Set.of();
      }
    }
    return upstream == null
        ? Set.of()
        : Collections.unmodifiableSet(new LinkedHashSet<>(upstream.keys(ctx)));
  }

  @Override
  public Set<String> downstreamKeys(
      Collection<String> upstreamKeys,
      PartitionsDefinition upstream,
      PartitionsDefinition downstream,
      PartitionContext ctx) {
    if (upstream != null) {
      Mappings.checkKeys(upstream, upstreamKeys, ctx);
    }
    if (downstream == null || upstreamKeys.isEmpty()) {
      return Set.of();
    }
    return Collections.unmodifiableSet(new LinkedHashSet<>(downstream.keys(ctx)));
  }

  @Override
  public Optional<String> incompatibility(
      PartitionsDefinition upstream, PartitionsDefinition downstream) {
    return Optional.empty();
  }

  @Override
  public String describe() {
    return "all partitions mapping";
  }
}
