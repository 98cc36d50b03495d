package io.pipewright.sdk.internal.partition;

/**
 * Daily, weekly and monthly boundaries: one per aligned local date (every day; every week on a
 * given day of the week; every month on a given day of the month) at a local time of day. Aligned
 * dates are numbered by an index (the epoch day, the week number, the month number) so that
 * shifting and counting are arithmetic. A boundary whose local time falls into a spring-forward gap
 * is the first instant after the gap; one in a fall-back overlap is the first occurrence, so a day
 * is 23 or 25 hours long when the clocks change.
 */
final class CalendarGrid extends TimeGrid {

  /** The calendar period of the grid. */
  enum Period {
    DAY,
    WEEK,
    MONTH
  }

  // 1970-01-01 was a Thursday: 4 when Sunday is 0.
  private static final int EPOCH_DAY_OF_WEEK = 4;

  private final Period period;
  private final long secondOfDay;
  private final int dayOffset;
  // For weeks: the epoch day (mod 7) of the aligned days.
  private final int weekResidue;
  // Transitions (epoch seconds) whose gap is a day or more: only there can two days collide.
  private final long[] dayLongGaps;

  /**
   * Creates a grid.
   *
   * @param period the period
   * @param hour the boundary's local hour
   * @param minute the boundary's local minute
   * @param dayOffset for weeks the day of week (0 = Sunday), for months the day of month (1 to 28);
   *     ignored for days
   */
  CalendarGrid(Zones zones, Period period, int hour, int minute, int dayOffset) {
    super(zones);
    this.period = period;
    this.secondOfDay = hour * 3600L + minute * 60L;
    this.dayOffset = dayOffset;
    this.weekResidue = Math.floorMod(dayOffset - EPOCH_DAY_OF_WEEK, 7);
    this.dayLongGaps = period == Period.DAY ? zones.dayLongGaps() : new long[0];
  }

  /** Returns the index of the last aligned date at or before an epoch day. */
  private long indexOfDay(long epochDay) {
    return switch (period) {
      case DAY -> epochDay;
      case WEEK -> Math.floorDiv(epochDay - weekResidue, 7);
      case MONTH -> {
        long packed = CivilDates.packedDate(epochDay);
        long monthIndex = CivilDates.year(packed) * 12 + CivilDates.month(packed) - 1;
        yield CivilDates.day(packed) >= dayOffset ? monthIndex : monthIndex - 1;
      }
    };
  }

  private long epochDayOfIndex(long index) {
    return switch (period) {
      case DAY -> index;
      case WEEK -> index * 7 + weekResidue;
      case MONTH ->
          CivilDates.epochDay(
              Math.floorDiv(index, 12), (int) Math.floorMod(index, 12) + 1, dayOffset);
    };
  }

  private long boundary(long index) {
    return zones.resolveLocal(epochDayOfIndex(index) * CivilDates.SECONDS_PER_DAY + secondOfDay);
  }

  private long localIndex(long t) {
    long localDay = Math.floorDiv(t + zones.offsetAt(t), CivilDates.SECONDS_PER_DAY);
    return indexOfDay(localDay);
  }

  /** Returns the index of the smallest boundary at or after {@code t}. */
  private long ceilIndex(long t) {
    long index = localIndex(t);
    // The aligned date of t's local date is almost always right; the neighbours cover boundaries
    // moved across midnight by a gap or an overlap.
    for (long candidate = index - 1; candidate <= index + 2; candidate++) {
      if (boundary(candidate) >= t) {
        return candidate;
      }
    }
    return index + 3;
  }

  private long floorIndex(long t) {
    long index = localIndex(t);
    for (long candidate = index + 1; candidate >= index - 2; candidate--) {
      if (boundary(candidate) <= t) {
        return candidate;
      }
    }
    return index - 3;
  }

  @Override
  public long ceil(long t) {
    return boundary(ceilIndex(t));
  }

  @Override
  public long floor(long t) {
    return boundary(floorIndex(t));
  }

  @Override
  public long shift(long b, long n) {
    long index = ceilIndex(b);
    if (dayLongGaps.length == 0 || n == 0) {
      return boundary(index + n);
    }
    // Skip indices whose boundary repeats the one before (a skipped day): iterate to a fixpoint,
    // which takes one or two rounds because skipped days are rare.
    long target = index + n;
    while (true) {
      long adjusted =
          n > 0
              ? index + n + collisions(index, target + 1)
              : index + n - collisions(target, index + 1);
      if (adjusted == target) {
        return boundary(target);
      }
      target = adjusted;
    }
  }

  @Override
  public long count(long from, long to) {
    long first = ceilIndex(from);
    long end = ceilIndex(to);
    return end <= first ? 0 : end - first - collisions(first, end);
  }

  /** Counts the indices i in [from, to - 1) whose boundary equals that of i + 1. */
  private long collisions(long from, long to) {
    long count = 0;
    for (long gap : dayLongGaps) {
      long near = localIndex(gap);
      for (long i = near - 2; i <= near + 1; i++) {
        if (i >= from && i + 1 < to && boundary(i) == boundary(i + 1)) {
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public void forEach(long from, long to, BoundaryVisitor visitor) {
    long previous = Long.MIN_VALUE;
    for (long index = ceilIndex(from); ; index++) {
      long b = boundary(index);
      if (b >= to) {
        return;
      }
      if (b > previous) {
        visitor.visit(b, zones.offsetAt(b), false);
        previous = b;
      }
    }
  }

  @Override
  public boolean isRepeatedLocalTime(long b) {
    // Calendar boundaries always take the first occurrence of a repeated local time.
    return false;
  }
}
