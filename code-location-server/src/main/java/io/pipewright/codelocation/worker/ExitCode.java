package io.pipewright.codelocation.worker;

/**
 * How {@code execute-step} ends. The events are the truth about a step (only the orchestrator
 * changes run state, from the events it receives); the exit code is what the orchestrator sees when
 * events are missing, and what tells it whether launching the same invocation again can help.
 */
public enum ExitCode {
  /**
   * The step succeeded (STEP_SUCCESS), or was skipped (STEP_SKIPPED); its events were delivered.
   */
  SUCCESS(0),
  /** The step failed for good: a final STEP_FAILURE was reported. */
  STEP_FAILED(1),
  /**
   * The invocation is wrong and the step did not run: malformed arguments, a missing token, an
   * unknown job or step, invalid run config, definitions that fail to load, the wrong code
   * location. Launching it again cannot help; standard error says what to fix.
   */
  BAD_INVOCATION(2),
  /**
   * Events could not be delivered to the event ingest (a rejected token, an ingest unreachable for
   * longer than the sink retries): the orchestrator cannot know what happened from the events.
   */
  EVENTS_NOT_DELIVERED(3),
  /**
   * The attempt failed and the retry policy allows another: STEP_UP_FOR_RETRY was reported with the
   * wait, and the orchestrator launches the next attempt after it.
   */
  UP_FOR_RETRY(4),
  /**
   * The worker itself failed (a bug, or the JVM ran out of memory) without a final event; standard
   * error has the stack trace.
   */
  WORKER_CRASHED(5);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /**
   * The process exit code.
   *
   * @return the code
   */
  public int code() {
    return code;
  }
}
