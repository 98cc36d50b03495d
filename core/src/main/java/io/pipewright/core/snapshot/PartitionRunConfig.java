package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.Map;

/**
 * The run config and tags of one partition of a job, or the error the user's partitioned-config
 * function raised (Dagster's {@code PartitionConfig}/{@code PartitionTags}).
 */
public sealed interface PartitionRunConfig
    permits PartitionRunConfig.Resolved, PartitionRunConfig.Failed {

  /**
   * Returns the partition's key.
   *
   * @return the key
   */
  String partitionKey();

  /**
   * Returns the config and tags of a partition.
   *
   * @param partitionKey the key
   * @param runConfig the run config, a {@link UserJson} object
   * @param tags the tags, including the partition tags
   * @return the result
   */
  static PartitionRunConfig of(
      String partitionKey, Map<String, Object> runConfig, Map<String, String> tags) {
    return new Resolved(partitionKey, runConfig, tags);
  }

  /**
   * Returns the error the user's code raised for a partition.
   *
   * @param partitionKey the key
   * @param error the error
   * @return the result
   */
  static PartitionRunConfig failed(String partitionKey, ErrorSnapshot error) {
    return new Failed(partitionKey, error);
  }

  /**
   * The config and tags of a partition.
   *
   * @param partitionKey the key; non-blank
   * @param runConfig the run config, in canonical {@link UserJson} form
   * @param tags the tags, including the partition tags
   */
  record Resolved(String partitionKey, Map<String, Object> runConfig, Map<String, String> tags)
      implements PartitionRunConfig {
    /** Validates and copies the components. */
    public Resolved {
      Checks.requireNonBlank(partitionKey, "PartitionRunConfig.Resolved", "partitionKey");
      runConfig =
          UserJson.canonicalObject(runConfig, "the run config of partition " + partitionKey);
      tags = Checks.tags(tags, "PartitionRunConfig.Resolved '" + partitionKey + "'", "tags");
    }
  }

  /**
   * The user's code failed for a partition.
   *
   * @param partitionKey the key; non-blank
   * @param error the error; not null
   */
  record Failed(String partitionKey, ErrorSnapshot error) implements PartitionRunConfig {
    /** Validates the components. */
    public Failed {
      Checks.requireNonBlank(partitionKey, "PartitionRunConfig.Failed", "partitionKey");
      Checks.require(error, "PartitionRunConfig.Failed '" + partitionKey + "'", "error");
    }
  }
}
