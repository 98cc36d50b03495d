package io.pipewright.sdk.internal.partition;

/**
 * The boundaries of a time-window partitions definition: the instants (epoch seconds) at which one
 * window ends and the next starts, ignoring the definition's start, end and "now". Every window is
 * {@code [b, next(b))} for a boundary {@code b}.
 *
 * <p>Inputs are epoch seconds between the years 1 and 9999; callers clamp anything outside.
 */
public abstract sealed class TimeGrid permits HourlyGrid, CalendarGrid {

  /** Receives the boundaries of {@link #forEach}, in increasing order. */
  @FunctionalInterface
  public interface BoundaryVisitor {

    /**
     * Receives one boundary.
     *
     * @param epochSecond the boundary
     * @param offsetSeconds the zone's UTC offset at the boundary
     * @param repeatedLocalTime whether the boundary's local time already occurred an hour earlier
     *     (the second pass through the hour repeated by a fall-back transition)
     */
    void visit(long epochSecond, int offsetSeconds, boolean repeatedLocalTime);
  }

  final Zones zones;

  TimeGrid(Zones zones) {
    this.zones = zones;
  }

  /** Returns the smallest boundary at or after {@code t}. */
  public abstract long ceil(long t);

  /** Returns the largest boundary at or before {@code t}. */
  public abstract long floor(long t);

  /** Returns the boundary after boundary {@code b}. */
  public long next(long b) {
    return ceil(b + 1);
  }

  /** Returns the boundary before boundary {@code b}. */
  public long previous(long b) {
    return floor(b - 1);
  }

  /**
   * Returns the boundary {@code n} boundaries after ({@code n > 0}) or before boundary {@code b}.
   */
  public abstract long shift(long b, long n);

  /** Returns the number of boundaries in {@code [from, to)}. */
  public abstract long count(long from, long to);

  /** Visits the boundaries in {@code [from, to)} in increasing order. */
  public abstract void forEach(long from, long to, BoundaryVisitor visitor);

  /** Returns whether boundary {@code b}'s local time already occurred an hour earlier. */
  public abstract boolean isRepeatedLocalTime(long b);

  /** Returns the zone's UTC offset in seconds at an instant. */
  public int offsetAt(long epochSecond) {
    return zones.offsetAt(epochSecond);
  }

  /** Returns the instant of a local date-time, as {@link Zones#resolveLocal} does. */
  public long resolveLocal(long localSeconds) {
    return zones.resolveLocal(localSeconds);
  }

  /** Returns whether an offset is valid for a local date-time in this grid's zone. */
  public boolean isValidOffset(long localSeconds, int offsetSeconds) {
    return zones.isValidOffset(localSeconds, offsetSeconds);
  }
}
