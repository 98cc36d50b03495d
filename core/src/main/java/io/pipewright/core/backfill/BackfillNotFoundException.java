package io.pipewright.core.backfill;

/** Thrown (as a failed {@code Uni}) by a {@link BackfillStore} for an unknown backfill id. */
public final class BackfillNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String backfillId;

  /**
   * Creates the exception.
   *
   * @param backfillId the unknown id
   */
  public BackfillNotFoundException(String backfillId) {
    super("No backfill has id '" + backfillId + "'");
    this.backfillId = backfillId;
  }

  /**
   * Returns the unknown id.
   *
   * @return the backfill id
   */
  public String backfillId() {
    return backfillId;
  }
}
