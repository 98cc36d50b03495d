package io.pipewright.webserver.graphql.view;

import io.pipewright.core.snapshot.PartitionMappingSnapshot;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.webserver.graphql.GqlObject;
import java.util.ArrayList;
import java.util.List;

/** Partitions definitions and partition mappings as Dagster shows them on an asset. */
public final class PartitionViews {

  private PartitionViews() {}

  /**
   * Returns a partitions definition.
   *
   * @param partitions the definition; null for an unpartitioned asset
   * @return the {@code PartitionDefinition}, or null
   */
  public static GqlObject definition(PartitionsSnapshot partitions) {
    if (partitions == null) {
      return null;
    }
    List<GqlObject> dimensions = new ArrayList<>();
    if (partitions instanceof PartitionsSnapshot.Multi multi) {
      boolean first = true;
      for (PartitionsSnapshot.Dimension dimension : multi.dimensions()) {
        dimensions.add(
            GqlObject.of("DimensionDefinitionType")
                .put("name", dimension.name())
                .put("description", description(dimension.partitions()))
                .put("type", type(dimension.partitions()))
                .put(
                    "isPrimaryDimension",
                    dimension.partitions() instanceof PartitionsSnapshot.TimeWindow || first)
                .put("dynamicPartitionsDefinitionName", dynamicName(dimension.partitions())));
        first = false;
      }
    } else {
      dimensions.add(
          GqlObject.of("DimensionDefinitionType")
              .put("name", "default")
              .put("description", description(partitions))
              .put("type", type(partitions))
              .put("isPrimaryDimension", true)
              .put("dynamicPartitionsDefinitionName", dynamicName(partitions)));
    }
    return GqlObject.of("PartitionDefinition")
        .put("description", description(partitions))
        .put("type", type(partitions))
        .put("dimensionTypes", dimensions)
        .put("name", dynamicName(partitions))
        .put(
            "fmt",
            partitions instanceof PartitionsSnapshot.TimeWindow window ? window.format() : null);
  }

  /**
   * Returns a partition mapping.
   *
   * @param mapping the mapping; null for the default
   * @return the {@code PartitionMapping}, or null
   */
  public static GqlObject mapping(PartitionMappingSnapshot mapping) {
    if (mapping == null) {
      return null;
    }
    String className;
    String description;
    if (mapping instanceof PartitionMappingSnapshot.Identity) {
      className = "IdentityPartitionMapping";
      description = "Maps each partition to the partition with the same key.";
    } else if (mapping instanceof PartitionMappingSnapshot.TimeWindow window) {
      className = "TimeWindowPartitionMapping";
      description =
          "Maps a time window to the windows offset by "
              + window.startOffset()
              + " to "
              + window.endOffset()
              + ".";
    } else if (mapping instanceof PartitionMappingSnapshot.All) {
      className = "AllPartitionMapping";
      description = "Maps every partition to every upstream partition.";
    } else if (mapping instanceof PartitionMappingSnapshot.Last last) {
      className = "LastPartitionMapping";
      description = "Maps every partition to the last " + last.n() + " upstream partitions.";
    } else if (mapping instanceof PartitionMappingSnapshot.Static fixed) {
      className = "StaticPartitionMapping";
      description = "Maps upstream partitions to downstream ones: " + fixed.upstreamToDownstream();
    } else {
      PartitionMappingSnapshot.MultiToSingleDimension multi =
          (PartitionMappingSnapshot.MultiToSingleDimension) mapping;
      className = "MultiToSingleDimensionPartitionMapping";
      description = "Maps on the dimension " + multi.dimensionName() + ".";
    }
    return GqlObject.of("PartitionMapping")
        .put("className", className)
        .put("description", description);
  }

  private static String type(PartitionsSnapshot partitions) {
    return switch (partitions.kind()) {
      case STATIC -> "STATIC";
      case TIME_WINDOW -> "TIME_WINDOW";
      case DYNAMIC -> "DYNAMIC";
      case MULTI -> "MULTIPARTITIONED";
    };
  }

  private static String dynamicName(PartitionsSnapshot partitions) {
    return partitions instanceof PartitionsSnapshot.Dynamic dynamic ? dynamic.name() : null;
  }

  private static String description(PartitionsSnapshot partitions) {
    if (partitions instanceof PartitionsSnapshot.Static fixed) {
      List<String> quoted = new ArrayList<>();
      fixed.keys().forEach(key -> quoted.add("'" + key + "'"));
      return String.join(", ", quoted);
    }
    if (partitions instanceof PartitionsSnapshot.TimeWindow window) {
      String cadence =
          window.cadence().name().charAt(0) + window.cadence().name().substring(1).toLowerCase();
      return cadence
          + ", starting "
          + window.start()
          + " "
          + window.timezone()
          + (window.end() == null ? "." : ", ending " + window.end() + ".");
    }
    if (partitions instanceof PartitionsSnapshot.Dynamic dynamic) {
      return "Dynamic partitions definition " + dynamic.name();
    }
    PartitionsSnapshot.Multi multi = (PartitionsSnapshot.Multi) partitions;
    List<String> parts = new ArrayList<>();
    for (PartitionsSnapshot.Dimension dimension : multi.dimensions()) {
      parts.add(dimension.name() + ": " + description(dimension.partitions()));
    }
    return "Multi-partitioned, with dimensions: " + String.join("; ", parts);
  }
}
