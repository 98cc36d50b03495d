package io.pipewright.core.instigation;

/**
 * Thrown when a tick is asked to move to a status its lifecycle ({@link TickStatus}) does not allow
 * from its current one, for example a finished tick being finished again. A programming error in
 * the caller, or a stale read of the tick.
 */
public final class IllegalTickTransitionException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final long tickId;

  /**
   * Creates the exception.
   *
   * @param tickId the tick concerned
   * @param from its current status
   * @param to the rejected status
   */
  public IllegalTickTransitionException(long tickId, TickStatus from, TickStatus to) {
    super(
        "Illegal tick transition "
            + from
            + " -> "
            + to
            + " for tick "
            + tickId
            + ": "
            + (from.isTerminal()
                ? from + " is terminal, so the tick cannot change any more."
                : "a tick in " + from + " may only move to " + from.allowedTargets() + "."));
    this.tickId = tickId;
  }

  /**
   * Returns the tick concerned.
   *
   * @return the tick's id
   */
  public long tickId() {
    return tickId;
  }
}
