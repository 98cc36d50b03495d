package io.pipewright.core.instigation;

/**
 * Whether an instigator runs (Dagster's {@code InstigatorStatus}); these names are persisted and
 * shown by the GraphQL {@code InstigationStatus} enum.
 */
public enum InstigatorStatus {
  /** Started by a user (or by its code's default status): the daemon ticks it. */
  RUNNING,
  /** Stopped by a user: the daemon does not tick it. */
  STOPPED,
  /**
   * No user decision is stored: the status follows the default status declared in code. A reset
   * returns an instigator to this status.
   */
  DECLARED_IN_CODE
}
