package io.pipewright.sdk.internal.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Out;
import java.util.List;
import java.util.Map;

/**
 * What the engine needs to know about the assets of a job built from assets: which partitions each
 * step's outputs are stored under, and which upstream asset partitions each asset input loads.
 * Plain op jobs have none.
 */
public interface AssetLayer {

  /**
   * The partition keys a step stores its asset outputs under.
   *
   * @param handle the op's handle
   * @param runPartitionKeys the run's partition keys (empty for an unpartitioned run)
   * @return the keys; empty when the op's assets are not partitioned
   */
  List<String> outputPartitions(String handle, List<String> runPartitionKeys);

  /**
   * The partition keys of the upstream asset an input loads, through the input's partition mapping.
   *
   * @param handle the op's handle
   * @param inputName the input
   * @param runPartitionKeys the run's partition keys
   * @return the upstream keys; empty when the upstream asset is not partitioned
   */
  List<String> inputPartitions(String handle, String inputName, List<String> runPartitionKeys);

  /**
   * The output definition of the upstream asset an input loads when no step of the run produces it
   * (its type and IO manager key).
   *
   * @param handle the op's handle
   * @param inputName the input
   * @return the upstream output
   */
  Out sourceOutput(String handle, String inputName);

  /**
   * The assets each step materializes, for ASSET_MATERIALIZATION_PLANNED events.
   *
   * @return op handle to asset keys
   */
  Map<String, List<AssetKey>> plannedAssets();

  /**
   * Checks the partition keys a run asks for.
   *
   * @param runPartitionKeys the keys (empty for an unpartitioned run)
   * @throws IllegalArgumentException naming the bad keys and the valid ones or range
   */
  void checkRunPartitions(List<String> runPartitionKeys);

  /**
   * Config given to every run of these partitions (Dagster's partitioned config).
   *
   * @param runPartitionKeys the run's keys
   * @return the config, merged under the run's own
   */
  default io.pipewright.sdk.config.RunConfig runConfigFor(List<String> runPartitionKeys) {
    return io.pipewright.sdk.config.RunConfig.empty();
  }

  /**
   * Tags given to every run of these partitions ({@code dagster/partition} and friends).
   *
   * @param runPartitionKeys the run's keys
   * @return the tags
   */
  default Map<String, String> tagsFor(List<String> runPartitionKeys) {
    return Map.of();
  }
}
