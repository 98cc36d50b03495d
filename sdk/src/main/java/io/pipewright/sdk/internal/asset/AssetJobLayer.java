package io.pipewright.sdk.internal.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.NodeDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.asset.AssetIn;
import io.pipewright.sdk.asset.AssetsDefinition;
import io.pipewright.sdk.asset.ExternalAssetDefinition;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.partition.PartitionContext;
import io.pipewright.sdk.partition.PartitionKeyRange;
import io.pipewright.sdk.partition.PartitionMapping;
import io.pipewright.sdk.partition.PartitionedConfig;
import io.pipewright.sdk.partition.PartitionsDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@link AssetLayer} of a job compiled from an asset selection. */
final class AssetJobLayer implements AssetLayer {
  private final String jobName;
  private final AssetGraph graph;
  private final Map<String, AssetsDefinition> byNode;
  private final PartitionsDefinition partitions;
  private final PartitionedConfig partitionedConfig;
  private final Supplier<PartitionContext> context;

  AssetJobLayer(
      String jobName,
      AssetGraph graph,
      Map<String, AssetsDefinition> byNode,
      PartitionsDefinition partitions,
      PartitionedConfig partitionedConfig,
      Supplier<PartitionContext> context) {
    this.jobName = jobName;
    this.graph = graph;
    this.byNode = byNode;
    this.partitions = partitions;
    this.partitionedConfig = partitionedConfig;
    this.context = context;
  }

  /** The definition a step belongs to: the node name is the handle's first segment. */
  private AssetsDefinition definitionFor(String handle) {
    int dot = handle.indexOf('.');
    return byNode.get(dot < 0 ? handle : handle.substring(0, dot));
  }

  @Override
  public List<String> outputPartitions(String handle, List<String> runPartitionKeys) {
    AssetsDefinition def = definitionFor(handle);
    return def != null && def.partitions().isPresent() ? runPartitionKeys : List.of();
  }

  @Override
  public List<String> inputPartitions(
      String handle, String inputName, AssetKey upstream, List<String> runPartitionKeys) {
    AssetsDefinition upstreamDef = graph.definitionOf(upstream);
    if (upstreamDef == null || upstreamDef.partitions().isEmpty()) {
      return null;
    }
    PartitionsDefinition upstreamParts = upstreamDef.partitions().get();
    AssetsDefinition def = definitionFor(handle);
    // A check (not an asset node) reads the partitions of the run of the asset it checks.
    Optional<PartitionsDefinition> downstreamParts =
        def == null ? Optional.ofNullable(partitions) : def.partitions();
    PartitionContext ctx = context.get();
    if (downstreamParts.isEmpty() || runPartitionKeys.isEmpty()) {
      return upstreamParts.keys(ctx);
    }
    PartitionMapping mapping = null;
    if (def != null) {
      AssetIn byName = def.inputs().get(inputName);
      if (byName != null && byName.key().equals(upstream)) {
        mapping = byName.partitionMapping();
      } else {
        // Inner ops of a graph-backed asset name their inputs differently from the graph's.
        for (AssetIn in : def.inputs().values()) {
          if (in.key().equals(upstream) && in.partitionMapping() != null) {
            mapping = in.partitionMapping();
          }
        }
      }
    }
    if (mapping == null) {
      mapping = PartitionMapping.defaultFor(upstreamParts, downstreamParts.get());
    }
    return new ArrayList<>(
        mapping.upstreamKeys(runPartitionKeys, downstreamParts.get(), upstreamParts, ctx));
  }

  @Override
  public Out sourceOutput(AssetKey upstream) {
    AssetsDefinition def = graph.definitionOf(upstream);
    if (def instanceof ExternalAssetDefinition external) {
      return external.sourceOutput();
    }
    NodeDefinition node = def.node().orElseThrow();
    String outputName = def.outputNames().get(upstream);
    if (node instanceof OpDefinition op) {
      return op.output(outputName).orElseThrow();
    }
    GraphDefinition g = (GraphDefinition) node;
    return Out.of(outputName, g.outputs().get(0).type()).forAsset(upstream);
  }

  @Override
  public List<String> expandRange(String start, String end) {
    if (partitions == null) {
      throw new IllegalArgumentException(
          "Job '" + jobName + "' materializes no partitioned asset; run it without partitions.");
    }
    return partitions.keysInRange(PartitionKeyRange.of(start, end), context.get());
  }

  @Override
  public void checkRunPartitions(List<String> runPartitionKeys) {
    if (partitions == null) {
      if (!runPartitionKeys.isEmpty()) {
        throw new IllegalArgumentException(
            "Job '" + jobName + "' materializes no partitioned asset; run it without partitions.");
      }
      return;
    }
    if (runPartitionKeys.isEmpty()) {
      throw new IllegalArgumentException(
          "Job '"
              + jobName
              + "' materializes partitioned assets ("
              + partitions.describe()
              + "); give a partition key or range.");
    }
    PartitionContext ctx = context.get();
    for (String key : runPartitionKeys) {
      partitions.checkKey(key, ctx);
    }
  }

  @Override
  public RunConfig runConfigFor(List<String> runPartitionKeys) {
    if (partitionedConfig == null || runPartitionKeys.isEmpty()) {
      return RunConfig.empty();
    }
    return partitionedConfig.runConfigFor(runPartitionKeys.get(0));
  }

  @Override
  public Map<String, String> tagsFor(List<String> runPartitionKeys) {
    if (runPartitionKeys.isEmpty()) {
      return Map.of();
    }
    PartitionedConfig config =
        partitionedConfig != null
            ? partitionedConfig
            : PartitionedConfig.of(key -> RunConfig.empty());
    if (runPartitionKeys.size() == 1) {
      return config.tagsFor(runPartitionKeys.get(0), partitions);
    }
    return config.tagsFor(
        PartitionKeyRange.of(
            runPartitionKeys.get(0), runPartitionKeys.get(runPartitionKeys.size() - 1)));
  }
}
