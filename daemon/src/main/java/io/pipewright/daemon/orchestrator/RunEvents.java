package io.pipewright.daemon.orchestrator;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.RunFailurePayload;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ErrorSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * The run-level events the daemon's loops write themselves (core's {@code RunProgress} writes the
 * others): admission, and the end of a run that cannot be driven.
 */
public final class RunEvents {

  /** The error class of a run that could not be driven, so that UIs and alerts can tell it. */
  public static final String UNDRIVABLE = "io.pipewright.RunCannotBeDriven";

  private RunEvents() {}

  /**
   * The event of a run admitted from the queue.
   *
   * @param run the run
   * @param now when
   * @return the event
   */
  public static EventRecord starting(Run run, Instant now) {
    return new EventRecord(
        run.runId(),
        null,
        0,
        0,
        now,
        DagsterEventType.RUN_STARTING,
        EventLevel.INFO,
        "Run admitted from the queue; the daemon is starting it.",
        null);
  }

  /**
   * The event that ends a run the daemon cannot drive.
   *
   * @param run the run
   * @param end {@link RunStatus#FAILURE}, or {@link RunStatus#CANCELED} for a canceling run
   * @param reason why, for people
   * @param now when
   * @return the event
   */
  public static EventRecord end(Run run, RunStatus end, String reason, Instant now) {
    if (end == RunStatus.CANCELED) {
      return new EventRecord(
          run.runId(),
          null,
          0,
          0,
          now,
          DagsterEventType.RUN_CANCELED,
          EventLevel.WARNING,
          "Execution of run for \"" + run.jobName() + "\" canceled. " + reason,
          null);
    }
    return new EventRecord(
        run.runId(),
        null,
        0,
        0,
        now,
        DagsterEventType.RUN_FAILURE,
        EventLevel.ERROR,
        "Execution of run for \"" + run.jobName() + "\" failed. " + reason,
        new RunFailurePayload(reason, List.of(), ErrorSnapshot.of(UNDRIVABLE, reason)));
  }
}
