package io.pipewright.core.run;

import java.util.Set;

/**
 * Thrown when a run is asked to move to a status that {@link RunStateMachine} does not allow from
 * its current one. This is a programming error in the caller (or a stale read of the run's state),
 * never a user error.
 */
public final class IllegalRunTransitionException extends IllegalStateException {

  private final RunStatus from;
  private final RunStatus to;

  IllegalRunTransitionException(RunStatus from, RunStatus to, Set<RunStatus> allowed) {
    super(message(from, to, allowed));
    this.from = from;
    this.to = to;
  }

  /**
   * Returns the status the run was in.
   *
   * @return the current status of the run
   */
  public RunStatus from() {
    return from;
  }

  /**
   * Returns the status the run was asked to move to.
   *
   * @return the rejected target status
   */
  public RunStatus to() {
    return to;
  }

  private static String message(RunStatus from, RunStatus to, Set<RunStatus> allowed) {
    String prefix = "Illegal run transition " + from + " -> " + to + ": ";
    if (allowed.isEmpty()) {
      return prefix + from + " is terminal, so a run in it cannot change; allowed targets: none.";
    }
    return prefix + "a run in " + from + " may only move to " + allowed + ".";
  }
}
