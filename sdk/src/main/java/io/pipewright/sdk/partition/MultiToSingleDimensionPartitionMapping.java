package io.pipewright.sdk.partition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Dagster's {@code MultiToSingleDimensionPartitionMapping}: relates a multi-partitioned asset and a
 * single-dimension asset (either may be upstream) through one dimension. A single key {@code X}
 * relates to every multi-partition key whose part in the dimension is {@code X}: a daily report
 * depends on {@code 2024-01-01|eu} and {@code 2024-01-01|us} of a date-by-region upstream.
 *
 * <p>The dimension's definition must equal the single asset's, or both must be time windows in one
 * time zone, in which case parts relate as {@link TimeWindowPartitionMapping} relates windows (e.g.
 * an hourly dimension to a daily asset). Obtain it with {@link
 * PartitionMapping#multiToSingleDimension(String)}.
 *
 * @param dimensionName the dimension of the multi-partitions definition to map through
 */
public record MultiToSingleDimensionPartitionMapping(String dimensionName)
    implements PartitionMapping {

  /**
   * Validates the dimension name.
   *
   * @param dimensionName the dimension of the multi-partitions definition to map through
   * @throws IllegalArgumentException if it is null or blank
   */
  public MultiToSingleDimensionPartitionMapping {
    if (dimensionName == null || dimensionName.isBlank()) {
      throw new IllegalArgumentException(
          "multiToSingleDimension(name) needs the name of a dimension of the multi-partitions"
              + " definition, got "
              + (dimensionName == null ? "null" : "a blank name"));
    }
  }

  @Override
  public Set<String> upstreamKeys(
      Collection<String> downstreamKeys,
      PartitionsDefinition downstream,
      PartitionsDefinition upstream,
      PartitionContext ctx) {
    Mappings.requireCompatible(this, upstream, downstream);
    if (upstream instanceof MultiPartitionsDefinition multi) {
      PartitionsDefinition dimension = multi.dimension(dimensionName);
      Set<String> parts =
          partMapping(dimension, downstream)
              .upstreamKeys(downstreamKeys, downstream, dimension, ctx);
      return ordered(multi.keysWith(dimensionName, parts, ctx));
    }
    MultiPartitionsDefinition multi = (MultiPartitionsDefinition) downstream;
    PartitionsDefinition dimension = multi.dimension(dimensionName);
    Mappings.checkKeys(multi, downstreamKeys, ctx);
    return partMapping(upstream, dimension)
        .upstreamKeys(parts(multi, downstreamKeys), dimension, upstream, ctx);
  }

  @Override
  public Set<String> downstreamKeys(
      Collection<String> upstreamKeys,
      PartitionsDefinition upstream,
      PartitionsDefinition downstream,
      PartitionContext ctx) {
    Mappings.requireCompatible(this, upstream, downstream);
    if (downstream instanceof MultiPartitionsDefinition multi) {
      PartitionsDefinition dimension = multi.dimension(dimensionName);
      Set<String> parts =
          partMapping(upstream, dimension).downstreamKeys(upstreamKeys, upstream, dimension, ctx);
      return ordered(multi.keysWith(dimensionName, parts, ctx));
    }
    MultiPartitionsDefinition multi = (MultiPartitionsDefinition) upstream;
    PartitionsDefinition dimension = multi.dimension(dimensionName);
    Mappings.checkKeys(multi, upstreamKeys, ctx);
    return partMapping(dimension, downstream)
        .downstreamKeys(parts(multi, upstreamKeys), dimension, downstream, ctx);
  }

  private List<String> parts(MultiPartitionsDefinition multi, Collection<String> keys) {
    List<String> parts = new ArrayList<>(keys.size());
    for (String key : keys) {
      parts.add(multi.part(key, dimensionName));
    }
    return parts;
  }

  /** The mapping between the dimension's parts and the single keys. */
  private static PartitionMapping partMapping(
      PartitionsDefinition upstream, PartitionsDefinition downstream) {
    return upstream.equals(downstream)
        ? PartitionMapping.identity()
        : PartitionMapping.timeWindow(0, 0);
  }

  private static Set<String> ordered(List<String> keys) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(keys));
  }

  @Override
  public Optional<String> incompatibility(
      PartitionsDefinition upstream, PartitionsDefinition downstream) {
    if (upstream == null || downstream == null) {
      return Optional.of(
          "the multi-to-single-dimension mapping needs both assets partitioned, but the "
              + (upstream == null ? "upstream" : "downstream")
              + " asset is not");
    }
    boolean upMulti = upstream instanceof MultiPartitionsDefinition;
    boolean downMulti = downstream instanceof MultiPartitionsDefinition;
    if (upMulti == downMulti) {
      return Optional.of(
          "the multi-to-single-dimension mapping needs exactly one multi-partitioned asset, but "
              + (upMulti ? "both are" : "neither is"));
    }
    MultiPartitionsDefinition multi = (MultiPartitionsDefinition) (upMulti ? upstream : downstream);
    PartitionsDefinition single = upMulti ? downstream : upstream;
    if (!multi.hasDimension(dimensionName)) {
      return Optional.of(
          "the multi-partitions definition has no dimension '"
              + dimensionName
              + "'; its dimensions are "
              + multi.dimensionNames());
    }
    PartitionsDefinition dimension = multi.dimension(dimensionName);
    if (dimension.equals(single)) {
      return Optional.empty();
    }
    if (dimension instanceof TimeWindowPartitionsDefinition time
        && single instanceof TimeWindowPartitionsDefinition other) {
      return time.partitions().sameZone(other.partitions())
          ? Optional.empty()
          : Optional.of(
              "dimension '"
                  + dimensionName
                  + "' is in time zone "
                  + time.timezone()
                  + " but the single-dimension asset in "
                  + other.timezone()
                  + "; give both the same time zone");
    }
    return Optional.of(
        "dimension '"
            + dimensionName
            + "' has "
            + dimension.describe()
            + " but the single-dimension asset has "
            + single.describe()
            + "; they must be equal (or both time windows in one time zone)");
  }

  @Override
  public String describe() {
    return "multi-to-single-dimension partition mapping through dimension '" + dimensionName + "'";
  }
}
