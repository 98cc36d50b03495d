package io.pipewright.core.codelocation;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.run.RunStatus;
import java.time.Instant;
import java.util.Map;

/**
 * A run that reached a status a run-status sensor watches: one run-end event, after the sensor's
 * cursor, with the run.
 *
 * @param eventId the event's id in the event log (the sensor's cursor); positive
 * @param runId the run; non-blank
 * @param jobName its job; non-blank
 * @param status the status it reached; not null
 * @param tags its tags
 * @param endTime when it reached the status; not null
 * @param failureMessage why it failed; null unless it failed
 */
public record SensorRunStatus(
    long eventId,
    String runId,
    String jobName,
    RunStatus status,
    Map<String, String> tags,
    Instant endTime,
    String failureMessage) {

  /** Validates and copies the components. */
  public SensorRunStatus {
    if (eventId < 1) {
      throw new IllegalArgumentException(
          "SensorRunStatus needs an event id of 1 or more, got " + eventId);
    }
    Checks.requireNonBlank(runId, "SensorRunStatus", "runId");
    Checks.requireNonBlank(jobName, "SensorRunStatus", runId, "jobName");
    Checks.require(status, "SensorRunStatus", runId, "status");
    tags = Checks.tags(tags, "SensorRunStatus", runId, "tags");
    Checks.require(endTime, "SensorRunStatus", runId, "endTime");
  }
}
