package io.pipewright.sdk.schedule;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The run a run-status sensor reacts to (the parts of Dagster's {@code DagsterRun} a sensor needs).
 *
 * @param runId the run's id
 * @param jobName the job the run executed
 * @param status the run's status, e.g. {@code SUCCESS} or {@code FAILURE}
 * @param tags the run's tags; never null, unmodifiable
 * @param endTime when the run ended
 * @param failureMessage why the run failed, or null
 */
public record RunInfo(
    String runId,
    String jobName,
    String status,
    Map<String, String> tags,
    Instant endTime,
    String failureMessage) {

  /**
   * Validates and copies the components; null tags become empty.
   *
   * @param runId the run's id
   * @param jobName the job the run executed
   * @param status the run's status, e.g. {@code SUCCESS} or {@code FAILURE}
   * @param tags the run's tags; never null, unmodifiable
   * @param endTime when the run ended
   * @param failureMessage why the run failed, or null
   * @throws NullPointerException if the run id, job name, status or end time is null
   */
  public RunInfo {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(endTime, "endTime");
    tags =
        tags == null || tags.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }
}
