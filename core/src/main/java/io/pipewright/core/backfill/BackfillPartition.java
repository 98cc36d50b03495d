package io.pipewright.core.backfill;

import io.pipewright.core.internal.Checks;

/**
 * One partition of a backfill and its run.
 *
 * @param partitionKey the partition; non-blank
 * @param status where it is; not null
 * @param runId its run; null while {@link BackfillPartitionStatus#PENDING} (and for partitions
 *     canceled before a run was requested)
 */
public record BackfillPartition(String partitionKey, BackfillPartitionStatus status, String runId) {

  /** Validates the components. */
  public BackfillPartition {
    Checks.requireNonBlank(partitionKey, "BackfillPartition", "partitionKey");
    Checks.require(status, "BackfillPartition", partitionKey, "status");
    Checks.optionalNonBlank(runId, "BackfillPartition", partitionKey, "runId");
    if (runId == null
        && status != BackfillPartitionStatus.PENDING
        && status != BackfillPartitionStatus.CANCELED) {
      throw new IllegalArgumentException(
          "BackfillPartition '" + partitionKey + "' is " + status + " without a run id");
    }
  }

  /**
   * A partition whose run is not requested yet.
   *
   * @param partitionKey the partition
   * @return the pending partition
   */
  public static BackfillPartition pending(String partitionKey) {
    return new BackfillPartition(partitionKey, BackfillPartitionStatus.PENDING, null);
  }

  /**
   * Returns this partition in another status, checked against the partition lifecycle.
   *
   * @param next the status
   * @param nextRunId the run (kept when null)
   * @return the changed copy
   * @throws IllegalBackfillTransitionException when the lifecycle forbids the change
   */
  public BackfillPartition withStatus(BackfillPartitionStatus next, String nextRunId) {
    if (!status.canTransitionTo(next)) {
      throw new IllegalBackfillTransitionException(
          "Illegal transition of backfill partition '"
              + partitionKey
              + "' "
              + status
              + " -> "
              + next
              + (status.isTerminal() ? ": " + status + " is terminal" : ""));
    }
    return new BackfillPartition(partitionKey, next, nextRunId == null ? runId : nextRunId);
  }
}
