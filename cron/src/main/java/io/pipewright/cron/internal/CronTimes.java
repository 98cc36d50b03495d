package io.pipewright.cron.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Turns the local matches of cron fields into instants in a time zone, with Dagster's rules for
 * daylight-saving changes:
 *
 * <ul>
 *   <li>a local time that does not exist (spring forward) fires at the first instant after the gap
 *       (02:30 becomes 03:00), unless the cron fires every hour, in which case it is skipped: an
 *       hourly schedule keeps firing once an hour;
 *   <li>a local time that exists twice (fall back) fires once, at its second occurrence, unless the
 *       cron fires every hour, in which case it fires at both.
 * </ul>
 *
 * Several local matches that land on the same instant fire once.
 *
 * <p>Search: start at the local time of the given instant (or at the start of the repeated hour
 * when the instant is inside one, because later local times may then map to earlier instants), walk
 * the local matches in order, and stop once a match cannot produce anything better. That is correct
 * because the earliest instant of a local match never decreases as the local time grows (and
 * symmetrically for the latest instant when going backwards).
 */
public final class CronTimes {
  private CronTimes() {}

  /**
   * Returns the first fire time strictly after {@code after}.
   *
   * @param fields the cron fields
   * @param after the instant
   * @param zone the zone of the local times
   * @return the fire time
   */
  public static Instant next(CronFields fields, Instant after, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    long limit = after.getEpochSecond(); // a whole-second candidate is after 'after' iff > limit
    LocalDateTime local = LocalDateTime.ofEpochSecond(limit, 0, rules.getOffset(after));
    ZoneOffsetTransition transition = rules.getTransition(local);
    if (transition != null && transition.isOverlap()) {
      local = transition.getDateTimeAfter();
    }
    long[] candidates = new long[2];
    long best = Long.MAX_VALUE;
    LocalDateTime match = fields.nextMatch(local.withSecond(0));
    while (true) {
      int count = candidates(fields, match, rules, candidates);
      for (int i = 0; i < count; i++) {
        if (candidates[i] > limit && candidates[i] < best) {
          best = candidates[i];
        }
      }
      if (count > 0 && best != Long.MAX_VALUE && min(candidates, count) >= best) {
        return Instant.ofEpochSecond(best);
      }
      match = fields.nextMatch(match.plusMinutes(1));
    }
  }

  /**
   * Returns the last fire time strictly before {@code before}.
   *
   * @param fields the cron fields
   * @param before the instant
   * @param zone the zone of the local times
   * @return the fire time
   */
  public static Instant previous(CronFields fields, Instant before, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    long seconds = before.getEpochSecond();
    // A whole-second candidate c is before 'before' iff c < seconds, or c == seconds with nanos.
    long limit = before.getNano() > 0 ? seconds + 1 : seconds;
    LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, 0, rules.getOffset(before));
    ZoneOffsetTransition transition = rules.getTransition(local);
    if (transition != null && transition.isOverlap()) {
      local = transition.getDateTimeBefore();
    }
    long[] candidates = new long[2];
    long best = Long.MIN_VALUE;
    LocalDateTime match = fields.previousMatch(local);
    while (true) {
      int count = candidates(fields, match, rules, candidates);
      for (int i = 0; i < count; i++) {
        if (candidates[i] < limit && candidates[i] > best) {
          best = candidates[i];
        }
      }
      if (count > 0 && best != Long.MIN_VALUE && max(candidates, count) <= best) {
        return Instant.ofEpochSecond(best);
      }
      match = fields.previousMatch(match.minusMinutes(1));
    }
  }

  /** Writes the instants (epoch seconds) a local match fires at; returns how many (0 to 2). */
  static int candidates(CronFields fields, LocalDateTime local, ZoneRules rules, long[] out) {
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.size() == 1) {
      out[0] = local.toEpochSecond(offsets.get(0));
      return 1;
    }
    if (offsets.isEmpty()) {
      if (fields.everyHour()) {
        return 0;
      }
      out[0] = rules.getTransition(local).getInstant().getEpochSecond();
      return 1;
    }
    long first = local.toEpochSecond(offsets.get(0));
    long second = local.toEpochSecond(offsets.get(1));
    long earlier = Math.min(first, second);
    long later = Math.max(first, second);
    if (fields.everyHour()) {
      out[0] = earlier;
      out[1] = later;
      return 2;
    }
    out[0] = later;
    return 1;
  }

  private static long min(long[] values, int count) {
    return count == 1 ? values[0] : Math.min(values[0], values[1]);
  }

  private static long max(long[] values, int count) {
    return count == 1 ? values[0] : Math.max(values[0], values[1]);
  }
}
