package io.pipewright.sdk.internal.partition;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * UTC offsets of a time zone in epoch seconds. A zone's history is a sequence of stretches of
 * constant offset separated by transitions; the grids iterate stretch by stretch so that they look
 * the rules up once per stretch rather than once per key.
 */
final class Zones {

  /** The end of the last stretch of a zone without further transitions. */
  static final long NO_TRANSITION = Long.MAX_VALUE;

  private final ZoneRules rules;
  // Fixed-offset zones (UTC above all) skip the rules entirely.
  private final boolean fixed;
  private final int fixedOffset;

  Zones(ZoneRules rules) {
    this.rules = rules;
    this.fixed = rules.isFixedOffset();
    this.fixedOffset = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
  }

  boolean isFixed() {
    return fixed;
  }

  /** Returns the UTC offset in seconds in force at an instant. */
  int offsetAt(long epochSecond) {
    return fixed
        ? fixedOffset
        : rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
  }

  /** Returns the first transition strictly after an instant, or {@link #NO_TRANSITION}. */
  long nextTransition(long epochSecond) {
    if (fixed) {
      return NO_TRANSITION;
    }
    ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(epochSecond));
    return next == null ? NO_TRANSITION : next.toEpochSecond();
  }

  /** Returns the last transition at or before an instant, or {@link Long#MIN_VALUE}. */
  long stretchStart(long epochSecond) {
    ZoneOffsetTransition previous = previousTransitionAtOrBefore(epochSecond);
    return previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
  }

  /**
   * Returns the instant up to which (exclusive) the local times of the stretch containing {@code
   * epochSecond} repeat local times already seen: the first hour after a fall-back transition.
   * Returns {@link Long#MIN_VALUE} when the stretch did not start with a fall-back.
   */
  long repeatedUntil(long epochSecond) {
    ZoneOffsetTransition previous = previousTransitionAtOrBefore(epochSecond);
    if (previous == null || !previous.isOverlap()) {
      return Long.MIN_VALUE;
    }
    return previous.toEpochSecond()
        + previous.getOffsetBefore().getTotalSeconds()
        - previous.getOffsetAfter().getTotalSeconds();
  }

  private ZoneOffsetTransition previousTransitionAtOrBefore(long epochSecond) {
    if (fixed || epochSecond == Long.MAX_VALUE) {
      return null;
    }
    // previousTransition is strict: asking one second later includes a transition at the instant.
    return rules.previousTransition(Instant.ofEpochSecond(epochSecond + 1));
  }

  /**
   * Returns the instant of a local date-time (seconds since 1970-01-01T00:00 local). A local time
   * skipped by a spring-forward gap becomes the first instant after the gap (as Dagster's schedules
   * do: a daily 02:30 becomes 03:00 on that day); a local time repeated by a fall-back overlap
   * becomes its first occurrence.
   */
  long resolveLocal(long localSeconds) {
    if (fixed) {
      return localSeconds - fixedOffset;
    }
    LocalDateTime local = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC);
    List<ZoneOffset> valid = rules.getValidOffsets(local);
    if (valid.size() == 1) {
      return localSeconds - valid.get(0).getTotalSeconds();
    }
    if (valid.isEmpty()) {
      return rules.getTransition(local).toEpochSecond();
    }
    int earliest = Math.max(valid.get(0).getTotalSeconds(), valid.get(1).getTotalSeconds());
    return localSeconds - earliest;
  }

  /**
   * Returns the fixed transitions whose gap is a day or more, which skip a calendar day. Recurring
   * daylight-saving rules never do, so the historical list is complete.
   */
  long[] dayLongGaps() {
    return rules.getTransitions().stream()
        .filter(t -> t.isGap() && t.getDuration().getSeconds() >= CivilDates.SECONDS_PER_DAY)
        .mapToLong(ZoneOffsetTransition::toEpochSecond)
        .toArray();
  }

  /** Returns whether {@code offsetSeconds} is a valid offset for a local date-time. */
  boolean isValidOffset(long localSeconds, int offsetSeconds) {
    if (fixed) {
      return offsetSeconds == fixedOffset;
    }
    LocalDateTime local = LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC);
    return rules.isValidOffset(local, ZoneOffset.ofTotalSeconds(offsetSeconds));
  }
}
