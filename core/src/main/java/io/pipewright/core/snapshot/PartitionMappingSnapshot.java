package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the partitions of an asset map to the partitions of an upstream asset: the sdk's {@code
 * PartitionMapping}, one record per kind.
 */
public sealed interface PartitionMappingSnapshot
    permits PartitionMappingSnapshot.Identity,
        PartitionMappingSnapshot.TimeWindow,
        PartitionMappingSnapshot.All,
        PartitionMappingSnapshot.Last,
        PartitionMappingSnapshot.Static,
        PartitionMappingSnapshot.MultiToSingleDimension {

  /** Each partition depends on the upstream partition with the same key. */
  record Identity() implements PartitionMappingSnapshot {}

  /**
   * Each time window depends on the upstream windows it overlaps, shifted.
   *
   * @param startOffset the shift of the window start, in downstream windows
   * @param endOffset the shift of the window end, in downstream windows
   */
  record TimeWindow(int startOffset, int endOffset) implements PartitionMappingSnapshot {}

  /** Each partition depends on every upstream partition. */
  record All() implements PartitionMappingSnapshot {}

  /**
   * Each partition depends on the newest upstream partitions.
   *
   * @param n how many, at least 1
   */
  record Last(int n) implements PartitionMappingSnapshot {
    /** Validates n. */
    public Last {
      if (n < 1) {
        throw new IllegalArgumentException(
            "PartitionMappingSnapshot.Last needs n of at least 1, got " + n);
      }
    }
  }

  /**
   * An explicit table from upstream keys to downstream keys.
   *
   * @param upstreamToDownstream the downstream keys of each upstream key, in order
   */
  record Static(Map<String, List<String>> upstreamToDownstream)
      implements PartitionMappingSnapshot {
    /** Validates and copies the table. */
    public Static {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      if (upstreamToDownstream != null) {
        for (Map.Entry<String, List<String>> e : upstreamToDownstream.entrySet()) {
          Checks.requireNonBlank(e.getKey(), "PartitionMappingSnapshot.Static", "upstream key");
          copy.put(
              e.getKey(),
              Checks.distinctList(
                  e.getValue(),
                  "PartitionMappingSnapshot.Static",
                  "downstream keys of '" + e.getKey() + "'"));
        }
      }
      upstreamToDownstream = Collections.unmodifiableMap(copy);
    }
  }

  /**
   * A multi-partitioned asset and a single-dimension one map through one dimension.
   *
   * @param dimensionName the dimension; non-blank
   */
  record MultiToSingleDimension(String dimensionName) implements PartitionMappingSnapshot {
    /** Validates the dimension name. */
    public MultiToSingleDimension {
      Checks.requireNonBlank(
          dimensionName, "PartitionMappingSnapshot.MultiToSingleDimension", "dimensionName");
    }
  }
}
