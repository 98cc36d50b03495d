package io.pipewright.core.concurrency;

import io.pipewright.core.internal.Checks;

/**
 * A step that holds a slot of its pool: granted and not yet finished with its attempt.
 *
 * @param runId the run; non-blank
 * @param stepKey the concrete step key; non-blank
 * @param pool the pool key; non-blank
 */
public record SlotHolder(String runId, String stepKey, String pool) {

  /** Validates the components. */
  public SlotHolder {
    Checks.requireNonBlank(runId, "SlotHolder", "runId");
    Checks.requireNonBlank(stepKey, "SlotHolder", runId, "stepKey");
    Checks.requireNonBlank(pool, "SlotHolder", stepKey, "pool");
  }
}
