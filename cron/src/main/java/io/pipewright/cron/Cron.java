package io.pipewright.cron;

import io.pipewright.cron.internal.CronFields;
import io.pipewright.cron.internal.CronParser;
import io.pipewright.cron.internal.CronTimes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A parsed cron expression: five fields (minute hour day-of-month month day-of-week) or a macro
 * ({@code @daily}), and the search for its fire times in a time zone, with Dagster's
 * daylight-saving rules:
 *
 * <ul>
 *   <li>spring forward: a local time that does not exist fires once, at the end of the gap (a daily
 *       02:30 fires at 03:00 that day);
 *   <li>fall back: a local time that exists twice fires once, at its second occurrence;
 *   <li>expressions whose hour field is {@code *} keep their real-time rhythm instead (an hourly
 *       expression fires once an hour across both changes).
 * </ul>
 *
 * <p>The sdk's {@code CronSchedule} (what users write) and core's {@code CronExpression} (what the
 * daemon reads from a schedule's snapshot without loading user code) both wrap this class, so a
 * schedule fires where its author expects. Immutable and thread-safe; two expressions are equal
 * when they fire at the same times.
 */
public final class Cron {

  private final String expression;
  private final CronFields fields;

  private Cron(String expression, CronFields fields) {
    this.expression = expression;
    this.fields = fields;
  }

  /**
   * Parses an expression.
   *
   * @param expression five fields or a macro, such as {@code 30 2 * * *}
   * @return the expression
   * @throws CronSyntaxException when it cannot be read; the message names the field and points at
   *     the problem
   */
  public static Cron parse(String expression) {
    CronFields fields = CronParser.parse(expression);
    return new Cron(expression.strip(), fields);
  }

  /**
   * Returns the first fire time strictly after an instant.
   *
   * @param after the instant
   * @param zone the zone whose wall clock the expression follows
   * @return the fire time
   */
  public Instant nextAfter(Instant after, ZoneId zone) {
    Objects.requireNonNull(after, "after must not be null");
    Objects.requireNonNull(zone, "zone must not be null");
    return CronTimes.next(fields, after, zone);
  }

  /**
   * Returns the last fire time strictly before an instant.
   *
   * @param before the instant
   * @param zone the zone whose wall clock the expression follows
   * @return the fire time
   */
  public Instant previousBefore(Instant before, ZoneId zone) {
    Objects.requireNonNull(before, "before must not be null");
    Objects.requireNonNull(zone, "zone must not be null");
    return CronTimes.previous(fields, before, zone);
  }

  /**
   * Returns whether the expression fires on every hour of the days it fires on; such expressions
   * keep their real-time rhythm across daylight-saving changes.
   *
   * @return whether the hour field allows every hour
   */
  public boolean firesEveryHour() {
    return fields.everyHour();
  }

  /**
   * Returns the expression as given, without surrounding spaces.
   *
   * @return the expression
   */
  public String expression() {
    return expression;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cron other && fields.equals(other.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return expression;
  }
}
