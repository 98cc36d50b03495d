package io.pipewright.sdk.internal.partition;

import io.pipewright.sdk.partition.ScheduleType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The validated state and the arithmetic of a time-window partitions definition. The public {@code
 * TimeWindowPartitionsDefinition} is a thin shell around it.
 *
 * <p>Partitions are the windows {@code [b, next(b))} of the grid whose start is at or after the
 * definition's start and whose end is at or before {@link #lastEnd(long)}: the last boundary at or
 * before "now", moved by the end offset and capped by the definition's end (Dagster's rules).
 */
public final class TimeWindowPartitions {

  /** What {@link #boundaryOf} returns for a string that is not the key of any window. */
  public static final long NOT_A_KEY = Long.MIN_VALUE;

  // Instants are clamped to the years 1 to 9999, which keeps the grid arithmetic far from overflow.
  static final long MIN_EPOCH = -62_135_596_800L;
  static final long MAX_EPOCH = 253_402_300_799L;
  static final long NO_END = Long.MAX_VALUE;
  static final String ISO_DATE = "yyyy-MM-dd";
  static final KeyFormat ISO_DATE_FORMAT = KeyFormat.compile(ISO_DATE);

  private final ScheduleType type;
  private final ZoneId zone;
  private final String endText;
  private final KeyFormat format;
  private final TimeGrid grid;
  private final long start;
  private final long end;
  private final long firstStart;
  private final int endOffset;
  private final int minuteOffset;
  private final int hourOffset;
  private final int dayOffset;
  // Dagster appends the UTC offset to the key of the second pass through a repeated hour.
  private final boolean suffixRepeated;
  private final String description;

  private TimeWindowPartitions(TimeWindowSpec spec, KeyFormat format, TimeGrid grid) {
    this.type = spec.type();
    this.zone = spec.zone();
    this.endText = spec.end();
    this.format = format;
    this.grid = grid;
    this.endOffset = spec.endOffset();
    this.minuteOffset = spec.minuteOffset();
    this.hourOffset = spec.hourOffset();
    this.dayOffset = spec.dayOffset();
    this.suffixRepeated =
        type == ScheduleType.HOURLY && !format.offsetInPattern() && !grid.zones.isFixed();
    this.start = parseBound(spec.start(), "Start");
    this.end = spec.end() == null ? NO_END : parseBound(spec.end(), "End");
    this.firstStart = grid.ceil(start);
    this.description = spec.describe();
    if (end != NO_END && end <= start) {
      throw new IllegalArgumentException(
          "End '"
              + spec.end()
              + "' of "
              + description
              + " is not after its start '"
              + spec.start()
              + "'; the end is exclusive, e.g. an end of 2024-02-01 makes 2024-01-31 the last"
              + " daily partition");
    }
    checkRoundTrip();
  }

  /**
   * Validates a spec and compiles it.
   *
   * @param spec the spec; a null format means the schedule type's default
   * @return the compiled partitions
   * @throws IllegalArgumentException naming the definition, the bad value and how to fix it
   */
  public static TimeWindowPartitions compile(TimeWindowSpec spec) {
    spec.validate();
    KeyFormat format = spec.compileFormat();
    Zones zones = new Zones(spec.zone().getRules());
    TimeGrid grid =
        switch (spec.type()) {
          case HOURLY -> new HourlyGrid(zones, spec.minuteOffset());
          case DAILY ->
              new CalendarGrid(
                  zones, CalendarGrid.Period.DAY, spec.hourOffset(), spec.minuteOffset(), 0);
          case WEEKLY ->
              new CalendarGrid(
                  zones,
                  CalendarGrid.Period.WEEK,
                  spec.hourOffset(),
                  spec.minuteOffset(),
                  spec.dayOffset());
          case MONTHLY ->
              new CalendarGrid(
                  zones,
                  CalendarGrid.Period.MONTH,
                  spec.hourOffset(),
                  spec.minuteOffset(),
                  spec.dayOffset());
        };
    return new TimeWindowPartitions(spec, format, grid);
  }

