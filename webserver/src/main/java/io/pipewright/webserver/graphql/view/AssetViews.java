package io.pipewright.webserver.graphql.view;

import io.pipewright.core.asset.AssetIndex;
import io.pipewright.core.asset.AssetRecord;
import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.core.snapshot.AssetDependencySnapshot;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.PartitionMappingSnapshot;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.view.AssetDefinitions.Defined;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.workspace.LoadedLocation;
import io.pipewright.webserver.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assets as Dagster's {@code Asset} (the catalog entry: an asset the event log knows, with its
 * definition when a location defines it) and {@code AssetNode} (a definition in a loaded location,
 * with its dependencies, jobs, partitions and events).
 */
@ApplicationScoped
public class AssetViews {

  private final AssetDefinitions definitions;
  private final AssetIndex index;
  private final AssetEvents events;
  private final AssetCheckViews checks;
  private final DynamicPartitionStore dynamicPartitions;
  private final Workspace workspace;
  private final Provider<JobViews> jobViews;
  private final WorkspaceViews workspaceViews;
  private final Clock clock;

  /**
   * Creates the views.
   *
   * @param definitions the asset definitions of the loaded locations
   * @param index the asset index
   * @param events the assets' events
   * @param checks the asset checks' views
   * @param dynamicPartitions the keys of dynamic partitions
   * @param workspace the code locations, which list time-window partition keys
   * @param jobViews the jobs that materialize an asset
   * @param workspaceViews an asset's repository
   * @param clock the current time, which decides the last time window
   */
  private final AssetPartitionViews partitionViews;

  @Inject
  public AssetViews(
      AssetDefinitions definitions,
      AssetIndex index,
      AssetEvents events,
      AssetCheckViews checks,
      DynamicPartitionStore dynamicPartitions,
      Workspace workspace,
      Provider<JobViews> jobViews,
      WorkspaceViews workspaceViews,
      AssetPartitionViews partitionViews,
      Clock clock) {
    this.partitionViews = partitionViews;
    this.definitions = definitions;
    this.index = index;
    this.events = events;
    this.checks = checks;
    this.dynamicPartitions = dynamicPartitions;
    this.workspace = workspace;
    this.jobViews = jobViews;
    this.workspaceViews = workspaceViews;
    this.clock = clock;
  }

  /**
   * Returns Dagster's id of an asset: its key as a JSON list of strings.
   *
   * @param key the key
   * @return the id, such as {@code ["raw", "orders"]}
   */
  public static String id(AssetKeySnapshot key) {
    List<String> parts = new ArrayList<>();
    key.path().forEach(part -> parts.add(Json.write(part)));
    return "[" + String.join(", ", parts) + "]";
  }

  /**
   * Returns the error for an asset that is neither stored nor defined.
   *
   * @param key the asset
   * @return the {@code AssetNotFoundError}
   */
  public static GqlObject notFound(AssetKeySnapshot key) {
    return GqlObject.of("AssetNotFoundError")
        .put(
            "message",
            "Asset key "
                + key.toUserString()
                + " not found: no loaded code location defines it and no event about it is stored");
  }

  /**
   * Returns an asset of the catalog.
   *
   * @param key the asset
   * @param record what the event log knows of it; null when nothing
   * @return the {@code Asset}
   */
  public GqlObject asset(AssetKeySnapshot key, AssetRecord record) {
    return GqlObject.of("Asset")
        .put("id", id(key))
        .put("key", MetadataViews.assetKey(key))
        .lazy(
            "assetMaterializations",
            env ->
                events.list(
                    DagsterEventType.ASSET_MATERIALIZATION,
                    key,
                    env.getArgument("partitions"),
                    env.getArgument("beforeTimestampMillis"),
                    env.getArgument("afterTimestampMillis"),
                    env.getArgument("limit")))
        .lazy(
            "assetObservations",
            env ->
                events.list(
                    DagsterEventType.ASSET_OBSERVATION,
                    key,
                    env.getArgument("partitions"),
                    env.getArgument("beforeTimestampMillis"),
                    env.getArgument("afterTimestampMillis"),
                    env.getArgument("limit")))
        .lazy("definition", env -> definitions.find(key).map(this::node).orElse(null))
        .put("latestEventSortKey", record == null ? null : latestEventId(record))
        .put(
            "latestMaterializationTimestamp",
            record == null || record.lastMaterializationTime() == null
                ? null
                : (double) record.lastMaterializationTime().toEpochMilli())
        .put(
            "latestObservationTimestamp",
            record == null || record.lastObservationTime() == null
                ? null
                : (double) record.lastObservationTime().toEpochMilli())
        .put("hasDefinitionOrRecord", true);
  }

