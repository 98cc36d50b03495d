package io.pipewright.core.codelocation;

import io.pipewright.core.internal.Checks;

/**
 * Which partition's run config and tags to compute.
 *
 * @param jobName the partitioned job; non-blank
 * @param partitionKey the partition; non-blank
 */
public record PartitionRunConfigRequest(String jobName, String partitionKey) {

  /** Validates the components. */
  public PartitionRunConfigRequest {
    Checks.requireNonBlank(jobName, "PartitionRunConfigRequest", "jobName");
    Checks.requireNonBlank(partitionKey, "PartitionRunConfigRequest", "partitionKey");
  }
}
