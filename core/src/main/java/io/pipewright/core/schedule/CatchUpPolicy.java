package io.pipewright.core.schedule;

/**
 * What a schedule does with the ticks it missed while no daemon ran (Dagster's {@code
 * max_catchup_runs}): run the latest of them up to a maximum, or only the latest one. Older missed
 * ticks are dropped, never run late.
 *
 * @param maxTicks at most this many missed ticks run, the latest ones; 1 or more
 */
public record CatchUpPolicy(int maxTicks) {

  /** Dagster's default: the latest five missed ticks. */
  public static final CatchUpPolicy DEFAULT = allMissedUpTo(5);

  /** Validates the maximum. */
  public CatchUpPolicy {
    if (maxTicks < 1) {
      throw new IllegalArgumentException(
          "A catch-up policy runs at least the latest missed tick; got a maximum of "
              + maxTicks
              + ". Use latestOnly() to run only the latest one.");
    }
  }

  /**
   * Runs the missed ticks, the latest {@code max} of them.
   *
   * @param max the maximum; 1 or more
   * @return the policy
   */
  public static CatchUpPolicy allMissedUpTo(int max) {
    return new CatchUpPolicy(max);
  }

  /**
   * Runs only the latest missed tick.
   *
   * @return the policy
   */
  public static CatchUpPolicy latestOnly() {
    return new CatchUpPolicy(1);
  }
}