  /**
   * Returns an asset of the catalog, or its not-found error.
   *
   * @param key the asset
   * @return the {@code Asset} or {@code AssetNotFoundError}
   */
  public GqlObject assetOrError(AssetKeySnapshot key) {
    Optional<AssetRecord> record = Await.of(index.asset(key));
    if (record.isEmpty() && definitions.find(key).isEmpty()) {
      return notFound(key);
    }
    return asset(key, record.orElse(null));
  }

  /**
   * Returns an asset definition.
   *
   * @param defined the definition and its location
   * @return the {@code AssetNode}
   */
  public GqlObject node(Defined defined) {
    AssetNodeSnapshot node = defined.node();
    LoadedLocation location = defined.location();
    AssetKeySnapshot key = node.key();
    PartitionsSnapshot partitions = node.partitions();
    GqlObject object =
        GqlObject.of("AssetNode")
            .put("id", location.name() + "." + LoadedLocation.REPOSITORY_NAME + "." + id(key))
            .put("assetKey", MetadataViews.assetKey(key))
            .lazy(
                "assetMaterializations",
                env ->
                    events.list(
                        DagsterEventType.ASSET_MATERIALIZATION,
                        key,
                        env.getArgument("partitions"),
                        env.getArgument("beforeTimestampMillis"),
                        null,
                        env.getArgument("limit")))
            .lazy(
                "assetObservations",
                env ->
                    events.list(
                        DagsterEventType.ASSET_OBSERVATION,
                        key,
                        env.getArgument("partitions"),
                        env.getArgument("beforeTimestampMillis"),
                        null,
                        env.getArgument("limit")))
            .lazy(
                "latestMaterializationByPartition",
                env -> latestByPartition(key, env.getArgument("partitions")))
            .put("computeKind", node.kinds().isEmpty() ? null : node.kinds().get(0))
            .put("kinds", node.kinds())
            .lazy("description", env -> description(node, env.getArgument("characterLimit")))
            .put("groupName", node.group())
            .put("owners", owners(node.owners()))
            .put("tags", definitionTags(node.tags()))
            .put("metadataEntries", MetadataViews.entries(node.metadata()))
            .put("opName", node.nodeName())
            .put("opNames", node.nodeName() == null ? List.of() : List.of(node.nodeName()))
            .put("opVersion", node.codeVersion())
            .put("graphName", null)
            .put("jobNames", node.jobNames())
            .lazy("jobs", env -> jobs(location, node))
            .lazy("repository", env -> workspaceViews.repository(location))
            .put("dependencyKeys", MetadataViews.assetKeys(node.upstreamKeys()))
            .lazy("dependedByKeys", env -> dependedByKeys(defined))
            .lazy("dependencies", env -> dependencies(defined))
            .lazy("dependedBy", env -> dependedBy(defined))
            .put("isExecutable", node.materializable() || node.observable())
            .put("isObservable", node.observable())
            .put("isMaterializable", node.materializable())
            .put("isPartitioned", node.isPartitioned())
            .put("isVirtual", false)
            .put("isAutoCreatedStub", false)
            .put("partitionDefinition", PartitionViews.definition(partitions))
            .lazy("partitionKeys", env -> partitionKeys(location, node))
            .lazy("partitionStats", env -> partitionStats(location, node))
            .lazy("assetPartitionStatuses", env -> partitionStatuses(location, node))
            .put("pools", List.of())
            .put("hasMaterializePermission", true)
            .put("hasWipePermission", true)
            .put("hasReportRunlessAssetEventPermission", true)
            .lazy("hasAssetChecks", env -> !defined.checks().isEmpty())
            .lazy(
                "assetCheckOrError",
                env -> checks.checkOrError(defined, env.getArgument("checkName")))
            .lazy("assetChecksOrError", env -> checks.checks(defined));
    return object;
  }

  /**
   * Lists an asset's partition keys: a static definition's, a dynamic definition's stored keys, or
   * those the code location computes (time windows, multi-dimensional).
   *
   * @param location the location that defines the asset
   * @param node the asset
   * @return the keys; empty when unpartitioned
   */
  public List<String> partitionKeys(LoadedLocation location, AssetNodeSnapshot node) {
    PartitionsSnapshot partitions = node.partitions();
    if (partitions == null) {
      return List.of();
    }
    if (partitions instanceof PartitionsSnapshot.Static fixed) {
      return fixed.keys();
    }
    if (partitions instanceof PartitionsSnapshot.Dynamic dynamic) {
      return Await.of(dynamicPartitions.keys(dynamic.name()));
    }
    Map<String, List<String>> dynamicKeys = new LinkedHashMap<>();
    if (partitions instanceof PartitionsSnapshot.Multi multi) {
      for (PartitionsSnapshot.Dimension dimension : multi.dimensions()) {
        if (dimension.partitions() instanceof PartitionsSnapshot.Dynamic dynamic) {
          dynamicKeys.put(dynamic.name(), Await.of(dynamicPartitions.keys(dynamic.name())));
        }
      }
    }
    CodeLocationClient client =
        workspace
            .client(location.name())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The code location " + location.name() + " left the workspace"));
    return client.partitionKeys(
        new PartitionKeysRequest(null, node.key(), clock.instant(), dynamicKeys));
  }

