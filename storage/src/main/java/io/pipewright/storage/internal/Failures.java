package io.pipewright.storage.internal;

import io.pipewright.core.run.RunConflictException;
import io.pipewright.core.run.RunNotFoundException;
import io.pipewright.core.run.RunStatus;

/** The failures every adapter reports alike, with the same messages. */
public final class Failures {

  private Failures() {}

  /**
   * Checks a page size.
   *
   * @param limit the requested size
   * @throws IllegalArgumentException when below 1
   */
  public static void requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("The limit must be 1 or more, got " + limit);
    }
  }

  /**
   * The failure of a run transition whose expected status is stale.
   *
   * @param runId the run
   * @param expected the status the caller expected
   * @param actual the stored status
   * @param next the status the caller wanted
   * @return the exception
   */
  public static RunConflictException runConflict(
      String runId, RunStatus expected, RunStatus actual, RunStatus next) {
    return new RunConflictException(
        runId,
        "Run "
            + runId
            + " is "
            + actual
            + ", not "
            + expected
            + " as expected, so it was not moved to "
            + next
            + "; another writer changed it. Read the run again and decide anew.");
  }

  /**
   * The failure for an unknown run.
   *
   * @param runId the run
   * @return the exception
   */
  public static RunNotFoundException runNotFound(String runId) {
    return new RunNotFoundException(runId, "No run has id " + runId);
  }

  /**
   * The failure for an unknown run used as a paging cursor.
   *
   * @param runId the cursor
   * @return the exception
   */
  public static RunNotFoundException unknownRunCursor(String runId) {
    return new RunNotFoundException(
        runId,
        "The cursor names run " + runId + ", which does not exist; start again without a cursor");
  }
}
