package io.pipewright.cron.internal;

import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * The parsed fields of a cron expression as bit sets (bit {@code n} set: value {@code n} matches),
 * and the search for matching local date-times. The search jumps field by field (to the next
 * matching month, day, hour, minute) instead of stepping minute by minute, so the next fire time of
 * a yearly cron costs a few dozen steps, not half a million.
 *
 * @param minutes bits 0-59
 * @param hours bits 0-23
 * @param daysOfMonth bits 1-31
 * @param months bits 1-12
 * @param daysOfWeek bits 0-6, 0 = Sunday (a 7 in the expression is folded into 0)
 */
public record CronFields(long minutes, long hours, long daysOfMonth, long months, long daysOfWeek) {

  static final long ALL_MINUTES = (1L << 60) - 1;
  static final long ALL_HOURS = (1L << 24) - 1;
  static final long ALL_DAYS_OF_MONTH = ((1L << 32) - 1) & ~1L;
  static final long ALL_MONTHS = ((1L << 13) - 1) & ~1L;
  static final long ALL_DAYS_OF_WEEK = (1L << 7) - 1;

  /** Sakamoto's month offsets for the day-of-week formula. */
  private static final int[] MONTH_TABLE = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};

  /** Years searched before giving up; Feb 29 alone recurs within 8 years. */
  private static final int MAX_YEARS = 30;

  /**
   * Returns whether every hour of a matching day matches: then the schedule keeps firing once per
   * matching minute of absolute time across daylight-saving changes (Dagster's "repeats every hour"
   * rule), instead of being moved or deduplicated.
   */
  public boolean everyHour() {
    return hours == ALL_HOURS;
  }

  /**
   * Whether the day-of-month and day-of-week fields are both restricted, in which case a day
   * matches when either matches (croniter's and Vixie cron's rule). A field that allows every value
   * (such as {@code *}, {@code 1-31} or {@code 0-7}) is not restricted.
   */
  boolean dayOr() {
    return daysOfMonth != ALL_DAYS_OF_MONTH && daysOfWeek != ALL_DAYS_OF_WEEK;
  }

  /** Returns whether some month of the month field has a day of the day-of-month field. */
  boolean canMatchSomeDay() {
    if (daysOfWeek != ALL_DAYS_OF_WEEK) {
      return true; // every month has every weekday
    }
    for (int month = 1; month <= 12; month++) {
      if ((months & (1L << month)) != 0) {
        int maxDay = month == 2 ? 29 : YearMonth.of(2000, month).lengthOfMonth();
        if ((daysOfMonth & ((1L << (maxDay + 1)) - 1)) != 0) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean dayMatches(int year, int month, int day) {
    boolean dom = (daysOfMonth & (1L << day)) != 0;
    boolean dow = (daysOfWeek & (1L << dayOfWeek(year, month, day))) != 0;
    return dayOr() ? dom || dow : dom && dow;
  }

  /**
   * Returns the first matching local date-time at or after {@code from}; seconds round up to the
   * next minute.
   *
   * @throws IllegalStateException if nothing matches within {@value #MAX_YEARS} years, which {@link
   *     CronParser} rules out
   */
  public LocalDateTime nextMatch(LocalDateTime from) {
    LocalDateTime start = from;
    if (start.getSecond() != 0 || start.getNano() != 0) {
      start = start.withSecond(0).withNano(0).plusMinutes(1);
    }
    int year = start.getYear();
    int month = start.getMonthValue();
    int day = start.getDayOfMonth();
    int hour = start.getHour();
    int minute = start.getMinute();
    int lastYear = year + MAX_YEARS;
    while (year <= lastYear) {
      if ((months & (1L << month)) == 0) {
        int next = nextBit(months, month + 1);
        if (next < 0) {
          year++;
          month = nextBit(months, 1);
        } else {
          month = next;
        }
        day = 1;
        hour = 0;
        minute = 0;
        continue;
      }
      if (day > lengthOfMonth(year, month)) {
        month++;
        if (month > 12) {
          month = 1;
          year++;
        }
        day = 1;
        hour = 0;
        minute = 0;
        continue;
      }
      if (!dayMatches(year, month, day)) {
        day++;
        hour = 0;
        minute = 0;
        continue;
      }
      int nextHour = nextBit(hours, hour);
      if (nextHour < 0) {
        day++;
        hour = 0;
        minute = 0;
        continue;
      }
      if (nextHour != hour) {
        hour = nextHour;
        minute = 0;
      }
      int nextMinute = nextBit(minutes, minute);
      if (nextMinute < 0) {
        hour++;
        minute = 0;
        if (hour == 24) {
          day++;
          hour = 0;
        }
        continue;
      }
      return LocalDateTime.of(year, month, day, hour, nextMinute);
    }
    throw new IllegalStateException("The cron fields " + this + " match no date");
  }

  /**
   * Returns the last matching local date-time at or before {@code from}; seconds round down.
   *
   * @throws IllegalStateException if nothing matches within {@value #MAX_YEARS} years
   */
  public LocalDateTime previousMatch(LocalDateTime from) {
    int year = from.getYear();
    int month = from.getMonthValue();
    int day = from.getDayOfMonth();
    int hour = from.getHour();
    int minute = from.getMinute();
    int firstYear = year - MAX_YEARS;
    while (year >= firstYear) {
      if (day < 1) {
        month--;
        if (month < 1) {
          month = 12;
          year--;
        }
        day = lengthOfMonth(year, month);
        hour = 23;
        minute = 59;
        continue;
      }
      if ((months & (1L << month)) == 0) {
        int previous = previousBit(months, month - 1);
        if (previous < 1) {
          year--;
          month = previousBit(months, 12);
        } else {
          month = previous;
        }
        day = lengthOfMonth(year, month);
        hour = 23;
        minute = 59;
        continue;
      }
      if (!dayMatches(year, month, day)) {
        day--;
        hour = 23;
        minute = 59;
        continue;
      }
      int previousHour = previousBit(hours, hour);
      if (previousHour < 0) {
        day--;
        hour = 23;
        minute = 59;
        continue;
      }
      if (previousHour != hour) {
        hour = previousHour;
        minute = 59;
      }
      int previousMinute = previousBit(minutes, minute);
      if (previousMinute < 0) {
        hour--;
        minute = 59;
        if (hour < 0) {
          day--;
          hour = 23;
        }
        continue;
      }
      return LocalDateTime.of(year, month, day, hour, previousMinute);
    }
    throw new IllegalStateException("The cron fields " + this + " match no date");
  }

  /** The lowest set bit at or above {@code from}, or -1. */
  static int nextBit(long bits, int from) {
    if (from > 63) {
      return -1;
    }
    long masked = bits & (-1L << Math.max(0, from));
    return masked == 0 ? -1 : Long.numberOfTrailingZeros(masked);
  }

  /** The highest set bit at or below {@code from}, or -1. */
  static int previousBit(long bits, int from) {
    if (from < 0) {
      return -1;
    }
    long masked = from >= 63 ? bits : bits & ((1L << (from + 1)) - 1);
    return masked == 0 ? -1 : 63 - Long.numberOfLeadingZeros(masked);
  }

  private static int lengthOfMonth(int year, int month) {
    if (month == 2) {
      boolean leap = (year % 4 == 0) && (year % 100 != 0 || year % 400 == 0);
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Day of week with 0 = Sunday, without allocating a {@code LocalDate}. */
  private static int dayOfWeek(int year, int month, int day) {
    // Sakamoto's congruence.
    int[] t = MONTH_TABLE;
    int y = month < 3 ? year - 1 : year;
    int dow =
        (y
                + Math.floorDiv(y, 4)
                - Math.floorDiv(y, 100)
                + Math.floorDiv(y, 400)
                + t[month - 1]
                + day)
            % 7;
    return dow < 0 ? dow + 7 : dow;
  }
}