  private GqlObject partitionStats(LoadedLocation location, AssetNodeSnapshot node) {
    if (!node.isPartitioned()) {
      return null;
    }
    return AssetPartitionViews.partitionStats(
        partitionViews.statuses(node.key(), partitionKeys(location, node)));
  }

  /**
   * Dagster answers time-partitioned assets with ranges ({@code TimePartitionStatuses}); every
   * asset here gets the per-key form, which the union allows and the UI reads as well.
   */
  private GqlObject partitionStatuses(LoadedLocation location, AssetNodeSnapshot node) {
    List<String> keys = node.isPartitioned() ? partitionKeys(location, node) : List.of();
    return AssetPartitionViews.defaultPartitionStatuses(partitionViews.statuses(node.key(), keys));
  }

  private List<GqlObject> latestByPartition(AssetKeySnapshot key, List<String> partitions) {
    List<GqlObject> latest = new ArrayList<>();
    if (partitions != null) {
      for (String partition : partitions) {
        latest.add(events.latest(DagsterEventType.ASSET_MATERIALIZATION, key, partition));
      }
    }
    return latest;
  }

  private List<GqlObject> jobs(LoadedLocation location, AssetNodeSnapshot node) {
    List<GqlObject> jobs = new ArrayList<>();
    for (String name : node.jobNames()) {
      Optional<JobSnapshot> job = location.job(name);
      job.ifPresent(j -> jobs.add(jobViews.get().job(location, j, "Pipeline")));
    }
    return jobs;
  }

  private static List<GqlObject> dependedByKeys(Defined defined) {
    List<GqlObject> keys = new ArrayList<>();
    defined.downstream().forEach(d -> keys.add(MetadataViews.assetKey(d.key())));
    return keys;
  }

  /** Upstream assets the location defines (an undefined upstream key is only in the keys). */
  private List<GqlObject> dependencies(Defined defined) {
    List<GqlObject> dependencies = new ArrayList<>();
    for (AssetDependencySnapshot dependency : defined.node().dependencies()) {
      defined
          .sibling(dependency.key())
          .ifPresent(
              upstream -> dependencies.add(dependency(upstream, dependency.partitionMapping())));
    }
    return dependencies;
  }

  private List<GqlObject> dependedBy(Defined defined) {
    List<GqlObject> dependents = new ArrayList<>();
    for (Defined downstream : defined.downstream()) {
      PartitionMappingSnapshot mapping = null;
      for (AssetDependencySnapshot dependency : downstream.node().dependencies()) {
        if (dependency.key().equals(defined.key())) {
          mapping = dependency.partitionMapping();
        }
      }
      dependents.add(dependency(downstream, mapping));
    }
    return dependents;
  }

  private GqlObject dependency(Defined asset, PartitionMappingSnapshot mapping) {
    return GqlObject.of("AssetDependency")
        .lazy("asset", env -> node(asset))
        .put("partitionMapping", PartitionViews.mapping(mapping));
  }

  private static String description(AssetNodeSnapshot node, Integer characterLimit) {
    String description = node.description();
    if (description == null || characterLimit == null || description.length() <= characterLimit) {
      return description;
    }
    return description.substring(0, Math.max(0, characterLimit)) + "...";
  }

  /** Owners as Dagster writes them: {@code team:<name>} is a team, anything else an email. */
  private static List<GqlObject> owners(List<String> owners) {
    List<GqlObject> objects = new ArrayList<>();
    for (String owner : owners) {
      objects.add(
          owner.startsWith("team:")
              ? GqlObject.of("TeamAssetOwner").put("team", owner.substring("team:".length()))
              : GqlObject.of("UserAssetOwner").put("email", owner));
    }
    return objects;
  }

  private static List<GqlObject> definitionTags(Map<String, String> tags) {
    List<GqlObject> objects = new ArrayList<>();
    tags.forEach(
        (key, value) ->
            objects.add(GqlObject.of("DefinitionTag").put("key", key).put("value", value)));
    return objects;
  }

  private static Long latestEventId(AssetRecord record) {
    Long materialization = record.lastMaterializationEventId();
    Long observation = record.lastObservationEventId();
    if (materialization == null) {
      return observation;
    }
    return observation == null ? materialization : Math.max(materialization, observation);
  }
}
