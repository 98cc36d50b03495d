package io.pipewright.core.instigation;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link InstigatorStore#startTicks} did for one scheduled time: created its tick, or found
 * the tick stored for it already (started by another daemon or before a crash, possibly finished),
 * which the caller resumes or skips, as after a {@link TickAlreadyExistsException}.
 *
 * @param time the schedule and its cron time
 * @param created true when the tick was created by this call
 * @param tick the tick of that time; empty only when one existed but was purged by retention
 *     meanwhile (the time counts as ticked)
 */
public record TickStart(ScheduledTime time, boolean created, Optional<Tick> tick) {

  /** Validates the components. */
  public TickStart {
    Objects.requireNonNull(time, "time must not be null");
    Objects.requireNonNull(tick, "tick must not be null; use Optional.empty()");
    if (created && tick.isEmpty()) {
      throw new IllegalArgumentException("A created tick start of " + time + " needs its tick");
    }
  }

  /**
   * The tick created for a time.
   *
   * @param time the time
   * @param tick the new tick
   * @return the outcome
   */
  public static TickStart created(ScheduledTime time, Tick tick) {
    return new TickStart(time, true, Optional.of(tick));
  }

  /**
   * The tick found for a time.
   *
   * @param time the time
   * @param existing the stored tick, or null when it was purged meanwhile
   * @return the outcome
   */
  public static TickStart existing(ScheduledTime time, Tick existing) {
    return new TickStart(time, false, Optional.ofNullable(existing));
  }
}
