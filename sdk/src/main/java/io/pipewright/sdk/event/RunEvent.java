package io.pipewright.sdk.event;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a run's event log.
 *
 * @param sequence the event's position in the run's log, increasing; the cursor of event queries
 * @param runId the run's id; not null
 * @param jobName the name of the run's job; not null
 * @param timestamp when the event happened; not null
 * @param type what happened; not null
 * @param level the event's severity; not null
 * @param stepKey the step the event belongs to; null for run-level events
 * @param message a human-readable description; null becomes empty
 * @param data the type-specific payload; may be null
 */
public record RunEvent(
    long sequence,
    String runId,
    String jobName,
    Instant timestamp,
    EventType type,
    LogLevel level,
    String stepKey,
    String message,
    EventData data) {

  /**
   * Validates the event.
   *
   * @param sequence the event's position in the run's log, increasing; the cursor of event queries
   * @param runId the run's id; not null
   * @param jobName the name of the run's job; not null
   * @param timestamp when the event happened; not null
   * @param type what happened; not null
   * @param level the event's severity; not null
   * @param stepKey the step the event belongs to; null for run-level events
   * @param message a human-readable description; null becomes empty
   * @param data the type-specific payload; may be null
   * @throws IllegalArgumentException if the run id, job name, timestamp, type or level is null
   */
  public RunEvent {
    Checks.require(runId, "RunEvent", "runId");
    Checks.require(jobName, "RunEvent", "jobName");
    Checks.require(timestamp, "RunEvent", "timestamp");
    Checks.require(type, "RunEvent", "type");
    Checks.require(level, "RunEvent", "level");
    if (message == null) {
      message = "";
    }
  }

  /**
   * Returns the payload if it is of the given class.
   *
   * <pre>{@code
   * event.data(StepFailureData.class).map(StepFailureData::error)
   * }</pre>
   *
   * @param type the payload class
   * @param <T> the payload type
   * @return the payload, or empty when there is none or it is of another class
   */
  public <T extends EventData> Optional<T> data(Class<T> type) {
    return type.isInstance(data) ? Optional.of(type.cast(data)) : Optional.empty();
  }
}
