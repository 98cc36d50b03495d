package io.pipewright.core.pool;

import io.pipewright.core.internal.Checks;
import java.time.Instant;

/**
 * A step waiting for a slot of a pool. Pending steps are served by priority (higher first), then in
 * order of arrival.
 *
 * @param runId the run; non-blank
 * @param stepKey the step; non-blank
 * @param priority the step's priority (the run's {@code dagster/priority}); higher goes first
 * @param enqueueTime when it started waiting; not null
 */
public record PendingStep(String runId, String stepKey, int priority, Instant enqueueTime) {

  /** Validates the components. */
  public PendingStep {
    Checks.requireNonBlank(runId, "PendingStep", "runId");
    Checks.requireNonBlank(stepKey, "PendingStep", runId, "stepKey");
    Checks.require(enqueueTime, "PendingStep", runId, "enqueueTime");
  }
}
