package io.pipewright.core.codelocation;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which partition keys to list: those of a job or of an asset, as of a time. The host passes the
 * time and the keys of dynamic partitions (which it stores), so that the code location's answer is
 * a pure function of the request.
 *
 * @param jobName the job; null when {@code assetKey} is set
 * @param assetKey the asset; null when {@code jobName} is set
 * @param currentTime the time that decides the last time window; not null
 * @param dynamicPartitions the keys of each dynamic partitions definition, by its name
 */
public record PartitionKeysRequest(
    String jobName,
    AssetKeySnapshot assetKey,
    Instant currentTime,
    Map<String, List<String>> dynamicPartitions) {

  /** Validates and copies the components. */
  public PartitionKeysRequest {
    Checks.optionalNonBlank(jobName, "PartitionKeysRequest", "jobName");
    if ((jobName == null) == (assetKey == null)) {
      throw new IllegalArgumentException(
          "PartitionKeysRequest needs either a job name or an asset key, not "
              + (jobName == null ? "neither" : "both"));
    }
    Checks.require(currentTime, "PartitionKeysRequest", "currentTime");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (dynamicPartitions != null) {
      dynamicPartitions.forEach((name, keys) -> copy.put(name, List.copyOf(keys)));
    }
    dynamicPartitions = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns a request for the keys of a job.
   *
   * @param jobName the job
   * @param currentTime the current time
   * @return the request, without dynamic partitions
   */
  public static PartitionKeysRequest forJob(String jobName, Instant currentTime) {
    return new PartitionKeysRequest(jobName, null, currentTime, Map.of());
  }

  /**
   * Returns a request for the keys of an asset.
   *
   * @param assetKey the asset
   * @param currentTime the current time
   * @return the request, without dynamic partitions
   */
  public static PartitionKeysRequest forAsset(AssetKeySnapshot assetKey, Instant currentTime) {
    return new PartitionKeysRequest(null, assetKey, currentTime, Map.of());
  }

  /**
   * Returns a copy that carries the keys of dynamic partitions.
   *
   * @param keysByName the keys of each dynamic partitions definition, by its name
   * @return the copy
   */
  public PartitionKeysRequest withDynamicPartitions(Map<String, List<String>> keysByName) {
    return new PartitionKeysRequest(jobName, assetKey, currentTime, keysByName);
  }
}
