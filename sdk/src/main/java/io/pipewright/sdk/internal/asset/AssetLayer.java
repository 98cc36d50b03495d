package io.pipewright.sdk.internal.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.config.RunConfig;
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
   * The partition keys of an upstream asset that a step loads, through its partition mapping.
   *
   * @param handle the loading op's handle
   * @param inputName the loading input (two inputs may read one asset through different mappings)
   * @param upstream the upstream asset
   * @param runPartitionKeys the run's partition keys
   * @return the upstream keys (possibly none, e.g. a window before the first partition); {@code
   *     null} when the upstream asset is not partitioned
   */
  List<String> inputPartitions(
      String handle, String inputName, AssetKey upstream, List<String> runPartitionKeys);

  /**
   * The output definition under which an upstream asset is stored (its type and IO manager key),
   * for loading it when no step of the run produces it.
   *
   * @param upstream the upstream asset
   * @return the output
   */
  Out sourceOutput(AssetKey upstream);

  /**
   * Expands a partition range of the job's partitions definition.
   *
   * @param start the first key
   * @param end the last key
   * @return every key from start to end, in order
   */
  List<String> expandRange(String start, String end);

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
  default RunConfig runConfigFor(List<String> runPartitionKeys) {
    return RunConfig.empty();
  }

  /**
   * Tags given to runs of these partitions ({@code dagster/partition} and friends).
   *
   * @param runPartitionKeys the run's keys
   * @return the tags
   */
  default Map<String, String> tagsFor(List<String> runPartitionKeys) {
    return Map.of();
  }
}
