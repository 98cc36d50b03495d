package io.pipewright.webserver.run;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.run.RunStatus;
import java.util.List;

/**
 * What terminating a run in a given status does: the status changes and the events to write, or why
 * it cannot be done. Pure; {@link RunTerminator} applies it.
 */
public final class Termination {

  private Termination() {}

  /**
   * One event to write.
   *
   * @param type the event type
   * @param level its level
   * @param message its message
   */
  public record Event(DagsterEventType type, EventLevel level, String message) {}

  /**
   * The decision.
   *
   * @param statuses the statuses to move through, in order (each a compare-and-set from the one
   *     before); empty when refused
   * @param events the events to write after the changes
   * @param refusal why it cannot be done; null when it can
   */
  public record Decision(List<RunStatus> statuses, List<Event> events, String refusal) {

    /**
     * Tells whether the run can be terminated.
     *
     * @return true when not refused
     */
    public boolean accepted() {
      return refusal == null;
    }
  }

  /** The message of a run marked canceled by MARK_AS_CANCELED_IMMEDIATELY. */
  static final String FORCED =
      "This run was marked as canceled from outside its execution; resources it created (pods,"
          + " connections) may not have been cleaned up.";

  /**
   * Decides how to terminate a run.
   *
   * @param runId the run, for messages
   * @param status its status
   * @param policy how to terminate it
   * @return the decision
   */
  public static Decision decide(String runId, RunStatus status, TerminatePolicy policy) {
    if (status.isTerminal()) {
      return refuse(
          "Run " + runId + " could not be terminated due to having status " + status + ".");
    }
    if (policy == TerminatePolicy.MARK_AS_CANCELED_IMMEDIATELY) {
      List<RunStatus> path =
          status == RunStatus.STARTED
              // Steps may run in pods: the lifecycle passes through CANCELING even when forced.
              ? List.of(RunStatus.CANCELING, RunStatus.CANCELED)
              : List.of(RunStatus.CANCELED);
      return new Decision(
          path,
          List.of(new Event(DagsterEventType.RUN_CANCELED, EventLevel.WARNING, FORCED)),
          null);
    }
    return switch (status) {
      case NOT_STARTED, QUEUED ->
          new Decision(
              List.of(RunStatus.CANCELED),
              List.of(
                  new Event(
                      DagsterEventType.RUN_CANCELING,
                      EventLevel.INFO,
                      "Canceling run from the queue."),
                  new Event(
                      DagsterEventType.RUN_CANCELED,
                      EventLevel.INFO,
                      "Run canceled before it started.")),
              null);
      case STARTING, STARTED ->
          new Decision(
              List.of(RunStatus.CANCELING),
              List.of(
                  new Event(
                      DagsterEventType.RUN_CANCELING,
                      EventLevel.INFO,
                      "Sending run termination request: the daemon stops the run's steps.")),
              null);
      case CANCELING ->
          refuse(
              "Run "
                  + runId
                  + " is already being canceled (status CANCELING); terminate it with"
                  + " MARK_AS_CANCELED_IMMEDIATELY to mark it canceled now.");
      case MANAGED ->
          refuse(
              "Run "
                  + runId
                  + " could not be terminated due to having status MANAGED: an outside system"
                  + " runs it; terminate it there, or use MARK_AS_CANCELED_IMMEDIATELY.");
      default -> throw new IllegalStateException("Unhandled run status " + status);
    };
  }

  /**
   * Tells whether a safe termination of a run in this status is possible (the API's {@code
   * canTerminate}).
   *
   * @param status the run's status
   * @return true when {@link TerminatePolicy#SAFE_TERMINATE} would be accepted
   */
  public static boolean canTerminate(RunStatus status) {
    return decide("", status, TerminatePolicy.SAFE_TERMINATE).accepted();
  }

  private static Decision refuse(String message) {
    return new Decision(List.of(), List.of(), message);
  }
}
