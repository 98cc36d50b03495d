package io.pipewright.sdk.partition;

import io.pipewright.sdk.internal.partition.KeyProblems;
import io.pipewright.sdk.internal.partition.TimeWindowPartitions;
import io.pipewright.sdk.internal.partition.TimeWindowSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Partitions that are time windows: hourly, daily, weekly or monthly (Dagster's {@code
 * TimeWindowPartitionsDefinition} and its {@code Hourly/Daily/Weekly/MonthlyPartitionsDefinition}
 * subclasses). Each partition's key is the start of its window, formatted in the definition's time
 * zone.
 *
 * <pre>{@code
 * TimeWindowPartitionsDefinition daily =
 *     TimeWindowPartitionsDefinition.daily("2024-01-01").withTimezone(ZoneId.of("Europe/Berlin"));
 * daily.keys(PartitionContext.at(Instant.parse("2024-01-04T12:00:00Z")));
 * // [2024-01-01, 2024-01-02, 2024-01-03]: the window of 2024-01-04 has not ended yet
 * }</pre>
 *
 * <h2>Which windows are partitions</h2>
 *
 * The first partition is the first window starting at or after the start. The last partition is the
 * last window that has ended before "now" ({@link PartitionContext#now()}); an end offset of 1 adds
 * the window in progress, 2 the one after it, and -1 removes the last one. With an end, no window
 * ending after it is a partition (the end is exclusive: {@code withEnd("2024-02-01")} makes {@code
 * 2024-01-31} the last daily partition).
 *
 * <h2>Windows and daylight saving time</h2>
 *
 * Windows follow the local calendar: a daily window runs from local midnight to local midnight, so
 * it lasts 23 hours on a spring-forward day and 25 on a fall-back day. Hourly windows last one hour
 * each, as Dagster's do: the local hour skipped in spring has no partition (New York's {@code
 * 2024-03-10-01:00} is followed by {@code 2024-03-10-03:00}), and the local hour repeated in autumn
 * has two. The second of them gets the UTC offset appended, exactly as Dagster appends Python's
 * {@code %z}: New York's {@code 2024-11-03-01:00} (EDT) is followed by {@code
 * 2024-11-03-01:00-0500} (EST), so keys stay unique and each names one instant. A format that
 * prints the offset itself (letters {@code x X Z O z V}) gets no suffix. A window start whose local
 * time does not exist (a daily hour offset inside a spring-forward gap) moves to the first instant
 * after the gap; one that exists twice takes the first occurrence.
 *
 * <h2>Keys, start and end</h2>
 *
 * Key formats are {@link java.time.format.DateTimeFormatter} patterns (locale US), defaulting to
 * Dagster's: {@code yyyy-MM-dd-HH:mm} for hourly and {@code yyyy-MM-dd} otherwise. A format must
 * tell windows apart (hourly needs an hour, daily and weekly a day, monthly a month) and must not
 * contain {@code |} or {@code ,}. The start and end are written in the key format or as {@code
 * yyyy-MM-dd}; they are read again whenever the format or time zone changes, so call {@code
 * withFormat} and {@code withTimezone} in any order.
 *
 * <p>Instances are immutable: every {@code with} method returns a new definition, validated at
 * once.
 */
public final class TimeWindowPartitionsDefinition implements PartitionsDefinition {

  private static final ZoneId UTC = ZoneId.of("UTC");

  private final TimeWindowSpec spec;
  private final TimeWindowPartitions partitions;

  private TimeWindowPartitionsDefinition(TimeWindowSpec spec) {
    this.partitions = TimeWindowPartitions.compile(spec);
    this.spec = spec;
  }

  private static TimeWindowPartitionsDefinition create(ScheduleType type, String start, int day) {
    return new TimeWindowPartitionsDefinition(TimeWindowSpec.of(type, start, UTC, day));
  }

