package io.pipewright.core.instigation;

import java.time.Instant;
import java.util.Objects;

/**
 * One cron time of one schedule: what {@link InstigatorStore#startTicks} creates a tick for, at
 * most once.
 *
 * @param schedule the schedule
 * @param scheduledTime its cron time
 */
public record ScheduledTime(InstigatorSelector schedule, Instant scheduledTime) {

  /** Validates the components. */
  public ScheduledTime {
    Objects.requireNonNull(schedule, "schedule must not be null");
    Objects.requireNonNull(
        scheduledTime, "scheduledTime must not be null (a schedule's cron time)");
  }
}
