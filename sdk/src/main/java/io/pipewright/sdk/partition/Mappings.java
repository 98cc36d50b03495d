package io.pipewright.sdk.partition;

import io.pipewright.sdk.internal.partition.TimeWindowPartitions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** What the partition mappings share: validation, wording and Dagster's default inference. */
final class Mappings {

  private Mappings() {}

  static void requireCompatible(
      PartitionMapping mapping, PartitionsDefinition upstream, PartitionsDefinition downstream) {
    mapping
        .incompatibility(upstream, downstream)
        .ifPresent(
            reason -> {
              throw new IllegalArgumentException(
                  "The "
                      + mapping.describe()
                      + " cannot relate upstream "
                      + describe(upstream)
                      + " to downstream "
                      + describe(downstream)
                      + ": "
                      + reason);
            });
  }

  /** Checks every key, so that a typo is reported rather than silently mapped to nothing. */
  static void checkKeys(
      PartitionsDefinition definition, Collection<String> keys, PartitionContext ctx) {
    Objects.requireNonNull(keys, "keys");
    for (String key : keys) {
      definition.checkKey(key, ctx);
    }
  }

  static String describe(PartitionsDefinition definition) {
    return definition == null ? "(not partitioned)" : definition.describe();
  }

  static String kind(PartitionsDefinition definition) {
    if (definition instanceof StaticPartitionsDefinition) {
      return "static partitions";
    }
    if (definition instanceof TimeWindowPartitionsDefinition) {
      return "time-window partitions";
    }
    if (definition instanceof DynamicPartitionsDefinition) {
      return "dynamic partitions";
    }
    return "multi-partitions";
  }

  static TimeWindowPartitions timeWindows(PartitionsDefinition definition) {
    return ((TimeWindowPartitionsDefinition) definition).partitions();
  }

  static long now(PartitionContext ctx) {
    Objects.requireNonNull(ctx, "ctx");
    return TimeWindowPartitions.epochSecond(ctx.now());
  }

  static PartitionMapping defaultFor(
      PartitionsDefinition upstream, PartitionsDefinition downstream) {
    if (upstream == null || downstream == null) {
      return PartitionMapping.allPartitions();
    }
    String dimension = inferDimension(upstream, downstream);
    if (dimension != null) {
      return PartitionMapping.multiToSingleDimension(dimension);
    }
    if (upstream instanceof TimeWindowPartitionsDefinition
        && downstream instanceof TimeWindowPartitionsDefinition) {
      return PartitionMapping.timeWindow(0, 0);
    }
    return PartitionMapping.identity();
  }

  /**
   * Returns the dimension through which a multi-partitions definition relates to a single one, as
   * Dagster infers it, or null: the only dimension equal to the single definition, else the only
   * time dimension when the single definition is time windows.
   */
  static String inferDimension(PartitionsDefinition upstream, PartitionsDefinition downstream) {
    boolean upMulti = upstream instanceof MultiPartitionsDefinition;
    boolean downMulti = downstream instanceof MultiPartitionsDefinition;
    if (upMulti == downMulti) {
      return null;
    }
    MultiPartitionsDefinition multi = (MultiPartitionsDefinition) (upMulti ? upstream : downstream);
    PartitionsDefinition single = upMulti ? downstream : upstream;
    List<String> equal = new ArrayList<>();
    List<String> time = new ArrayList<>();
    for (String name : multi.dimensionNames()) {
      PartitionsDefinition dimension = multi.dimension(name);
      if (dimension.equals(single)) {
        equal.add(name);
      }
      if (dimension instanceof TimeWindowPartitionsDefinition) {
        time.add(name);
      }
    }
    if (equal.size() == 1) {
      return equal.get(0);
    }
    if (equal.isEmpty() && time.size() == 1 && single instanceof TimeWindowPartitionsDefinition) {
      return time.get(0);
    }
    return null;
  }
}
