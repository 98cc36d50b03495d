package io.pipewright.core.backfill;

/**
 * Thrown when a backfill or one of its partitions is asked to move to a status its lifecycle does
 * not allow. A programming error in the caller, or a stale read.
 */
public final class IllegalBackfillTransitionException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which backfill or partition, from what, to what
   */
  public IllegalBackfillTransitionException(String message) {
    super(message);
  }
}
