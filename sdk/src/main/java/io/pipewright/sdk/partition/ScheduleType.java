package io.pipewright.sdk.partition;

import java.util.Locale;

/**
 * The cadence of a {@link TimeWindowPartitionsDefinition}, as Dagster's {@code ScheduleType}. Its
 * default key format follows Dagster's defaults.
 */
public enum ScheduleType {
  /** One window per hour; keys default to {@code yyyy-MM-dd-HH:mm}. */
  HOURLY("yyyy-MM-dd-HH:mm"),
  /** One window per day; keys default to {@code yyyy-MM-dd}. */
  DAILY("yyyy-MM-dd"),
  /** One window per week, starting Sunday unless offset; keys default to {@code yyyy-MM-dd}. */
  WEEKLY("yyyy-MM-dd"),
  /**
   * One window per month, starting on the 1st unless offset; keys default to {@code yyyy-MM-dd}.
   */
  MONTHLY("yyyy-MM-dd");

  private final String defaultFormat;

  ScheduleType(String defaultFormat) {
    this.defaultFormat = defaultFormat;
  }

  /**
   * Returns the key format used unless {@link TimeWindowPartitionsDefinition#withFormat} says
   * otherwise.
   *
   * @return a {@link java.time.format.DateTimeFormatter} pattern
   */
  public String defaultFormat() {
    return defaultFormat;
  }

  /**
   * Returns the lower-case name used in descriptions, e.g. {@code daily}.
   *
   * @return the adjective
   */
  public String adjective() {
    return name().toLowerCase(Locale.ROOT);
  }
}