  /**
   * Returns hourly partitions in UTC, starting at the first full hour at or after {@code start}.
   *
   * @param start e.g. {@code 2024-01-01-00:00} or {@code 2024-01-01}
   * @return the definition
   * @throws IllegalArgumentException if the start cannot be read
   */
  public static TimeWindowPartitionsDefinition hourly(String start) {
    return create(ScheduleType.HOURLY, start, 0);
  }

  /**
   * Returns daily partitions in UTC, from local midnight to local midnight.
   *
   * @param start e.g. {@code 2024-01-01}
   * @return the definition
   * @throws IllegalArgumentException if the start cannot be read
   */
  public static TimeWindowPartitionsDefinition daily(String start) {
    return create(ScheduleType.DAILY, start, 0);
  }

  /**
   * Returns weekly partitions in UTC, from Sunday to Sunday unless {@link #withDayOffset} says
   * otherwise; the first starts on the first such day at or after {@code start}.
   *
   * @param start e.g. {@code 2024-01-07}
   * @return the definition
   * @throws IllegalArgumentException if the start cannot be read
   */
  public static TimeWindowPartitionsDefinition weekly(String start) {
    return create(ScheduleType.WEEKLY, start, 0);
  }

  /**
   * Returns monthly partitions in UTC, from the 1st of a month to the 1st of the next unless {@link
   * #withDayOffset} says otherwise; the first starts on the first such day at or after {@code
   * start}.
   *
   * @param start e.g. {@code 2024-01-01}
   * @return the definition
   * @throws IllegalArgumentException if the start cannot be read
   */
  public static TimeWindowPartitionsDefinition monthly(String start) {
    return create(ScheduleType.MONTHLY, start, 1);
  }

  /**
   * Returns this definition in another time zone; the start and end are read again in it.
   *
   * @param timezone the zone whose local calendar windows follow, e.g. {@code
   *     ZoneId.of("America/New_York")}
   * @return the new definition
   */
  public TimeWindowPartitionsDefinition withTimezone(ZoneId timezone) {
    return with(spec.withZone(timezone));
  }

  /**
   * Returns this definition with an exclusive end: no window ending after it is a partition.
   *
   * @param end in the key format or as {@code yyyy-MM-dd}; null removes the end
   * @return the new definition
   * @throws IllegalArgumentException if the end cannot be read or is not after the start
   */
  public TimeWindowPartitionsDefinition withEnd(String end) {
    return with(spec.withEnd(end));
  }

  /**
   * Returns this definition with another key format.
   *
   * @param javaPattern a {@link java.time.format.DateTimeFormatter} pattern, e.g. {@code
   *     yyyy/MM/dd}; it must tell windows apart and contain neither {@code |} nor {@code ,}
   * @return the new definition
   * @throws IllegalArgumentException if the pattern is invalid, too coarse, or cannot read back its
   *     own keys
   */
  public TimeWindowPartitionsDefinition withFormat(String javaPattern) {
    Objects.requireNonNull(javaPattern, "javaPattern");
    return with(spec.withFormat(javaPattern));
  }

  /**
   * Returns this definition with an end offset: the number of windows added after the last complete
   * one (1 adds the window in progress), or removed when negative.
   *
   * @param endOffset the end offset; 0 by default
   * @return the new definition
   */
  public TimeWindowPartitionsDefinition withEndOffset(int endOffset) {
    return with(spec.withEndOffset(endOffset));
  }

  /**
   * Returns this definition with windows starting {@code minuteOffset} minutes past the hour.
   *
   * @param minuteOffset 0 to 59
   * @return the new definition
   * @throws IllegalArgumentException if out of range
   */
  public TimeWindowPartitionsDefinition withMinuteOffset(int minuteOffset) {
    return with(spec.withMinuteOffset(minuteOffset));
  }

