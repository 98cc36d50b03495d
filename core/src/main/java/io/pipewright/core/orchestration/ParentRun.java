package io.pipewright.core.orchestration;

import io.pipewright.core.event.EventRecord;
import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * An earlier run of a re-execution chain, as far as re-execution needs it: its id and its events
 * (only the step lifecycle events matter: {@code STEP_OUTPUT}, {@code STEP_SUCCESS}).
 *
 * @param runId the run's id; non-blank
 * @param events its events, in log order
 */
public record ParentRun(String runId, List<EventRecord> events) {

  /** Validates and copies the components. */
  public ParentRun {
    Checks.requireNonBlank(runId, "ParentRun", "runId");
    events = Checks.list(events, "ParentRun", runId, "events");
  }
}
