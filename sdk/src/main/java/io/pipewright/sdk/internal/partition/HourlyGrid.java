package io.pipewright.sdk.internal.partition;

/**
 * Hourly boundaries: every instant whose local time is {@code HH:minute:00}. Within a stretch of
 * constant UTC offset they are exactly 3600 seconds apart, which is what makes listing a decade of
 * hourly keys cheap. Around a spring-forward gap the skipped local hour simply has no boundary; in
 * a fall-back overlap the repeated local hour has two boundaries, one per UTC offset, which is what
 * Dagster's cron iteration yields too ("hourly schedules run exactly once every hour").
 */
final class HourlyGrid extends TimeGrid {

  private static final long HOUR = 3600;

  private final long minuteSeconds;

  HourlyGrid(Zones zones, int minute) {
    super(zones);
    this.minuteSeconds = minute * 60L;
  }

  @Override
  public long ceil(long t) {
    long cursor = t;
    while (true) {
      int offset = zones.offsetAt(cursor);
      long candidate = cursor + Math.floorMod(minuteSeconds - (cursor + offset), HOUR);
      long transition = zones.nextTransition(cursor);
      if (candidate < transition) {
        return candidate;
      }
      // The offset changes before the candidate: the next boundary follows the new offset.
      cursor = transition;
    }
  }

  @Override
  public long floor(long t) {
    long cursor = t;
    while (true) {
      int offset = zones.offsetAt(cursor);
      long candidate = cursor - Math.floorMod(cursor + offset - minuteSeconds, HOUR);
      long stretchStart = zones.stretchStart(cursor);
      if (candidate >= stretchStart) {
        return candidate;
      }
      cursor = stretchStart - 1;
    }
  }

  @Override
  public long shift(long b, long n) {
    long cursor = b;
    long remaining = n;
    while (remaining > 0) {
      long transition = zones.nextTransition(cursor);
      long inStretch =
          transition == Zones.NO_TRANSITION ? Long.MAX_VALUE : (transition - 1 - cursor) / HOUR;
      if (remaining <= inStretch) {
        return cursor + remaining * HOUR;
      }
      cursor = ceil(transition);
      remaining -= inStretch + 1;
    }
    while (remaining < 0) {
      long stretchStart = zones.stretchStart(cursor);
      long inStretch =
          stretchStart == Long.MIN_VALUE ? Long.MAX_VALUE : (cursor - stretchStart) / HOUR;
      if (-remaining <= inStretch) {
        return cursor + remaining * HOUR;
      }
      cursor = floor(cursor - inStretch * HOUR - 1);
      remaining += inStretch + 1;
    }
    return cursor;
  }

  @Override
  public long count(long from, long to) {
    long total = 0;
    long cursor = ceil(from);
    while (cursor < to) {
      long stretchEnd = Math.min(zones.nextTransition(cursor), to);
      total += (stretchEnd - 1 - cursor) / HOUR + 1;
      if (stretchEnd == to) {
        break;
      }
      cursor = ceil(stretchEnd);
    }
    return total;
  }

  @Override
  public void forEach(long from, long to, BoundaryVisitor visitor) {
    long cursor = ceil(from);
    while (cursor < to) {
      long stretchEnd = Math.min(zones.nextTransition(cursor), to);
      int offset = zones.offsetAt(cursor);
      long repeatedUntil = zones.repeatedUntil(cursor);
      for (long b = cursor; b < stretchEnd; b += HOUR) {
        visitor.visit(b, offset, b < repeatedUntil);
      }
      if (stretchEnd == to) {
        break;
      }
      cursor = ceil(stretchEnd);
    }
  }

  @Override
  public boolean isRepeatedLocalTime(long b) {
    return b < zones.repeatedUntil(b);
  }
}
