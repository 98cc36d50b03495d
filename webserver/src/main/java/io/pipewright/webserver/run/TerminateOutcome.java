package io.pipewright.webserver.run;

import io.pipewright.core.run.Run;

/** What a termination produced (a member of Dagster's {@code TerminateRunResult}). */
public sealed interface TerminateOutcome {

  /**
   * The run is CANCELED, or CANCELING for the daemon to finish.
   *
   * @param run the run after the change
   */
  record Terminated(Run run) implements TerminateOutcome {}

  /**
   * The run cannot be terminated in its status.
   *
   * @param run the run
   * @param message why
   */
  record Refused(Run run, String message) implements TerminateOutcome {}

  /**
   * No run has this id.
   *
   * @param runId the id
   */
  record NotFound(String runId) implements TerminateOutcome {}
}