  private long parseBound(String text, String which) {
    KeyFormat.Parsed parsed = format.parse(text);
    if (parsed == null) {
      parsed = ISO_DATE_FORMAT.parse(text);
    }
    if (parsed == null) {
      String iso = format.pattern().equals(ISO_DATE) ? "" : " or " + ISO_DATE;
      throw new IllegalArgumentException(
          which
              + " '"
              + text
              + "' of "
              + type.adjective()
              + " partitions is not a time in format "
              + format.pattern()
              + iso
              + ", e.g. \"2024-01-01\"");
    }
    long epoch = toInstant(parsed);
    return Math.max(MIN_EPOCH, Math.min(MAX_EPOCH, epoch));
  }

  /** Returns the instant a parsed key or bound names in this definition's zone. */
  long toInstant(KeyFormat.Parsed parsed) {
    return parsed.hasOffset()
        ? parsed.localSeconds() - parsed.offsetSeconds()
        : grid.resolveLocal(parsed.localSeconds());
  }

  /** Proves at definition time that the format reads back what it writes. */
  private void checkRoundTrip() {
    String key = keyOf(firstStart);
    if (boundaryOf(key) != firstStart) {
      throw new IllegalArgumentException(
          "Key format '"
              + format.pattern()
              + "' of "
              + description
              + " cannot read back its own keys (the first key, '"
              + key
              + "', parses to another time); use a pattern with fixed-width numeric fields, e.g. "
              + type.defaultFormat());
    }
  }

  /** Returns the description, e.g. {@code daily partitions from 2024-01-01 in UTC}. */
  public String description() {
    return description;
  }

  /** Returns the grid, for the partition mappings. */
  public TimeGrid grid() {
    return grid;
  }

  /** Returns the key format. */
  public KeyFormat format() {
    return format;
  }

  /** Returns the start of the first window (whether or not it has ended yet). */
  public long firstStart() {
    return firstStart;
  }

  /** Returns the start as given, resolved to an instant. */
  public long start() {
    return start;
  }

  /** Returns the end as the user wrote it, or null. */
  String endText() {
    return endText;
  }

  /** Returns the end offset. */
  int endOffset() {
    return endOffset;
  }

  /** Returns the exclusive end as given, resolved to an instant, or {@link Long#MAX_VALUE}. */
  public long end() {
    return end;
  }

  /**
   * Returns the end of the last partition's window at {@code now}; there are no partitions when it
   * is not after {@link #firstStart()}.
   */
  public long lastEnd(long now) {
    long clamped = Math.max(MIN_EPOCH, Math.min(MAX_EPOCH, now));
    long last = grid.floor(clamped);
    if (endOffset > 0) {
      last = grid.shift(last, endOffset);
    }
    if (end != NO_END) {
      last = Math.min(last, grid.floor(end));
    }
    if (endOffset < 0) {
      last = grid.shift(last, endOffset);
    }
    return last;
  }

  /** Returns the number of partitions at {@code now}. */
  public long size(long now) {
    long lastEnd = lastEnd(now);
    return lastEnd <= firstStart ? 0 : grid.count(firstStart, lastEnd);
  }

  /** Returns the keys at {@code now}, oldest first. */
  public List<String> keys(long now) {
    long lastEnd = lastEnd(now);
    return lastEnd <= firstStart ? List.of() : keysBetween(firstStart, lastEnd);
  }

