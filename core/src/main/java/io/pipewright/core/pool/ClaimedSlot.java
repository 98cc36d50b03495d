package io.pipewright.core.pool;

import io.pipewright.core.internal.Checks;
import java.time.Instant;

/**
 * A pool slot held by one step of one run.
 *
 * @param runId the run; non-blank
 * @param stepKey the step; non-blank
 * @param claimTime when the slot was claimed; not null
 */
public record ClaimedSlot(String runId, String stepKey, Instant claimTime) {

  /** Validates the components. */
  public ClaimedSlot {
    Checks.requireNonBlank(runId, "ClaimedSlot", "runId");
    Checks.requireNonBlank(stepKey, "ClaimedSlot", runId, "stepKey");
    Checks.require(claimTime, "ClaimedSlot", runId, "claimTime");
  }
}
