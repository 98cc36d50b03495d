package io.pipewright.protocol.mapping;

import com.google.protobuf.Empty;
import io.pipewright.core.snapshot.PartitionMappingSnapshot;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.protocol.v1.DynamicPartitions;
import io.pipewright.protocol.v1.LastPartitionMapping;
import io.pipewright.protocol.v1.MultiPartitions;
import io.pipewright.protocol.v1.MultiToSingleDimensionPartitionMapping;
import io.pipewright.protocol.v1.PartitionDimension;
import io.pipewright.protocol.v1.PartitionMapping;
import io.pipewright.protocol.v1.PartitionsDefinition;
import io.pipewright.protocol.v1.StaticPartitionMapping;
import io.pipewright.protocol.v1.StaticPartitions;
import io.pipewright.protocol.v1.TimeWindowPartitionMapping;
import io.pipewright.protocol.v1.TimeWindowPartitions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps partitions definitions and partition mappings. */
public final class PartitionsMapper {

  private static final EnumBridge<PartitionsSnapshot.Cadence, TimeWindowPartitions.Cadence>
      CADENCE =
          EnumBridge.of(
              PartitionsSnapshot.Cadence.class,
              TimeWindowPartitions.Cadence.values(),
              "CADENCE_",
              "time window cadence");

  private PartitionsMapper() {}

  /**
   * Maps a partitions definition to its message.
   *
   * @param partitions the definition
   * @return the message
   */
  public static PartitionsDefinition toProto(PartitionsSnapshot partitions) {
    PartitionsDefinition.Builder out = PartitionsDefinition.newBuilder();
    if (partitions instanceof PartitionsSnapshot.Static s) {
      out.setStaticPartitions(StaticPartitions.newBuilder().addAllKeys(s.keys()));
    } else if (partitions instanceof PartitionsSnapshot.TimeWindow t) {
      TimeWindowPartitions.Builder w =
          TimeWindowPartitions.newBuilder()
              .setStart(t.start())
              .setCadence(CADENCE.toProto(t.cadence()))
              .setTimezone(t.timezone())
              .setFormat(t.format())
              .setEndOffset(t.endOffset())
              .setMinuteOffset(t.minuteOffset())
              .setHourOffset(t.hourOffset())
              .setDayOffset(t.dayOffset());
      if (t.end() != null) {
        w.setEnd(t.end());
      }
      if (t.cronSchedule() != null) {
        w.setCronSchedule(t.cronSchedule());
      }
      out.setTimeWindow(w);
    } else if (partitions instanceof PartitionsSnapshot.Dynamic d) {
      out.setDynamic(DynamicPartitions.newBuilder().setName(d.name()));
    } else if (partitions instanceof PartitionsSnapshot.Multi m) {
      MultiPartitions.Builder multi = MultiPartitions.newBuilder();
      for (PartitionsSnapshot.Dimension dimension : m.dimensions()) {
        multi.addDimensions(
            PartitionDimension.newBuilder()
                .setName(dimension.name())
                .setPartitions(toProto(dimension.partitions())));
      }
      out.setMulti(multi);
    }
    return out.build();
  }

  /**
   * Maps a partitions definition message to the record.
   *
   * @param partitions the message
   * @return the definition
   */
  public static PartitionsSnapshot toCore(PartitionsDefinition partitions) {
    return switch (partitions.getKindCase()) {
      case STATIC_PARTITIONS ->
          new PartitionsSnapshot.Static(partitions.getStaticPartitions().getKeysList());
      case TIME_WINDOW -> {
        TimeWindowPartitions t = partitions.getTimeWindow();
        yield new PartitionsSnapshot.TimeWindow(
            t.getStart(),
            t.hasEnd() ? t.getEnd() : null,
            CADENCE.toCore(t.getCadence()),
            t.hasCronSchedule() ? t.getCronSchedule() : null,
            t.getTimezone(),
            t.getFormat(),
            t.getEndOffset(),
            t.getMinuteOffset(),
            t.getHourOffset(),
            t.getDayOffset());
      }
      case DYNAMIC -> new PartitionsSnapshot.Dynamic(partitions.getDynamic().getName());
      case MULTI -> {
        List<PartitionsSnapshot.Dimension> dimensions = new ArrayList<>(2);
        for (PartitionDimension d : partitions.getMulti().getDimensionsList()) {
          Protos.require(
              d.hasPartitions(), "PartitionDimension '" + d.getName() + "'", "partitions");
          dimensions.add(new PartitionsSnapshot.Dimension(d.getName(), toCore(d.getPartitions())));
        }
        yield new PartitionsSnapshot.Multi(dimensions);
      }
      case KIND_NOT_SET -> throw Protos.unset("PartitionsDefinition", "kind");
    };
  }

