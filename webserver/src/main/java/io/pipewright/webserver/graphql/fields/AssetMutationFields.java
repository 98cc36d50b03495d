package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.asset.AssetIndex;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.ObservationPayload;
import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.RootFieldRegistry;
import io.pipewright.webserver.graphql.RootFields;
import io.pipewright.webserver.graphql.view.AssetDefinitions;
import io.pipewright.webserver.graphql.view.AssetDefinitions.Defined;
import io.pipewright.webserver.graphql.view.AssetViews;
import io.pipewright.webserver.graphql.view.MetadataViews;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.workspace.LoadedLocation;
import io.pipewright.webserver.workspace.LocationEntry;
import io.pipewright.webserver.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The asset mutations: {@code wipeAssets}, {@code reportRunlessAssetEvents}, and adding and
 * deleting dynamic partitions.
 */
@ApplicationScoped
public class AssetMutationFields implements RootFields {

  /**
   * The run id of events that no run produced. Dagster stores them under the empty run id; the
   * event log needs a non-blank one, and no real run has this id (run ids are UUIDs).
   */
  public static final String RUNLESS_RUN_ID = "__runless__";

  private final AssetIndex index;
  private final EventLog events;
  private final DynamicPartitionStore dynamicPartitions;
  private final AssetDefinitions definitions;
  private final AssetViews views;
  private final Workspace workspace;
  private final Clock clock;

  /**
   * Creates the fields.
   *
   * @param index the asset index
   * @param events the event log
   * @param dynamicPartitions the dynamic partitions
   * @param definitions the asset definitions
   * @param views for an asset's partition keys
   * @param workspace the code locations
   * @param clock stamps runless events
   */
  @Inject
  public AssetMutationFields(
      AssetIndex index,
      EventLog events,
      DynamicPartitionStore dynamicPartitions,
      AssetDefinitions definitions,
      AssetViews views,
      Workspace workspace,
      Clock clock) {
    this.index = index;
    this.events = events;
    this.dynamicPartitions = dynamicPartitions;
    this.definitions = definitions;
    this.views = views;
    this.workspace = workspace;
    this.clock = clock;
  }

  @Override
  public void register(RootFieldRegistry registry) {
    registry
        .mutation("wipeAssets", env -> wipe(env.getArgument("assetPartitionRanges")))
        .mutation("reportRunlessAssetEvents", env -> report(env.getArgument("eventParams")))
        .mutation(
            "addDynamicPartition",
            env ->
                addPartition(
                    env.getArgument("repositorySelector"),
                    env.getArgument("partitionsDefName"),
                    env.getArgument("partitionKey")))
        .mutation(
            "deleteDynamicPartitions",
            env ->
                deletePartitions(
                    env.getArgument("repositorySelector"),
                    env.getArgument("partitionsDefName"),
                    env.getArgument("partitionKeys"),
                    Boolean.TRUE.equals(env.getArgument("wipeMaterializations"))));
  }

