package io.pipewright.core.asset;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import java.time.Instant;

/**
 * One execution of an asset check (Dagster's {@code asset_check_executions} row), recorded when its
 * evaluation event is stored.
 *
 * @param assetKey the checked asset; not null
 * @param checkName the check; non-blank
 * @param partition the checked partition; null when unpartitioned
 * @param runId the run that evaluated it; non-blank
 * @param status the outcome; not null
 * @param evaluationEventId the storage id of the evaluation event
 * @param evaluationTime when it was evaluated; not null
 */
public record AssetCheckExecution(
    AssetKeySnapshot assetKey,
    String checkName,
    String partition,
    String runId,
    AssetCheckExecutionStatus status,
    long evaluationEventId,
    Instant evaluationTime) {

  /** Validates the components. */
  public AssetCheckExecution {
    Checks.require(assetKey, "AssetCheckExecution", "assetKey");
    Checks.requireNonBlank(checkName, "AssetCheckExecution", assetKey, "checkName");
    Checks.requireNonBlank(runId, "AssetCheckExecution", assetKey, "runId");
    Checks.require(status, "AssetCheckExecution", assetKey, "status");
    Checks.require(evaluationTime, "AssetCheckExecution", assetKey, "evaluationTime");
  }
}
