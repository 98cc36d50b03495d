package io.pipewright.core.queue;

import io.pipewright.core.internal.Checks;
import java.util.Map;

/**
 * A run that holds a place under the limits: admitted and not finished ({@code STARTING}, {@code
 * STARTED} or {@code CANCELING}, Dagster's in-progress statuses).
 *
 * @param runId the run's id; non-blank
 * @param tags the run's tags
 */
public record ActiveRun(String runId, Map<String, String> tags) {

  /** Validates and copies the components. */
  public ActiveRun {
    Checks.requireNonBlank(runId, "ActiveRun", "runId");
    tags = Checks.tags(tags, "ActiveRun", runId, "tags");
  }
}