  /**
   * Maps a partition mapping to its message.
   *
   * @param mapping the mapping
   * @return the message
   */
  public static PartitionMapping toProto(PartitionMappingSnapshot mapping) {
    PartitionMapping.Builder out = PartitionMapping.newBuilder();
    if (mapping instanceof PartitionMappingSnapshot.Identity) {
      out.setIdentity(Empty.getDefaultInstance());
    } else if (mapping instanceof PartitionMappingSnapshot.TimeWindow t) {
      out.setTimeWindow(
          TimeWindowPartitionMapping.newBuilder()
              .setStartOffset(t.startOffset())
              .setEndOffset(t.endOffset()));
    } else if (mapping instanceof PartitionMappingSnapshot.All) {
      out.setAll(Empty.getDefaultInstance());
    } else if (mapping instanceof PartitionMappingSnapshot.Last l) {
      out.setLast(LastPartitionMapping.newBuilder().setN(l.n()));
    } else if (mapping instanceof PartitionMappingSnapshot.Static s) {
      StaticPartitionMapping.Builder table = StaticPartitionMapping.newBuilder();
      for (Map.Entry<String, List<String>> e : s.upstreamToDownstream().entrySet()) {
        table.addEntries(
            StaticPartitionMapping.Entry.newBuilder()
                .setUpstreamKey(e.getKey())
                .addAllDownstreamKeys(e.getValue()));
      }
      out.setStaticMapping(table);
    } else if (mapping instanceof PartitionMappingSnapshot.MultiToSingleDimension m) {
      out.setMultiToSingleDimension(
          MultiToSingleDimensionPartitionMapping.newBuilder().setDimensionName(m.dimensionName()));
    }
    return out.build();
  }

  /**
   * Maps a partition mapping message to the record.
   *
   * @param mapping the message
   * @return the mapping
   */
  public static PartitionMappingSnapshot toCore(PartitionMapping mapping) {
    return switch (mapping.getKindCase()) {
      case IDENTITY -> new PartitionMappingSnapshot.Identity();
      case TIME_WINDOW ->
          new PartitionMappingSnapshot.TimeWindow(
              mapping.getTimeWindow().getStartOffset(), mapping.getTimeWindow().getEndOffset());
      case ALL -> new PartitionMappingSnapshot.All();
      case LAST -> new PartitionMappingSnapshot.Last(mapping.getLast().getN());
      case STATIC_MAPPING -> {
        Map<String, List<String>> table = new LinkedHashMap<>();
        for (StaticPartitionMapping.Entry e : mapping.getStaticMapping().getEntriesList()) {
          if (table.put(e.getUpstreamKey(), e.getDownstreamKeysList()) != null) {
            throw new IllegalArgumentException(
                "StaticPartitionMapping lists the upstream key '" + e.getUpstreamKey() + "' twice");
          }
        }
        yield new PartitionMappingSnapshot.Static(table);
      }
      case MULTI_TO_SINGLE_DIMENSION ->
          new PartitionMappingSnapshot.MultiToSingleDimension(
              mapping.getMultiToSingleDimension().getDimensionName());
      case KIND_NOT_SET -> throw Protos.unset("PartitionMapping", "kind");
    };
  }
}
