package io.pipewright.sdk.internal.partition;

import io.pipewright.sdk.partition.ScheduleType;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything that defines time-window partitions, as the user gave it: the state behind the public
 * definition's {@code with} methods, checked and described here and compiled by {@link
 * TimeWindowPartitions#compile}.
 *
 * @param type the cadence
 * @param start the start as written
 * @param end the exclusive end as written, or null
 * @param zone the time zone
 * @param format the key pattern, or null for the cadence's default
 * @param endOffset windows added after (or removed before) the last complete one
 * @param minuteOffset the minute past the hour windows start at
 * @param hourOffset the local hour windows start at
 * @param dayOffset the weekday (0 = Sunday) or day of month windows start on
 */
public record TimeWindowSpec(
    ScheduleType type,
    String start,
    String end,
    ZoneId zone,
    String format,
    int endOffset,
    int minuteOffset,
    int hourOffset,
    int dayOffset) {

  private static final String[] WEEKDAYS = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
  };

  /**
   * Returns the spec of a new definition: no end, no offsets, the default format.
   *
   * @param type the cadence
   * @param start the start as written
   * @param zone the time zone
   * @param dayOffset the default day offset of the cadence
   * @return the spec
   */
  public static TimeWindowSpec of(ScheduleType type, String start, ZoneId zone, int dayOffset) {
    return new TimeWindowSpec(type, start, null, zone, null, 0, 0, 0, dayOffset);
  }

  /** Returns this spec with another end. */
  public TimeWindowSpec withEnd(String end) {
    return new TimeWindowSpec(
        type, start, end, zone, format, endOffset, minuteOffset, hourOffset, dayOffset);
  }

  /** Returns this spec with another time zone. */
  public TimeWindowSpec withZone(ZoneId zone) {
    return new TimeWindowSpec(
        type, start, end, zone, format, endOffset, minuteOffset, hourOffset, dayOffset);
  }

  /** Returns this spec with another key format. */
  public TimeWindowSpec withFormat(String format) {
    return new TimeWindowSpec(
        type, start, end, zone, format, endOffset, minuteOffset, hourOffset, dayOffset);
  }

  /** Returns this spec with another end offset. */
  public TimeWindowSpec withEndOffset(int endOffset) {
    return new TimeWindowSpec(
        type, start, end, zone, format, endOffset, minuteOffset, hourOffset, dayOffset);
  }

  /** Returns this spec with another minute offset. */
  public TimeWindowSpec withMinuteOffset(int minuteOffset) {
    return new TimeWindowSpec(
        type, start, end, zone, format, endOffset, minuteOffset, hourOffset, dayOffset);
  }

  /** Returns this spec with another hour offset. */
  public TimeWindowSpec withHourOffset(int hourOffset) {
    return new TimeWindowSpec(
        type, start, end, zone, format, endOffset, minuteOffset, hourOffset, dayOffset);
  }

  /** Returns this spec with another day offset. */
  public TimeWindowSpec withDayOffset(int dayOffset) {
    return new TimeWindowSpec(
        type, start, end, zone, format, endOffset, minuteOffset, hourOffset, dayOffset);
  }

  /** Returns the key pattern in force: the given one or the cadence's default. */
  public String pattern() {
    return format == null ? type.defaultFormat() : format;
  }

  /** Checks everything but the start, end and format, which need the compiled zone and format. */
  void validate() {
    Objects.requireNonNull(type, "type");
    String adjective = type.adjective();
    if (start == null || start.isBlank()) {
      throw new IllegalArgumentException(
          "The start of "
              + adjective
              + " partitions must not be "
              + (start == null ? "null" : "blank")
              + "; write it as the first key or as yyyy-MM-dd, e.g. \"2024-01-01\"");
    }
    if (zone == null) {
      throw new IllegalArgumentException(
          "The timezone of " + adjective + " partitions must not be null, e.g. ZoneId.of(\"UTC\")");
    }
    checkOffsets();
  }

  private void checkOffsets() {
    String adjective = type.adjective();
    if (minuteOffset < 0 || minuteOffset > 59) {
      throw new IllegalArgumentException(
          "Minute offset "
              + minuteOffset
              + " of "
              + adjective
              + " partitions must be 0 to 59 (minutes past the hour at which windows start)");
    }
    if (hourOffset < 0 || hourOffset > 23) {
      throw new IllegalArgumentException(
          "Hour offset "
              + hourOffset
              + " of "
              + adjective
              + " partitions must be 0 to 23 (the local hour at which windows start)");
    }
    if (type == ScheduleType.WEEKLY && (dayOffset < 0 || dayOffset > 6)) {
      throw new IllegalArgumentException(
          "Day offset "
              + dayOffset
              + " of weekly partitions must be 0 (Sunday) to 6 (Saturday): the day each week"
              + " starts on");
    }
    if (type == ScheduleType.MONTHLY && (dayOffset < 1 || dayOffset > 28)) {
      throw new IllegalArgumentException(
          "Day offset "
              + dayOffset
              + " of monthly partitions must be 1 to 28: the day of the month each window starts"
              + " on (29 to 31 are refused because some months lack them)");
    }
  }

  /**
   * Compiles and checks the key format: valid, free of '|' and ',', fine enough for the cadence.
   */
  KeyFormat compileFormat() {
    String pattern = pattern();
    String what = "Key format '" + pattern + "' of " + type.adjective() + " partitions";
    if (pattern.isBlank()) {
      throw new IllegalArgumentException(
          what + " is blank; give a java.time pattern such as " + type.defaultFormat());
    }
    if (pattern.indexOf('|') >= 0 || pattern.indexOf(',') >= 0) {
      throw new IllegalArgumentException(
          what
              + " contains '|' or ','; keys must not, because '|' joins multi-partition keys and"
              + " ',' separates keys in lists");
    }
    KeyFormat format;
    try {
      format = KeyFormat.compile(pattern);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          what + " is not a valid java.time pattern: " + e.getMessage(), e);
    }
    if (format.hasLetter('Y')) {
      throw new IllegalArgumentException(
          what
              + " uses 'Y' (week-based year), which differs from the calendar year around New"
              + " Year; use 'yyyy'");
    }
    boolean year = format.hasLetter('y') || format.hasLetter('u');
    boolean month = format.hasLetter('M') || format.hasLetter('L');
    boolean day = (month && format.hasLetter('d')) || format.hasLetter('D');
    boolean hour =
        format.hasLetter('H')
            || format.hasLetter('k')
            || ((format.hasLetter('h') || format.hasLetter('K')) && format.hasLetter('a'));
    String missing;
    if (!year) {
      missing = "a year (yyyy)";
    } else if (type == ScheduleType.MONTHLY ? !month && !format.hasLetter('D') : !day) {
      missing = type == ScheduleType.MONTHLY ? "a month (MM)" : "a month and day (MM, dd)";
    } else if (type == ScheduleType.HOURLY && !hour) {
      missing = "an hour of day (HH)";
    } else {
      return format;
    }
    throw new IllegalArgumentException(
        what
            + " lacks "
            + missing
            + ", so two windows would get the same key; e.g. use "
            + type.defaultFormat());
  }

  /** Returns the description, e.g. {@code daily partitions from 2024-01-01 in UTC}. */
  String describe() {
    StringBuilder out =
        new StringBuilder(type.adjective())
            .append(" partitions from ")
            .append(start)
            .append(" in ")
            .append(zone.getId());
    String time = String.format("%02d:%02d", hourOffset, minuteOffset);
    switch (type) {
      case HOURLY -> {
        if (minuteOffset != 0) {
          out.append(", windows starting at minute ").append(minuteOffset);
        }
      }
      case DAILY -> {
        if (hourOffset != 0 || minuteOffset != 0) {
          out.append(", days starting at ").append(time);
        }
      }
      case WEEKLY -> {
        if (dayOffset != 0 || hourOffset != 0 || minuteOffset != 0) {
          out.append(", weeks starting ").append(WEEKDAYS[dayOffset]).append(" at ").append(time);
        }
      }
      case MONTHLY -> {
        if (dayOffset != 1 || hourOffset != 0 || minuteOffset != 0) {
          out.append(", months starting on day ").append(dayOffset).append(" at ").append(time);
        }
      }
    }
    if (end != null) {
      out.append(", until ").append(end);
    }
    if (endOffset != 0) {
      out.append(", end offset ").append(endOffset);
    }
    if (!pattern().equals(type.defaultFormat())) {
      out.append(", keys formatted ").append(pattern());
    }
    return out.toString();
  }
}
