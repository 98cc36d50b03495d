package io.pipewright.core.instigation;

import java.time.Instant;
import java.util.Set;

/**
 * Which ticks of one instigator a query wants, newest first.
 *
 * @param statuses only ticks in one of these statuses; empty for any
 * @param after only ticks whose timestamp is strictly after this; null for no bound
 * @param before only ticks whose timestamp is strictly before this; null for no bound
 * @param limit at most this many ticks; 1 or more
 */
public record TickFilter(Set<TickStatus> statuses, Instant after, Instant before, int limit) {

  /** Validates the components. */
  public TickFilter {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    if (limit < 1) {
      throw new IllegalArgumentException("TickFilter needs a limit of 1 or more, got " + limit);
    }
  }

  /**
   * The latest ticks, whatever their status.
   *
   * @param limit at most this many
   * @return the filter
   */
  public static TickFilter latest(int limit) {
    return new TickFilter(Set.of(), null, null, limit);
  }
}
