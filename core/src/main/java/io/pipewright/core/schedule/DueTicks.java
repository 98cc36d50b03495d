package io.pipewright.core.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which ticks of a schedule are due now ({@link ScheduleTicks#due}).
 *
 * @param due the scheduled times to tick now, oldest first
 * @param dropped whether older missed ticks were left out by the catch-up policy
 * @param next the first scheduled time after now: when the schedule is due again
 */
public record DueTicks(List<Instant> due, boolean dropped, Instant next) {

  /** Validates and copies the components. */
  public DueTicks {
    due = List.copyOf(due);
    Objects.requireNonNull(next, "next must not be null");
  }
}
