package io.pipewright.sdk.partition;

import java.time.Duration;
import java.time.Instant;

/**
 * The time span of one time-window partition: from {@code start} (included) to {@code end}
 * (excluded). Windows follow the local calendar of their definition's time zone, so a daily window
 * on a day when the clocks change is 23 or 25 hours long.
 *
 * @param start the first instant of the window
 * @param end the first instant after the window
 */
public record TimeWindow(Instant start, Instant end) {

  /**
   * Validates the window.
   *
   * @param start the first instant of the window
   * @param end the first instant after the window
   * @throws IllegalArgumentException if an instant is null or {@code end} is not after {@code
   *     start}
   */
  public TimeWindow {
    if (start == null || end == null || !end.isAfter(start)) {
      throw new IllegalArgumentException(
          "A time window needs a start before its end, got [" + start + ", " + end + ")");
    }
  }

  /**
   * Returns the length of the window.
   *
   * @return the duration from start to end
   */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /**
   * Returns whether an instant lies in the window.
   *
   * @param instant the instant
   * @return whether {@code start <= instant < end}
   */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /**
   * Returns the window as {@code [start, end)}.
   *
   * @return e.g. {@code [2024-01-01T00:00:00Z, 2024-01-02T00:00:00Z)}
   */
  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