  /**
   * Returns this definition with windows starting at local hour {@code hourOffset}; not for hourly
   * partitions.
   *
   * @param hourOffset 0 to 23
   * @return the new definition
   * @throws IllegalArgumentException if out of range or the partitions are hourly
   */
  public TimeWindowPartitionsDefinition withHourOffset(int hourOffset) {
    if (spec.type() == ScheduleType.HOURLY) {
      throw new IllegalArgumentException(
          "Hourly partitions have no hour offset: every hour starts a window. Use"
              + " withMinuteOffset(m) to start windows m minutes past the hour");
    }
    return with(spec.withHourOffset(hourOffset));
  }

  /**
   * Returns this definition with windows starting on another day: the day of the week for weekly
   * partitions (0 = Sunday to 6 = Saturday, as Dagster counts), the day of the month for monthly
   * partitions (1 to 28).
   *
   * @param dayOffset the day
   * @return the new definition
   * @throws IllegalArgumentException if out of range or the partitions are hourly or daily
   */
  public TimeWindowPartitionsDefinition withDayOffset(int dayOffset) {
    if (spec.type() == ScheduleType.HOURLY || spec.type() == ScheduleType.DAILY) {
      throw new IllegalArgumentException(
          spec.type().adjective()
              + " partitions have no day offset; it chooses the weekday of weekly partitions and"
              + " the day of month of monthly partitions");
    }
    return with(spec.withDayOffset(dayOffset));
  }

  private TimeWindowPartitionsDefinition with(TimeWindowSpec changed) {
    return new TimeWindowPartitionsDefinition(changed);
  }

  /**
   * Returns the cadence.
   *
   * @return hourly, daily, weekly or monthly
   */
  public ScheduleType scheduleType() {
    return spec.type();
  }

  /**
   * Returns the start as given.
   *
   * @return e.g. {@code 2024-01-01}
   */
  public String start() {
    return spec.start();
  }

  /**
   * Returns the exclusive end as given.
   *
   * @return the end, if any
   */
  public Optional<String> end() {
    return Optional.ofNullable(spec.end());
  }

  /**
   * Returns the time zone whose local calendar the windows follow.
   *
   * @return the zone; {@code UTC} unless set
   */
  public ZoneId timezone() {
    return spec.zone();
  }

  /**
   * Returns the key format.
   *
   * @return a {@link java.time.format.DateTimeFormatter} pattern
   */
  public String format() {
    return spec.pattern();
  }

  /**
   * Returns the end offset.
   *
   * @return windows added after the last complete one (negative: removed)
   */
  public int endOffset() {
    return spec.endOffset();
  }

  /**
   * Returns the minute past the hour at which windows start.
   *
   * @return 0 to 59
   */
  public int minuteOffset() {
    return spec.minuteOffset();
  }

  /**
   * Returns the local hour at which windows start (always 0 for hourly partitions).
   *
   * @return 0 to 23
   */
  public int hourOffset() {
    return spec.hourOffset();
  }

  /**
   * Returns the day windows start on: weekday (0 = Sunday) for weekly partitions, day of month for
   * monthly ones, 0 otherwise.
   *
   * @return the day offset
   */
  public int dayOffset() {
    return spec.dayOffset();
  }

  @Override
  public List<String> keys(PartitionContext ctx) {
    return partitions.keys(now(ctx));
  }

  @Override
  public boolean hasKey(String key, PartitionContext ctx) {
    return partitions.hasKey(key, now(ctx));
  }

  @Override
  public void checkKey(String key, PartitionContext ctx) {
    long now = now(ctx);
    if (!partitions.hasKey(key, now)) {
      throw unknown(key, now);
    }
  }

  private UnknownPartitionKeyException unknown(String key, long now) {
    KeyProblems.KeyProblem problem = partitions.explain(String.valueOf(key), now);
    return new UnknownPartitionKeyException(
        problem.message(), key, describe(), problem.suggestion());
  }

