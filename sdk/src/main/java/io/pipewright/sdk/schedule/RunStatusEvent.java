package io.pipewright.sdk.schedule;

import java.util.Objects;

/**
 * A run reaching an end status, as the event log records it: the input of a run-status sensor. The
 * event id is the position in the event log and the sensor's cursor.
 *
 * @param eventId the event log id of the run's status event ({@code RUN_SUCCESS}, {@code
 *     RUN_FAILURE})
 * @param run the run
 */
public record RunStatusEvent(long eventId, RunInfo run) {

  /**
   * Validates the run.
   *
   * @param eventId the event log id of the run's status event ({@code RUN_SUCCESS}, {@code
   *     RUN_FAILURE})
   * @param run the run
   * @throws NullPointerException if the run is null
   */
  public RunStatusEvent {
    Objects.requireNonNull(run, "run");
  }
}
