package io.pipewright.codelocation.snapshot;

import io.pipewright.core.snapshot.PartitionMappingSnapshot;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.sdk.internal.schedule.PartitionedSchedules;
import io.pipewright.sdk.partition.AllPartitionMapping;
import io.pipewright.sdk.partition.DynamicPartitionsDefinition;
import io.pipewright.sdk.partition.IdentityPartitionMapping;
import io.pipewright.sdk.partition.LastPartitionMapping;
import io.pipewright.sdk.partition.MultiPartitionsDefinition;
import io.pipewright.sdk.partition.MultiToSingleDimensionPartitionMapping;
import io.pipewright.sdk.partition.PartitionMapping;
import io.pipewright.sdk.partition.PartitionsDefinition;
import io.pipewright.sdk.partition.StaticPartitionMapping;
import io.pipewright.sdk.partition.StaticPartitionsDefinition;
import io.pipewright.sdk.partition.TimeWindowPartitionMapping;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Translates the sdk's partitions definitions and partition mappings into core's records. */
public final class PartitionSnapshots {

  private PartitionSnapshots() {}

  /**
   * Translates a partitions definition.
   *
   * @param partitions the definition, or null
   * @return the record, or null for null
   */
  public static PartitionsSnapshot of(PartitionsDefinition partitions) {
    if (partitions == null) {
      return null;
    }
    if (partitions instanceof StaticPartitionsDefinition statik) {
      return new PartitionsSnapshot.Static(statik.keys());
    }
    if (partitions instanceof DynamicPartitionsDefinition dynamic) {
      return new PartitionsSnapshot.Dynamic(dynamic.name());
    }
    if (partitions instanceof TimeWindowPartitionsDefinition time) {
      return new PartitionsSnapshot.TimeWindow(
          time.start(),
          time.end().orElse(null),
          PartitionsSnapshot.Cadence.valueOf(time.scheduleType().name()),
          PartitionedSchedules.cronFor(time),
          time.timezone().getId(),
          time.format(),
          time.endOffset(),
          time.minuteOffset(),
          time.hourOffset(),
          time.dayOffset());
    }
    MultiPartitionsDefinition multi = (MultiPartitionsDefinition) partitions;
    List<PartitionsSnapshot.Dimension> dimensions = new ArrayList<>(2);
    for (Map.Entry<String, PartitionsDefinition> e : multi.dimensions().entrySet()) {
      dimensions.add(new PartitionsSnapshot.Dimension(e.getKey(), of(e.getValue())));
    }
    return new PartitionsSnapshot.Multi(dimensions);
  }

  /**
   * Translates a partition mapping. A static mapping's keys are sorted: the sdk keeps them in the
   * order the user's map gave, which for {@code Map.of} changes from one JVM to the next, and the
   * snapshot's content hash must not.
   *
   * @param mapping the mapping, or null for the default
   * @return the record, or null for null
   */
  public static PartitionMappingSnapshot mapping(PartitionMapping mapping) {
    if (mapping == null) {
      return null;
    }
    if (mapping instanceof IdentityPartitionMapping) {
      return new PartitionMappingSnapshot.Identity();
    }
    if (mapping instanceof AllPartitionMapping) {
      return new PartitionMappingSnapshot.All();
    }
    if (mapping instanceof TimeWindowPartitionMapping time) {
      return new PartitionMappingSnapshot.TimeWindow(time.startOffset(), time.endOffset());
    }
    if (mapping instanceof LastPartitionMapping last) {
      return new PartitionMappingSnapshot.Last(last.n());
    }
    if (mapping instanceof StaticPartitionMapping statik) {
      Map<String, List<String>> table = new LinkedHashMap<>();
      for (Map.Entry<String, Set<String>> e :
          new TreeMap<>(statik.upstreamToDownstream()).entrySet()) {
        List<String> downstream = new ArrayList<>(e.getValue());
        downstream.sort(null);
        table.put(e.getKey(), downstream);
      }
      return new PartitionMappingSnapshot.Static(table);
    }
    return new PartitionMappingSnapshot.MultiToSingleDimension(
        ((MultiToSingleDimensionPartitionMapping) mapping).dimensionName());
  }
}
