package io.pipewright.codelocation.service;

import io.pipewright.codelocation.snapshot.ConfigSnapshots;
import io.pipewright.codelocation.snapshot.ErrorSnapshots;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.codelocation.PartitionRunConfigRequest;
import io.pipewright.core.snapshot.PartitionRunConfig;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.asset.AssetSpec;
import io.pipewright.sdk.asset.AssetsDefinition;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.internal.asset.AssetLayer;
import io.pipewright.sdk.partition.InMemoryDynamicPartitionsStore;
import io.pipewright.sdk.partition.PartitionContext;
import io.pipewright.sdk.partition.PartitionsDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lists partition keys and computes the run config of a partition. Keys that depend on the time and
 * on dynamic partitions are computed from the request alone (its time, the host's dynamic keys), so
 * that the answer is a pure function of the request.
 */
public final class PartitionService {

  private final LoadedDefinitions loaded;

  /**
   * Creates the service.
   *
   * @param loaded the location's definitions, or their load errors
   */
  public PartitionService(LoadedDefinitions loaded) {
    this.loaded = loaded;
  }

  /**
   * Lists the partition keys of a job or an asset.
   *
   * @param request the job or asset, the time and the dynamic partitions' keys
   * @return the keys, in the definition's order
   * @throws RequestRejectedException for an unknown or unpartitioned job or asset, invalid dynamic
   *     keys, or definitions that failed to load
   */
  public List<String> partitionKeys(PartitionKeysRequest request) {
    Definitions definitions = loaded.require();
    PartitionsDefinition partitions;
    String what;
    if (request.jobName() != null) {
      JobDefinition job = new JobResolver(loaded).job(request.jobName());
      partitions = partitionsOf(job);
      what = "Job '" + job.name() + "'";
    } else {
      AssetKey key = new AssetKey(request.assetKey().path());
      AssetsDefinition asset = assetDefinition(definitions, key);
      partitions = asset.partitions().orElse(null);
      what = "Asset '" + key.toUserString() + "'";
    }
    if (partitions == null) {
      throw RequestRejectedException.invalid(what + " is not partitioned, so it has no keys");
    }
    InMemoryDynamicPartitionsStore store = new InMemoryDynamicPartitionsStore();
    try {
      request.dynamicPartitions().forEach(store::add);
    } catch (IllegalArgumentException e) {
      throw RequestRejectedException.invalid(
          "The request's dynamic partition keys are invalid: " + e.getMessage());
    }
    return partitions.keys(new PartitionContext(request.currentTime(), store));
  }

  /**
   * Computes the run config and tags of one partition of a job.
   *
   * @param request the job and the partition
   * @return the config and tags, or the error the user's partitioned-config function raised
   * @throws RequestRejectedException for an unknown or unpartitioned job, a key that is not a
   *     partition, or definitions that failed to load
   */
  public PartitionRunConfig partitionRunConfig(PartitionRunConfigRequest request) {
    JobDefinition job = new JobResolver(loaded).job(request.jobName());
    PartitionsDefinition partitions = partitionsOf(job);
    if (partitions == null) {
      throw RequestRejectedException.invalid(
          "Job '" + job.name() + "' is not partitioned, so it has no partition run config");
    }
    AssetLayer layer = job.assetLayer().orElseThrow();
    List<String> keys = List.of(request.partitionKey());
    ExecutionPlanService.checkDynamicKey(
        job.name(), partitions, request.partitionKey(), request.dynamicPartitions());
    if (!ExecutionPlanService.hasDynamicKeys(partitions)) {
      try {
        layer.checkRunPartitions(keys);
      } catch (IllegalArgumentException e) {
        throw RequestRejectedException.invalid(e.getMessage());
      }
    }
    try {
      RunConfig config = layer.runConfigFor(keys);
      Map<String, String> tags = layer.tagsFor(keys);
      return PartitionRunConfig.of(
          request.partitionKey(),
          ConfigSnapshots.runConfig(
              config, "the run config of partition " + request.partitionKey()),
          tags);
    } catch (RuntimeException | StackOverflowError e) {
      return PartitionRunConfig.failed(request.partitionKey(), ErrorSnapshots.of(e));
    }
  }

  private PartitionsDefinition partitionsOf(JobDefinition job) {
    return loaded.assets().partitionsOf(job).orElse(null);
  }

  private static AssetsDefinition assetDefinition(Definitions definitions, AssetKey key) {
    List<String> known = new ArrayList<>();
    for (AssetsDefinition asset : definitions.assets()) {
      for (AssetSpec spec : asset.specs()) {
        if (spec.key().equals(key)) {
          return asset;
        }
        known.add(spec.key().toUserString());
      }
    }
    throw RequestRejectedException.notFound("asset", key.toUserString(), known);
  }
}
