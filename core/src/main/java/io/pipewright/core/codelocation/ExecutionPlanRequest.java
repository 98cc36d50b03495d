package io.pipewright.core.codelocation;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.UserJson;
import java.util.List;
import java.util.Map;

/**
 * What to plan: a job, narrowed by an op or asset selection, with its run config, optionally only
 * some steps (re-execution) and a partition. Build one with {@link #forJob(String)}.
 *
 * @param jobName the job; for assets outside any job, the location's implicit asset job; non-blank
 * @param opSelection op selection clauses such as {@code extract+}; empty for all ops
 * @param assetSelection the assets to materialize; empty for all of the job's
 * @param runConfig the run config, in canonical {@link UserJson} form
 * @param stepKeysToExecute the steps to run (others are loaded from the parent run); empty for all
 * @param partitionKey the partition to run; may be null
 * @param dynamicPartitions the keys of the dynamic partitions definitions the job uses, by name, as
 *     the host stores them, so that the code location can check a dynamic partition key; empty when
 *     not sent (the key is then not checked)
 */
public record ExecutionPlanRequest(
    String jobName,
    List<String> opSelection,
    List<AssetKeySnapshot> assetSelection,
    Map<String, Object> runConfig,
    List<String> stepKeysToExecute,
    String partitionKey,
    Map<String, List<String>> dynamicPartitions) {

  /** Validates and copies the components. */
  public ExecutionPlanRequest {
    Checks.requireNonBlank(jobName, "ExecutionPlanRequest", "jobName");
    opSelection = List.copyOf(opSelection == null ? List.of() : opSelection);
    assetSelection = List.copyOf(assetSelection == null ? List.of() : assetSelection);
    runConfig = UserJson.canonicalObject(runConfig, "the run config of job " + jobName);
    stepKeysToExecute = List.copyOf(stepKeysToExecute == null ? List.of() : stepKeysToExecute);
    Checks.optionalNonBlank(partitionKey, "ExecutionPlanRequest", "partitionKey");
    dynamicPartitions = DynamicKeys.copy(dynamicPartitions);
  }

  /**
   * Starts a request for a job: all its ops and steps, empty run config, no partition.
   *
   * @param jobName the job
   * @return the builder
   */
  public static Builder forJob(String jobName) {
    return new Builder(jobName);
  }

  /** Builds an {@link ExecutionPlanRequest}. */
  public static final class Builder {
    private final String jobName;
    private List<String> opSelection = List.of();
    private List<AssetKeySnapshot> assetSelection = List.of();
    private Map<String, Object> runConfig = Map.of();
    private List<String> stepKeysToExecute = List.of();
    private String partitionKey;
    private Map<String, List<String>> dynamicPartitions = Map.of();

    private Builder(String jobName) {
      this.jobName = jobName;
    }

    /**
     * Selects ops; none selected (the default) means all.
     *
     * @param clauses op selection clauses such as {@code extract+}
     * @return this builder
     */
    public Builder opSelection(List<String> clauses) {
      this.opSelection = clauses;
      return this;
    }

    /**
     * Selects assets to materialize; none (the default) means all of the job's.
     *
     * @param keys the assets
     * @return this builder
     */
    public Builder assetSelection(List<AssetKeySnapshot> keys) {
      this.assetSelection = keys;
      return this;
    }

    /**
     * Sets the run config; empty by default.
     *
     * @param config the run config, a JSON object
     * @return this builder
     */
    public Builder runConfig(Map<String, ?> config) {
      this.runConfig = UserJson.canonicalObject(config, "the run config of job " + jobName);
      return this;
    }

    /**
     * Runs only these steps; all (the default) when empty.
     *
     * @param stepKeys the step keys
     * @return this builder
     */
    public Builder stepKeysToExecute(List<String> stepKeys) {
      this.stepKeysToExecute = stepKeys;
      return this;
    }

    /**
     * Runs one partition; none by default.
     *
     * @param key the partition key
     * @return this builder
     */
    public Builder partitionKey(String key) {
      this.partitionKey = key;
      return this;
    }

    /**
     * Sends the keys of dynamic partitions; none by default.
     *
     * @param keysByName the keys of each dynamic partitions definition, by its name
     * @return this builder
     */
    public Builder dynamicPartitions(Map<String, List<String>> keysByName) {
      this.dynamicPartitions = keysByName;
      return this;
    }

    /**
     * Returns the request.
     *
     * @return the request
     * @throws IllegalArgumentException if a part is invalid
     */
    public ExecutionPlanRequest build() {
      return new ExecutionPlanRequest(
          jobName,
          opSelection,
          assetSelection,
          runConfig,
          stepKeysToExecute,
          partitionKey,
          dynamicPartitions);
    }
  }
}
