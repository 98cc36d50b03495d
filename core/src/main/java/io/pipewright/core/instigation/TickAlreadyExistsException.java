package io.pipewright.core.instigation;

import java.time.Instant;

/**
 * Thrown (as a failed {@code Uni}) by {@link InstigatorStore#startTick} when the schedule already
 * has a tick for the same scheduled time: the guarantee that a cron time is ticked once, even by
 * two daemons or after a crash. The caller resumes the existing tick ({@link #existingTickId()}).
 */
public final class TickAlreadyExistsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long existingTickId;

  /**
   * Creates the exception.
   *
   * @param instigator the schedule
   * @param scheduledTime the scheduled time
   * @param existingTickId the tick stored for it
   */
  public TickAlreadyExistsException(
      InstigatorSelector instigator, Instant scheduledTime, long existingTickId) {
    super(
        "Schedule "
            + instigator
            + " already has tick "
            + existingTickId
            + " for scheduled time "
            + scheduledTime
            + "; resume that tick instead of starting another");
    this.existingTickId = existingTickId;
  }

  /**
   * Returns the tick already stored for the scheduled time.
   *
   * @return its id; 0 in the rare case that the tick was purged by retention meanwhile
   */
  public long existingTickId() {
    return existingTickId;
  }
}
