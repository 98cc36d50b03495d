package io.pipewright.daemon.schedule;

import io.pipewright.core.snapshot.AssetKeySnapshot;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run that a schedule, sensor or backfill asks for, with its deterministic id.
 *
 * @param runId the run's id, derived from what asked for it ({@code core.schedule.RunIds})
 * @param codeLocation the code location of the job
 * @param jobName the job
 * @param runConfig the run config
 * @param tags the run's tags, system tags included
 * @param assetSelection the assets to materialize; empty for the whole job
 * @param partitionKey the partition; null when not partitioned
 * @param backfillId the backfill that asked for it; null otherwise
 */
public record RunSpec(
    String runId,
    String codeLocation,
    String jobName,
    Map<String, Object> runConfig,
    Map<String, String> tags,
    List<AssetKeySnapshot> assetSelection,
    String partitionKey,
    String backfillId) {

  /** Validates and copies the components. */
  public RunSpec {
    Objects.requireNonNull(runId, "runId must not be null");
    Objects.requireNonNull(codeLocation, "codeLocation must not be null");
    Objects.requireNonNull(jobName, "jobName must not be null");
    runConfig = runConfig == null ? Map.of() : runConfig;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    assetSelection = assetSelection == null ? List.of() : List.copyOf(assetSelection);
  }
}
