package io.pipewright.core.pool;

import io.pipewright.core.internal.Checks;

/**
 * What {@link PoolStore#claim} did: the step holds a slot now, or waits as a pending step.
 *
 * @param pool the pool
 * @param runId the run
 * @param stepKey the step
 * @param claimed true when the step holds a slot; false when it is pending
 */
public record SlotClaim(String pool, String runId, String stepKey, boolean claimed) {

  /** Validates the components. */
  public SlotClaim {
    Checks.requireNonBlank(pool, "SlotClaim", "pool");
    Checks.requireNonBlank(runId, "SlotClaim", pool, "runId");
    Checks.requireNonBlank(stepKey, "SlotClaim", pool, "stepKey");
  }

  /**
   * The step holds a slot: it may run.
   *
   * @param pool the pool
   * @param runId the run
   * @param stepKey the step
   * @return the outcome
   */
  public static SlotClaim claimed(String pool, String runId, String stepKey) {
    return new SlotClaim(pool, runId, stepKey, true);
  }

  /**
   * The pool is full or others wait first: the step waits and must claim again later.
   *
   * @param pool the pool
   * @param runId the run
   * @param stepKey the step
   * @return the outcome
   */
  public static SlotClaim pending(String pool, String runId, String stepKey) {
    return new SlotClaim(pool, runId, stepKey, false);
  }
}
