package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * How an asset or a job is partitioned: the sdk's {@code PartitionsDefinition}, one record per
 * kind, with the fields that kind needs. Hosts show these; the keys themselves, which depend on the
 * current time and on dynamic partitions, come from the code location ({@code GetPartitionKeys}).
 */
public sealed interface PartitionsSnapshot
    permits PartitionsSnapshot.Static,
        PartitionsSnapshot.TimeWindow,
        PartitionsSnapshot.Dynamic,
        PartitionsSnapshot.Multi {

  /** The kinds of partitions definitions. */
  enum Kind {
    /** A fixed list of keys. */
    STATIC,
    /** One key per time window (hour, day, week, month). */
    TIME_WINDOW,
    /** Keys added and removed at run time, stored by the instance under a name. */
    DYNAMIC,
    /** The product of two dimensions. */
    MULTI
  }

  /**
   * Returns the kind of this definition.
   *
   * @return the kind
   */
  Kind kind();

  /**
   * A fixed list of keys.
   *
   * @param keys the keys, in order; unique, none blank
   */
  record Static(List<String> keys) implements PartitionsSnapshot {
    /** Validates and copies the keys. */
    public Static {
      keys = Checks.distinctList(keys, "PartitionsSnapshot.Static", "keys");
    }

    @Override
    public Kind kind() {
      return Kind.STATIC;
    }
  }

  /** The cadence of time windows (the sdk's {@code ScheduleType}). */
  enum Cadence {
    /** One window per hour. */
    HOURLY,
    /** One window per day. */
    DAILY,
    /** One window per week. */
    WEEKLY,
    /** One window per month. */
    MONTHLY
  }

  /**
   * One key per time window.
   *
   * @param start the start of the first window, in the key format or as {@code yyyy-MM-dd};
   *     non-blank
   * @param end the end of the last window in the same forms, or null when windows go on up to now
   * @param cadence the length of a window; not null
   * @param cronSchedule the cron expression of window starts (as Dagster reports it), or null when
   *     the server does not give one
   * @param timezone the zone whose local calendar windows follow, a {@code java.time.ZoneId} such
   *     as {@code Europe/Berlin}; non-blank
   * @param format the {@code java.time.format.DateTimeFormatter} pattern of keys, such as {@code
   *     yyyy-MM-dd}; non-blank
   * @param endOffset how many windows past the last complete one exist (may be negative)
   * @param minuteOffset the minute windows start at, 0 to 59
   * @param hourOffset the hour windows start at, 0 to 23
   * @param dayOffset the day windows start at (day of week 0 to 6 for weekly, of month 1 to 31 for
   *     monthly; 0 otherwise)
   */
  record TimeWindow(
      String start,
      String end,
      Cadence cadence,
      String cronSchedule,
      String timezone,
      String format,
      int endOffset,
      int minuteOffset,
      int hourOffset,
      int dayOffset)
      implements PartitionsSnapshot {
    /** Validates the components. */
    public TimeWindow {
      String record = "PartitionsSnapshot.TimeWindow";
      Checks.requireNonBlank(start, record, "start");
      Checks.optionalNonBlank(end, record, "end");
      Checks.require(cadence, record, "cadence");
      Checks.optionalNonBlank(cronSchedule, record, "cronSchedule");
      Checks.requireNonBlank(timezone, record, "timezone");
      Checks.requireNonBlank(format, record, "format");
      if (minuteOffset < 0 || minuteOffset > 59 || hourOffset < 0 || hourOffset > 23) {
        throw new IllegalArgumentException(
            record
                + " needs a minute offset of 0 to 59 and an hour offset of 0 to 23, got "
                + minuteOffset
                + " and "
                + hourOffset);
      }
      Checks.nonNegative(dayOffset, record, "dayOffset");
    }

    @Override
    public Kind kind() {
      return Kind.TIME_WINDOW;
    }
  }

  /**
   * Keys stored by the instance under a name.
   *
   * @param name the name the keys are stored under; non-blank
   */
  record Dynamic(String name) implements PartitionsSnapshot {
    /** Validates the name. */
    public Dynamic {
      Checks.requireNonBlank(name, "PartitionsSnapshot.Dynamic", "name");
    }

    @Override
    public Kind kind() {
      return Kind.DYNAMIC;
    }
  }

  /**
   * One dimension of a {@link Multi} definition.
   *
   * @param name the dimension's name; non-blank
   * @param partitions its partitions; not null and not itself {@link Multi}
   */
  record Dimension(String name, PartitionsSnapshot partitions) {
    /** Validates the dimension. */
    public Dimension {
      Checks.requireNonBlank(name, "PartitionsSnapshot.Dimension", "name");
      Checks.require(partitions, "PartitionsSnapshot.Dimension '" + name + "'", "partitions");
      if (partitions instanceof Multi) {
        throw new IllegalArgumentException(
            "PartitionsSnapshot.Dimension '"
                + name
                + "' is itself multi-partitioned; dimensions"
                + " are static, time-window or dynamic");
      }
    }
  }

  /**
   * The product of exactly two dimensions; keys are {@code a|b}.
   *
   * @param dimensions the two dimensions, in the order of their names (as the sdk keeps them)
   */
  record Multi(List<Dimension> dimensions) implements PartitionsSnapshot {
    /** Validates the dimensions. */
    public Multi {
      dimensions = Checks.list(dimensions, "PartitionsSnapshot.Multi", "dimensions");
      if (dimensions.size() != 2 || dimensions.get(0).name().equals(dimensions.get(1).name())) {
        throw new IllegalArgumentException(
            "PartitionsSnapshot.Multi needs exactly two dimensions with different names, got "
                + dimensions.size()
                + (dimensions.size() == 2 ? " named '" + dimensions.get(0).name() + "' both" : ""));
      }
    }

    @Override
    public Kind kind() {
      return Kind.MULTI;
    }
  }
}
