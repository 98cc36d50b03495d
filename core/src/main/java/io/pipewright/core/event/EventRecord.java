package io.pipewright.core.event;

import io.pipewright.core.internal.Checks;
import java.time.Instant;

/**
 * One entry of a run's event log, as hosts store it and as step workers report it.
 *
 * <p>A step attempt numbers its events from 0 ({@link #sequence()}); the triple (step key, attempt,
 * sequence) identifies an event within a run, so that a batch sent twice is stored once. The
 * storage's own event id, the cursor of event queries, is assigned when the event is appended and
 * is not part of this record.
 *
 * @param runId the run's id; non-blank
 * @param stepKey the step the event belongs to; null for run-level events
 * @param attempt the step attempt, from 1; 0 for run-level events
 * @param sequence the event's position within its attempt (or within the run-level events of its
 *     writer), from 0
 * @param timestamp when the event happened; not null
 * @param type what happened; not null
 * @param level the event's severity; not null
 * @param message a human-readable description; null becomes empty
 * @param payload the type-specific details; may be null
 */
public record EventRecord(
    String runId,
    String stepKey,
    int attempt,
    long sequence,
    Instant timestamp,
    DagsterEventType type,
    EventLevel level,
    String message,
    EventPayload payload) {

  /** Validates the components. */
  public EventRecord {
    Checks.requireNonBlank(runId, "EventRecord", "runId");
    Checks.optionalNonBlank(stepKey, "EventRecord", "stepKey");
    if (stepKey == null ? attempt != 0 : attempt < 1) {
      throw new IllegalArgumentException(
          "EventRecord of run "
              + runId
              + (stepKey == null
                  ? " has no step key, so its attempt must be 0, got " + attempt
                  : ", step " + stepKey + ", needs an attempt of 1 or more, got " + attempt));
    }
    Checks.nonNegative(sequence, "EventRecord", "sequence");
    Checks.require(timestamp, "EventRecord", "timestamp");
    Checks.require(type, "EventRecord", "type");
    Checks.require(level, "EventRecord", "level");
    if (message == null) {
      message = "";
    }
  }

  /**
   * Returns the payload if it is of the given class.
   *
   * @param payloadType the payload class
   * @param <T> the payload type
   * @return the payload, or empty when there is none or it is of another class
   */
  public <T extends EventPayload> java.util.Optional<T> payload(Class<T> payloadType) {
    return payloadType.isInstance(payload)
        ? java.util.Optional.of(payloadType.cast(payload))
        : java.util.Optional.empty();
  }
}
