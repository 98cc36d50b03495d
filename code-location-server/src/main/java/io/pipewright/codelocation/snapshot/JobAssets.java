package io.pipewright.codelocation.snapshot;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.GraphDefinition.NodeInvocation;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.asset.AssetCheckDefinition;
import io.pipewright.sdk.asset.AssetCheckSpec;
import io.pipewright.sdk.asset.AssetsDefinition;
import io.pipewright.sdk.asset.ExternalAssetDefinition;
import io.pipewright.sdk.partition.PartitionsDefinition;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which assets and checks the jobs of a {@link Definitions} run. An asset job's graph holds one
 * top-level node per asset definition, named after it, and one per check definition, so the index
 * is by node name. Jobs of plain ops run no assets.
 */
public final class JobAssets {

  private final Map<String, AssetsDefinition> assetsByNode = new HashMap<>();
  private final Map<String, AssetCheckDefinition> checksByNode = new HashMap<>();

  /**
   * Indexes the assets and checks of definitions.
   *
   * @param definitions the definitions
   */
  public JobAssets(Definitions definitions) {
    for (AssetsDefinition asset : definitions.assets()) {
      if (asset.node().isPresent()) {
        assetsByNode.put(asset.nodeName(), asset);
      }
    }
    for (AssetCheckDefinition check : definitions.assetChecks()) {
      checksByNode.put(check.name(), check);
    }
  }

  /**
   * Returns the assets a job materializes or observes, in the order of its nodes. A multi-asset
   * that the job subsets counts only with the assets whose outputs the job kept.
   *
   * @param job the job
   * @return the keys; empty for a job of plain ops
   */
  public Set<AssetKey> assetsOf(JobDefinition job) {
    Set<AssetKey> keys = new LinkedHashSet<>();
    if (job.assetLayer().isEmpty()) {
      return keys;
    }
    for (NodeInvocation node : job.graph().nodes()) {
      AssetsDefinition asset = assetsByNode.get(node.alias());
      if (asset == null) {
        continue;
      }
      if (asset instanceof ExternalAssetDefinition external) {
        keys.add(external.specs().get(0).key());
        continue;
      }
      List<Out> outputs = node.definition().outputs();
      for (Map.Entry<AssetKey, String> output : asset.outputNames().entrySet()) {
        for (Out out : outputs) {
          if (out.name().equals(output.getValue())) {
            keys.add(output.getKey());
            break;
          }
        }
      }
    }
    return keys;
  }

  /**
   * Returns the checks a job runs.
   *
   * @param job the job
   * @return the checks' specs; empty for a job of plain ops
   */
  public List<AssetCheckSpec> checksOf(JobDefinition job) {
    if (job.assetLayer().isEmpty()) {
      return List.of();
    }
    List<AssetCheckSpec> specs = new java.util.ArrayList<>();
    for (NodeInvocation node : job.graph().nodes()) {
      AssetCheckDefinition check = checksByNode.get(node.alias());
      if (check != null) {
        specs.addAll(check.specs());
      }
    }
    return specs;
  }

  /**
   * Returns the partitions of a job: those of the assets it materializes (an asset job's assets
   * share one partitions definition, or have none).
   *
   * @param job the job
   * @return the partitions, or empty when the job is not partitioned
   */
  public Optional<PartitionsDefinition> partitionsOf(JobDefinition job) {
    if (job.assetLayer().isEmpty()) {
      return Optional.empty();
    }
    for (NodeInvocation node : job.graph().nodes()) {
      AssetsDefinition asset = assetsByNode.get(node.alias());
      if (asset != null && asset.partitions().isPresent()) {
        return asset.partitions();
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the external asset a step observes, if the step is an external asset's observer.
   *
   * @param handle the step's op handle
   * @return the observed asset, or empty
   */
  public Optional<AssetKey> observedBy(String handle) {
    AssetsDefinition asset = assetsByNode.get(handle);
    return asset instanceof ExternalAssetDefinition external
        ? Optional.of(external.specs().get(0).key())
        : Optional.empty();
  }
}
