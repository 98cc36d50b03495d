package io.pipewright.core.codelocation;

import io.pipewright.core.internal.Checks;
import java.util.List;
import java.util.Map;

/**
 * Which partition's run config and tags to compute.
 *
 * @param jobName the partitioned job; non-blank
 * @param partitionKey the partition; non-blank
 * @param dynamicPartitions the keys of the dynamic partitions definitions the job uses, by name, as
 *     the host stores them; empty when not sent (a dynamic key is then not checked)
 */
public record PartitionRunConfigRequest(
    String jobName, String partitionKey, Map<String, List<String>> dynamicPartitions) {

  /** Validates the components. */
  public PartitionRunConfigRequest {
    Checks.requireNonBlank(jobName, "PartitionRunConfigRequest", "jobName");
    Checks.requireNonBlank(partitionKey, "PartitionRunConfigRequest", "partitionKey");
    dynamicPartitions = DynamicKeys.copy(dynamicPartitions);
  }

  /**
   * A request without dynamic partition keys.
   *
   * @param jobName the job
   * @param partitionKey the partition
   */
  public PartitionRunConfigRequest(String jobName, String partitionKey) {
    this(jobName, partitionKey, Map.of());
  }
}
