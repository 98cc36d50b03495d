package io.pipewright.core.queue;

import io.pipewright.core.internal.Checks;
import java.time.Instant;
import java.util.Map;

/**
 * A run waiting in the queue, as admission sees it.
 *
 * @param runId the run's id; non-blank
 * @param tags the run's tags (limits match them; {@code dagster/priority} orders them)
 * @param enqueuedAt when the run entered the queue; not null
 */
public record QueuedRun(String runId, Map<String, String> tags, Instant enqueuedAt) {

  /** Validates and copies the components. */
  public QueuedRun {
    Checks.requireNonBlank(runId, "QueuedRun", "runId");
    tags = Checks.tags(tags, "QueuedRun", runId, "tags");
    Checks.require(enqueuedAt, "QueuedRun", runId, "enqueuedAt");
  }

  /**
   * Returns the run's priority ({@link RunPriority#of}).
   *
   * @return the priority; higher is admitted first
   */
  public int priority() {
    return RunPriority.of(tags);
  }
}
