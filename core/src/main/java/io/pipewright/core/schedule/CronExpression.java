package io.pipewright.core.schedule;

import io.pipewright.cron.Cron;
import java.time.Instant;
import java.time.ZoneId;

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
 * <p>A thin wrapper over {@link Cron} (module {@code pipewright-cron}), the matcher the sdk's
 * {@code CronSchedule} wraps too: core and the sdk may not depend on each other, both depend on it.
 * Immutable and thread-safe.
 */
public final class CronExpression {

  private final Cron cron;

  private CronExpression(Cron cron) {
    this.cron = cron;
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
    return new CronExpression(Cron.parse(expression));
  }

  /**
   * Returns the first fire time strictly after an instant.
   *
   * @param after the instant
   * @param zone the zone whose wall clock the expression follows
   * @return the fire time
   */
  public Instant nextAfter(Instant after, ZoneId zone) {
    return cron.nextAfter(after, zone);
  }

  /**
   * Returns the last fire time strictly before an instant.
   *
   * @param before the instant
   * @param zone the zone whose wall clock the expression follows
   * @return the fire time
   */
  public Instant previousBefore(Instant before, ZoneId zone) {
    return cron.previousBefore(before, zone);
  }

  /**
   * Returns the expression as given, without surrounding spaces.
   *
   * @return the expression
   */
  public String expression() {
    return cron.expression();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronExpression other && cron.equals(other.cron);
  }

  @Override
  public int hashCode() {
    return cron.hashCode();
  }

  @Override
  public String toString() {
    return cron.expression();
  }
}
