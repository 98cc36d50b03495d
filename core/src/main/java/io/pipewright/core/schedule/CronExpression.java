package io.pipewright.core.schedule;

import io.pipewright.core.schedule.internal.CronFields;
import io.pipewright.core.schedule.internal.CronParser;
import io.pipewright.core.schedule.internal.CronTimes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A schedule's cron expression as the daemon reads it from the schedule's snapshot: five fields
 * (minute hour day-of-month month day-of-week) or a macro ({@code @daily}), with the same syntax
 * and the same daylight-saving rules as the sdk's {@code CronSchedule}, so that a schedule fires
 * where its author expects:
 *
 * <ul>
 *   <li>spring forward: a local time that does not exist fires once, at the end of the gap (a daily
 *       02:30 fires at 03:00 that day);
 *   <li>fall back: a local time that exists twice fires once, at its second occurrence;
 *   <li>expressions whose hour field is {@code *} keep their real-time rhythm instead (an hourly
 *       schedule fires once an hour across both changes).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class CronExpression {

  private final String expression;
  private final CronFields fields;

  private CronExpression(String expression, CronFields fields) {
    this.expression = expression;
    this.fields = fields;
  }

  /**
   * Parses an expression.
   *
   * @param expression five fields or a macro, such as {@code 30 2 * * *}
   * @return the expression
   * @throws IllegalArgumentException when it cannot be read; the message names the field and points
   *     at the problem
   */
  public static CronExpression parse(String expression) {
    CronFields fields = CronParser.parse(expression);
    return new CronExpression(expression.strip(), fields);
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
   * Returns the expression as given, without surrounding spaces.
   *
   * @return the expression
   */
  public String expression() {
    return expression;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronExpression other && fields.equals(other.fields);
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
