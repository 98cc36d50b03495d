package io.pipewright.core.concurrency;

import io.pipewright.core.internal.Checks;
import java.time.Instant;

/**
 * A step that is ready to launch but needs a slot of its pool first.
 *
 * @param runId the run; non-blank
 * @param stepKey the concrete step key; non-blank
 * @param pool the pool key; non-blank
 * @param priority higher is served first (the op's {@code dagster/priority} tag, else the run's)
 * @param since when the step started waiting; not null; earlier is served first among equals
 */
public record PendingStep(String runId, String stepKey, String pool, int priority, Instant since) {

  /** Validates the components. */
  public PendingStep {
    Checks.requireNonBlank(runId, "PendingStep", "runId");
    Checks.requireNonBlank(stepKey, "PendingStep", runId, "stepKey");
    Checks.requireNonBlank(pool, "PendingStep", stepKey, "pool");
    Checks.require(since, "PendingStep", stepKey, "since");
  }
}
