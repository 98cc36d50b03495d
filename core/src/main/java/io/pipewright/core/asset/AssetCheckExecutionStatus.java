package io.pipewright.core.asset;

/**
 * The status of one execution of an asset check, with the names of Dagster's {@code
 * AssetCheckExecutionRecordStatus} (shown by GraphQL).
 */
public enum AssetCheckExecutionStatus {
  /**
   * The check is planned in a run and not evaluated yet. Reserved: events of type {@code
   * ASSET_CHECK_EVALUATION_PLANNED} carry no payload naming the check yet, so the index does not
   * record them.
   */
  PLANNED,
  /** The check was evaluated and passed. */
  SUCCEEDED,
  /** The check was evaluated and did not pass. */
  FAILED,
  /**
   * The check's run ended without evaluating it. Reserved: derived by readers from the run's
   * status, never stored.
   */
  EXECUTION_FAILED
}
