package io.pipewright.executor.k8s.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Kubernetes timestamps (RFC 3339 strings in fabric8's models) and durations for people. */
public final class Times {

  private Times() {}

  /**
   * Parses a Kubernetes timestamp.
   *
   * @param timestamp such as {@code 2026-01-05T10:00:00Z}; may be null
   * @return the instant, or null when absent or unreadable
   */
  public static Instant parse(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(timestamp).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Formats an instant as Kubernetes does.
   *
   * @param instant the instant
   * @return RFC 3339 in UTC, whole seconds
   */
  public static String format(Instant instant) {
    return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /**
   * Formats a duration for people: {@code 45 s}, {@code 2 min}, {@code 1 h 5 min}.
   *
   * @param duration the duration
   * @return the text
   */
  public static String human(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 120) {
      return minutes + " min";
    }
    return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
  }
}
