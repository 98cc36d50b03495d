package io.pipewright.core.launch;

import io.pipewright.core.internal.Checks;

/**
 * What {@link StepLauncher#launch} did with a request. A launch that failed for good is a result
 * ({@link #rejected}), not an exception: the daemon turns it into a step outcome like any other
 * failure report.
 *
 * @param outcome what happened; not null
 * @param reason for {@link Outcome#REJECTED}, why; null otherwise
 * @param message for {@link Outcome#REJECTED}, the platform's explanation; null otherwise
 */
public record LaunchResult(Outcome outcome, AttemptFailureReason reason, String message) {

  private static final LaunchResult LAUNCHED = new LaunchResult(Outcome.LAUNCHED, null, null);
  private static final LaunchResult ALREADY_LAUNCHED =
      new LaunchResult(Outcome.ALREADY_LAUNCHED, null, null);

  /** What happened to a launch request. */
  public enum Outcome {
    /** The attempt was created now. */
    LAUNCHED,
    /**
     * The attempt existed already (the same attempt was launched before, maybe by a daemon that has
     * since restarted); nothing new was started.
     */
    ALREADY_LAUNCHED,
    /** The attempt could not be created; see {@link #reason()}. */
    REJECTED
  }

  /** Validates the components. */
  public LaunchResult {
    Checks.require(outcome, "LaunchResult", "outcome");
    if ((outcome == Outcome.REJECTED) != (reason != null)) {
      throw new IllegalArgumentException(
          "LaunchResult "
              + outcome
              + (reason == null
                  ? " needs a reason: use LaunchResult.rejected(reason, message)"
                  : " must not have a reason; only REJECTED results do"));
    }
    if (outcome == Outcome.REJECTED) {
      Checks.require(message, "LaunchResult", "message");
    } else if (message != null) {
      throw new IllegalArgumentException("LaunchResult " + outcome + " must not have a message");
    }
  }

  /**
   * The attempt was created now.
   *
   * @return the result
   */
  public static LaunchResult launched() {
    return LAUNCHED;
  }

  /**
   * The attempt existed already; nothing new was started.
   *
   * @return the result
   */
  public static LaunchResult alreadyLaunched() {
    return ALREADY_LAUNCHED;
  }

  /**
   * The attempt could not be created.
   *
   * @param reason why, usually {@link AttemptFailureReason#LAUNCH_FAILED} (worth retrying) or
   *     {@link AttemptFailureReason#CONFIG_ERROR} (not)
   * @param message the platform's explanation
   * @return the result
   */
  public static LaunchResult rejected(AttemptFailureReason reason, String message) {
    return new LaunchResult(Outcome.REJECTED, reason, message);
  }

  /**
   * Tells whether the attempt exists now, created by this call or an earlier one.
   *
   * @return true for {@link Outcome#LAUNCHED} and {@link Outcome#ALREADY_LAUNCHED}
   */
  public boolean isLaunched() {
    return outcome != Outcome.REJECTED;
  }
}