  /** Returns the keys of the windows starting in {@code [from, to)}, oldest first. */
  public List<String> keysBetween(long from, long to) {
    long count = grid.count(from, to);
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          description + " has " + count + " partitions in the requested span, too many to list");
    }
    String[] keys = new String[(int) count];
    Collector collector = new Collector(keys);
    grid.forEach(from, to, collector);
    // A zone rule change between count and forEach is impossible (rules are immutable); the trim
    // only guards the invariant.
    return Collections.unmodifiableList(
        collector.size == keys.length
            ? Arrays.asList(keys)
            : Arrays.asList(keys).subList(0, collector.size));
  }

  /** Fills the key array; a named class rather than a lambda so the hot loop stays monomorphic. */
  private final class Collector implements TimeGrid.BoundaryVisitor {
    private final String[] keys;
    private int size;

    Collector(String[] keys) {
      this.keys = keys;
    }

    @Override
    public void visit(long epochSecond, int offsetSeconds, boolean repeatedLocalTime) {
      if (size < keys.length) {
        keys[size++] =
            format.format(epochSecond, offsetSeconds, zone, suffixRepeated && repeatedLocalTime);
      }
    }
  }

  /** Returns the key of the window starting at boundary {@code b}. */
  public String keyOf(long b) {
    return format.format(b, grid.offsetAt(b), zone, suffixRepeated && grid.isRepeatedLocalTime(b));
  }

  /**
   * Returns the start of the window whose key is {@code key}, whether or not the window is within
   * the definition's range, or {@link #NOT_A_KEY} when {@code key} is not the key of any window.
   */
  public long boundaryOf(String key) {
    if (key == null) {
      return NOT_A_KEY;
    }
    KeyFormat.Parsed parsed = format.parse(key);
    if (parsed == null) {
      return NOT_A_KEY;
    }
    if (parsed.hasOffset() && !grid.isValidOffset(parsed.localSeconds(), parsed.offsetSeconds())) {
      return NOT_A_KEY;
    }
    long instant = toInstant(parsed);
    if (instant < MIN_EPOCH || instant > MAX_EPOCH) {
      return NOT_A_KEY;
    }
    long b = grid.ceil(instant);
    // Formatting the boundary back proves that the key is exactly a window start: this rejects
    // 00:30 for hourly windows, a skipped local hour, and a suffix on an unrepeated hour.
    return keyOf(b).equals(key) ? b : NOT_A_KEY;
  }

  /** Returns whether {@code key} is a partition at {@code now}. */
  public boolean hasKey(String key, long now) {
    long b = boundaryOf(key);
    return b != NOT_A_KEY && b >= firstStart && b < lastEnd(now);
  }

  /**
   * Returns the window start of a partition at {@code now}, or {@link #NOT_A_KEY} if {@code key} is
   * not one.
   */
  public long partitionBoundary(String key, long now) {
    long b = boundaryOf(key);
    return b != NOT_A_KEY && b >= firstStart && b < lastEnd(now) ? b : NOT_A_KEY;
  }

  /**
   * Explains why {@code key} is not a partition at {@code now}. Used only on error paths.
   *
   * @param key the key
   * @param now the instant the partitions are listed at
   * @return the message and the suggested key (or null)
   */
  public KeyProblems.KeyProblem explain(String key, long now) {
    return KeyProblems.explain(this, key, now, true);
  }

  /**
   * Explains why {@code key} is not the key of a window between the start and the end, whatever the
   * current time. Used only on error paths.
   *
   * @param key the key
   * @return the message and the suggested key (or null)
   */
  public KeyProblems.KeyProblem explainIgnoringNow(String key) {
    return KeyProblems.explain(this, key, MAX_EPOCH, false);
  }

  /** Returns the keys of the last {@code n} partitions at {@code now}, oldest first. */
  public List<String> lastKeys(int n, long now) {
    long lastEnd = lastEnd(now);
    if (lastEnd <= firstStart || n <= 0) {
      return List.of();
    }
    return keysBetween(Math.max(firstStart, grid.shift(lastEnd, -n)), lastEnd);
  }

  /** Returns the clamped epoch second of an instant. */
  public static long epochSecond(Instant instant) {
    return Math.max(MIN_EPOCH, Math.min(MAX_EPOCH, instant.getEpochSecond()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeWindowPartitions other
        && type == other.type
        && start == other.start
        && end == other.end
        && sameZone(other)
        && format.pattern().equals(other.format.pattern())
        && endOffset == other.endOffset
        && minuteOffset == other.minuteOffset
        && hourOffset == other.hourOffset
        && dayOffset == other.dayOffset;
  }

  /**
   * Returns whether both define the same windows and keys, whatever their start, end and end offset
   * (Dagster's {@code equal_except_for_start_or_end}, which also compares end offsets).
   */
  public boolean sameWindowsAndKeys(TimeWindowPartitions other) {
    return type == other.type
        && sameZone(other)
        && format.pattern().equals(other.format.pattern())
        && minuteOffset == other.minuteOffset
        && hourOffset == other.hourOffset
        && dayOffset == other.dayOffset;
  }

  /** Returns whether both use one time zone, however spelled ({@code UTC}, {@code Z}). */
  public boolean sameZone(TimeWindowPartitions other) {
    return zone.normalized().equals(other.zone.normalized());
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        type,
        start,
        end,
        zone.normalized(),
        format.pattern(),
        endOffset,
        minuteOffset,
        hourOffset,
        dayOffset);
  }

  @Override
  public String toString() {
    return description;
  }
}
