package io.pipewright.core.instigation;

/** Thrown (as a failed {@code Uni}) by {@link InstigatorStore#updateTick} for an unknown tick. */
public final class TickNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long tickId;

  /**
   * Creates the exception.
   *
   * @param tickId the unknown tick's id
   */
  public TickNotFoundException(long tickId) {
    super("No tick has id " + tickId + "; was it purged by tick retention?");
    this.tickId = tickId;
  }

  /**
   * Returns the unknown tick's id.
   *
   * @return the id
   */
  public long tickId() {
    return tickId;
  }
}