  private GqlObject wipe(List<Map<String, Object>> ranges) {
    List<AssetKeySnapshot> keys = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      Map<String, Object> range = ranges.get(i);
      AssetKeySnapshot key =
          AssetSelectors.assetKey(
              range.get("assetKey"), "assetPartitionRanges[" + i + "].assetKey");
      if (range.get("partitions") != null) {
        return Errors.message(
            "UnsupportedOperationError",
            "Wiping partitions of "
                + key.toUserString()
                + " is not supported; wipe the whole asset (leave out partitions)");
      }
      if (Await.of(index.asset(key)).isEmpty() && definitions.find(key).isEmpty()) {
        return AssetViews.notFound(key);
      }
      keys.add(key);
    }
    Await.of(index.wipe(keys));
    List<GqlObject> wiped = new ArrayList<>();
    for (AssetKeySnapshot key : keys) {
      wiped.add(
          GqlObject.of("AssetPartitionRange")
              .put("assetKey", MetadataViews.assetKey(key))
              .put("partitionRange", null));
    }
    return GqlObject.of("AssetWipeSuccess").put("assetPartitionRanges", wiped);
  }

  private GqlObject report(Map<String, Object> params) {
    AssetKeySnapshot key = AssetSelectors.assetKey(params.get("assetKey"), "eventParams.assetKey");
    DagsterEventType type = DagsterEventType.valueOf((String) params.get("eventType"));
    String description = (String) params.get("description");
    List<String> partitions = new ArrayList<>();
    if (params.get("partitionKeys") instanceof List<?> list) {
      for (Object partition : list) {
        partitions.add((String) partition);
      }
    }
    if (partitions.isEmpty()) {
      partitions.add(null);
    }
    checkPartitions(key, partitions);
    Instant now = clock.instant();
    List<EventRecord> records = new ArrayList<>();
    for (String partition : partitions) {
      EventPayload payload =
          type == DagsterEventType.ASSET_MATERIALIZATION
              ? new MaterializationPayload(key, description, List.of(), partition)
              : new ObservationPayload(key, description, List.of(), partition);
      String what = type == DagsterEventType.ASSET_MATERIALIZATION ? "Materialized" : "Observed";
      records.add(
          new EventRecord(
              RUNLESS_RUN_ID,
              null,
              0,
              0,
              now,
              type,
              EventLevel.INFO,
              what
                  + " value for asset "
                  + key.toUserString()
                  + (partition == null ? "" : ", partition " + partition)
                  + ", reported without a run",
              payload));
    }
    Await.of(events.append(records));
    return GqlObject.of("ReportRunlessAssetEventsSuccess")
        .put("assetKey", MetadataViews.assetKey(key));
  }

  /** A defined asset's partitions must be its own; an undefined (external) asset's are free. */
  private void checkPartitions(AssetKeySnapshot key, List<String> partitions) {
    Optional<Defined> defined = definitions.find(key);
    if (defined.isEmpty()) {
      return;
    }
    AssetNodeSnapshot node = defined.get().node();
    boolean partitioned = node.isPartitioned();
    if (!partitioned) {
      if (partitions.get(0) != null) {
        throw new BadArgumentException(
            "Asset " + key.toUserString() + " is not partitioned; report it without partitionKeys");
      }
      return;
    }
    if (partitions.get(0) == null) {
      throw new BadArgumentException(
          "Asset " + key.toUserString() + " is partitioned; give the partitionKeys to report");
    }
    List<String> known = views.partitionKeys(defined.get().location(), node);
    List<String> unknown = new ArrayList<>();
    for (String partition : partitions) {
      if (partition == null || !known.contains(partition)) {
        unknown.add(partition);
      }
    }
    if (!unknown.isEmpty()) {
      throw new BadArgumentException(
          "Asset "
              + key.toUserString()
              + " has no partitions "
              + unknown
              + "; its partitions are"
              + " listed by assetNodes { partitionKeys }");
    }
  }

  private GqlObject addPartition(Map<String, Object> selector, String definition, String key) {
    String problem = dynamicDefinitionProblem(selector, definition);
    if (problem != null) {
      return Errors.pythonError(BadArgumentException.class.getName(), problem);
    }
    if (Await.of(dynamicPartitions.has(definition, key))) {
      return GqlObject.of("DuplicateDynamicPartitionError")
          .put(
              "message",
              "Partition "
                  + key
                  + " already exists in dynamic partitions definition "
                  + definition
                  + ".")
          .put("partitionsDefName", definition)
          .put("partitionName", key);
    }
    try {
      Await.of(dynamicPartitions.add(definition, List.of(key)));
    } catch (IllegalArgumentException e) {
      return Errors.pythonError(BadArgumentException.class.getName(), e.getMessage());
    }
    return GqlObject.of("AddDynamicPartitionSuccess")
        .put("partitionsDefName", definition)
        .put("partitionKey", key);
  }

  private GqlObject deletePartitions(
      Map<String, Object> selector, String definition, List<String> keys, boolean wipe) {
    String problem = dynamicDefinitionProblem(selector, definition);
    if (problem != null) {
      return Errors.pythonError(BadArgumentException.class.getName(), problem);
    }
    if (wipe) {
      return Errors.message(
          "UnsupportedOperationError",
          "Wiping the materializations of deleted partitions is not supported; delete them without"
              + " wipeMaterializations (their events stay), or wipe the assets");
    }
    Await.of(dynamicPartitions.delete(definition, keys));
    return GqlObject.of("DeleteDynamicPartitionsSuccess").put("partitionsDefName", definition);
  }

  /**
   * Checks that the selected repository is loaded and uses a dynamic partitions definition of this
   * name (on an asset, or as a dimension of one).
   *
   * @return what is wrong, or null
   */
  private String dynamicDefinitionProblem(Map<String, Object> selector, String definition) {
    String locationName = (String) selector.get("repositoryLocationName");
    if (!AssetSelectors.namesTheRepository(selector)) {
      return "Repository "
          + selector.get("repositoryName")
          + " not found: every code location has one repository, "
          + LoadedLocation.REPOSITORY_NAME;
    }
    Optional<LocationEntry> entry = workspace.entry(locationName);
    if (entry.isEmpty()) {
      return "Location " + locationName + " does not exist.";
    }
    Optional<LoadedLocation> location = entry.get().location();
    if (location.isEmpty()) {
      return "Location "
          + locationName
          + " is not loaded: "
          + entry.get().error().map(e -> e.message()).orElse("");
    }
    List<String> dynamicNames = new ArrayList<>();
    for (AssetNodeSnapshot asset : location.get().snapshot().assets()) {
      collectDynamic(asset.partitions(), dynamicNames);
    }
    if (dynamicNames.contains(definition)) {
      return null;
    }
    return "No dynamic partitions definition named "
        + definition
        + " in "
        + locationName
        + "."
        + LoadedLocation.REPOSITORY_NAME
        + (dynamicNames.isEmpty()
            ? "; it uses no dynamic partitions"
            : "; its dynamic partitions definitions are " + dynamicNames);
  }

  private static void collectDynamic(PartitionsSnapshot partitions, List<String> names) {
    if (partitions instanceof PartitionsSnapshot.Dynamic dynamic) {
      if (!names.contains(dynamic.name())) {
        names.add(dynamic.name());
      }
    } else if (partitions instanceof PartitionsSnapshot.Multi multi) {
      multi.dimensions().forEach(d -> collectDynamic(d.partitions(), names));
    }
  }
}
