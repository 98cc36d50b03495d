package io.pipewright.core.step;

import java.util.Set;

/**
 * Thrown when a step attempt is asked to move to a status that {@link StepAttemptStateMachine} does
 * not allow from its current one: a bug in the caller, never a user error.
 */
public final class IllegalStepAttemptTransitionException extends IllegalStateException {

  private final StepAttemptStatus from;
  private final StepAttemptStatus to;

  IllegalStepAttemptTransitionException(
      StepAttemptStatus from, StepAttemptStatus to, Set<StepAttemptStatus> allowed) {
    super(message(from, to, allowed));
    this.from = from;
    this.to = to;
  }

  /**
   * Returns the status the attempt was in.
   *
   * @return the current status
   */
  public StepAttemptStatus from() {
    return from;
  }

  /**
   * Returns the status the attempt was asked to move to.
   *
   * @return the rejected target status
   */
  public StepAttemptStatus to() {
    return to;
  }

  private static String message(
      StepAttemptStatus from, StepAttemptStatus to, Set<StepAttemptStatus> allowed) {
    String prefix = "Illegal step attempt transition " + from + " -> " + to + ": ";
    if (allowed.isEmpty()) {
      return prefix
          + from
          + " is terminal, so the attempt cannot change; a retry is a new attempt.";
    }
    return prefix + "an attempt in " + from + " may only move to " + allowed + ".";
  }
}