  @Override
  public List<String> keysInRange(PartitionKeyRange range, PartitionContext ctx) {
    long[] bounds = rangeBounds(range, ctx);
    return partitions.keysBetween(bounds[0], bounds[1]);
  }

  /**
   * Returns the windows of the partitions in a range, oldest first.
   *
   * @param range the range
   * @param ctx the current time
   * @return one window per key of {@link #keysInRange}
   * @throws UnknownPartitionKeyException if the start or end is not a partition
   * @throws IllegalArgumentException if the start comes after the end
   */
  public List<TimeWindow> windows(PartitionKeyRange range, PartitionContext ctx) {
    long[] bounds = rangeBounds(range, ctx);
    List<TimeWindow> windows = new ArrayList<>();
    partitions
        .grid()
        .forEach(
            bounds[0],
            bounds[1],
            (start, offset, repeated) -> windows.add(window(start, partitions.grid().next(start))));
    return List.copyOf(windows);
  }

  private long[] rangeBounds(PartitionKeyRange range, PartitionContext ctx) {
    Objects.requireNonNull(range, "range");
    long now = now(ctx);
    long from = partitions.partitionBoundary(range.start(), now);
    if (from == TimeWindowPartitions.NOT_A_KEY) {
      throw unknown(range.start(), now);
    }
    long to = partitions.partitionBoundary(range.end(), now);
    if (to == TimeWindowPartitions.NOT_A_KEY) {
      throw unknown(range.end(), now);
    }
    if (from > to) {
      throw StaticPartitionsDefinition.reversed(range, describe());
    }
    return new long[] {from, partitions.grid().next(to)};
  }

  /**
   * Returns the window of a key. The key must be a window start on or after the definition's start
   * and before its end, but "now" is not consulted: the window may not have ended yet.
   *
   * @param key the key
   * @return its window
   * @throws UnknownPartitionKeyException if the key is not the key of such a window
   */
  public TimeWindow timeWindowFor(String key) {
    long start = partitions.boundaryOf(key);
    long end = start == TimeWindowPartitions.NOT_A_KEY ? 0 : partitions.grid().next(start);
    if (start == TimeWindowPartitions.NOT_A_KEY
        || start < partitions.firstStart()
        || end > partitions.end()) {
      KeyProblems.KeyProblem problem = partitions.explainIgnoringNow(String.valueOf(key));
      throw new UnknownPartitionKeyException(
          problem.message(), key, describe(), problem.suggestion());
    }
    return window(start, end);
  }

  /**
   * Returns the key of the window containing an instant. "Now" is not consulted: the window may not
   * have ended yet.
   *
   * @param instant the instant
   * @return the key, or empty if the instant is before the first window or in none before the end
   */
  public Optional<String> keyFor(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    long t = TimeWindowPartitions.epochSecond(instant);
    long start = partitions.grid().floor(t);
    if (start < partitions.firstStart() || partitions.grid().next(start) > partitions.end()) {
      return Optional.empty();
    }
    return Optional.of(partitions.keyOf(start));
  }

  @Override
  public int size(PartitionContext ctx) {
    return (int) Math.min(Integer.MAX_VALUE, partitions.size(now(ctx)));
  }

  @Override
  public String describe() {
    return partitions.description();
  }

  /** Returns the compiled partitions, for the partition mappings of this package. */
  TimeWindowPartitions partitions() {
    return partitions;
  }

  private static long now(PartitionContext ctx) {
    Objects.requireNonNull(ctx, "ctx: time-window partitions need a context holding \"now\"");
    return TimeWindowPartitions.epochSecond(ctx.now());
  }

  private static TimeWindow window(long start, long end) {
    return new TimeWindow(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
  }

  /**
   * Returns whether the other definition has the same windows, keys and bounds.
   *
   * @param o the other object
   * @return whether both define the same partitions
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof TimeWindowPartitionsDefinition other && partitions.equals(other.partitions);
  }

  @Override
  public int hashCode() {
    return partitions.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
