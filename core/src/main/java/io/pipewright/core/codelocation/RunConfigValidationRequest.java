package io.pipewright.core.codelocation;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.UserJson;
import java.util.List;
import java.util.Map;

/**
 * A run config to check against a job (narrowed by an op or asset selection).
 *
 * @param jobName the job; non-blank
 * @param opSelection op selection clauses; empty for all ops
 * @param assetSelection the assets; empty for all of the job's
 * @param runConfig the run config, in canonical {@link UserJson} form
 * @param partitionKey the partition the run is for, whose partitioned config is merged in before
 *     validating (as planning does); may be null
 */
public record RunConfigValidationRequest(
    String jobName,
    List<String> opSelection,
    List<AssetKeySnapshot> assetSelection,
    Map<String, Object> runConfig,
    String partitionKey) {

  /** Validates and copies the components. */
  public RunConfigValidationRequest {
    Checks.requireNonBlank(jobName, "RunConfigValidationRequest", "jobName");
    opSelection = List.copyOf(opSelection == null ? List.of() : opSelection);
    assetSelection = List.copyOf(assetSelection == null ? List.of() : assetSelection);
    runConfig = UserJson.canonicalObject(runConfig, "the run config of job " + jobName);
    Checks.optionalNonBlank(partitionKey, "RunConfigValidationRequest", "partitionKey");
  }

  /**
   * A request without a partition.
   *
   * @param jobName the job
   * @param opSelection op selection clauses; empty for all ops
   * @param assetSelection the assets; empty for all of the job's
   * @param runConfig the run config
   */
  public RunConfigValidationRequest(
      String jobName,
      List<String> opSelection,
      List<AssetKeySnapshot> assetSelection,
      Map<String, Object> runConfig) {
    this(jobName, opSelection, assetSelection, runConfig, null);
  }

  /**
   * The same request for one partition.
   *
   * @param key the partition key, or {@code null} for none
   * @return the request
   */
  public RunConfigValidationRequest withPartitionKey(String key) {
    return new RunConfigValidationRequest(jobName, opSelection, assetSelection, runConfig, key);
  }

  /**
   * Returns a request for a whole job.
   *
   * @param jobName the job
   * @param runConfig the run config
   * @return the request
   */
  public static RunConfigValidationRequest of(String jobName, Map<String, ?> runConfig) {
    return new RunConfigValidationRequest(
        jobName, List.of(), List.of(), UserJson.canonicalObject(runConfig, "run config"));
  }
}
