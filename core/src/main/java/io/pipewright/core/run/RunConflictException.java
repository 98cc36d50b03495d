package io.pipewright.core.run;

/**
 * Thrown (as a failed {@code Uni}) by a {@link RunStore} when a run was changed by another writer
 * since the caller read it.
 */
public final class RunConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String runId;

  /**
   * Creates the exception.
   *
   * @param runId the run concerned
   * @param message what happened and what to do about it
   */
  public RunConflictException(String runId, String message) {
    super(message);
    this.runId = runId;
  }

  /**
   * Returns the run concerned.
   *
   * @return the run's id
   */
  public String runId() {
    return runId;
  }
}
