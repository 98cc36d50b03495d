package io.pipewright.webserver.graphql.view;

import java.time.Instant;

/**
 * Times as Dagster's API writes them: run and tick times as unix seconds ({@code Float}), event
 * timestamps as a string of unix milliseconds.
 */
public final class Times {

  private Times() {}

  /**
   * Returns unix seconds with a fraction.
   *
   * @param instant the time; may be null
   * @return the seconds, or null
   */
  public static Double seconds(Instant instant) {
    return instant == null ? null : instant.getEpochSecond() + instant.getNano() / 1e9;
  }

  /**
   * Returns unix milliseconds as a string.
   *
   * @param instant the time
   * @return the milliseconds
   */
  public static String millis(Instant instant) {
    return Long.toString(instant.toEpochMilli());
  }

  /**
   * Returns the time of unix seconds.
   *
   * @param seconds the seconds, with a fraction
   * @return the time
   */
  public static Instant fromSeconds(double seconds) {
    long whole = (long) Math.floor(seconds);
    return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
  }
}
