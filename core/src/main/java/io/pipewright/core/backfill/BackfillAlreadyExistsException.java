package io.pipewright.core.backfill;

/** Thrown (as a failed {@code Uni}) by {@link BackfillStore#add} when the id is taken. */
public final class BackfillAlreadyExistsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String backfillId;

  /**
   * Creates the exception.
   *
   * @param backfillId the taken id
   */
  public BackfillAlreadyExistsException(String backfillId) {
    super("A backfill with id '" + backfillId + "' exists already; generate a new id");
    this.backfillId = backfillId;
  }

  /**
   * Returns the taken id.
   *
   * @return the backfill id
   */
  public String backfillId() {
    return backfillId;
  }
}
