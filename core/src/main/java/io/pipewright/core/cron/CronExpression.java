package io.pipewright.core.cron;

import io.pipewright.core.cron.internal.CronFields;
import io.pipewright.core.cron.internal.CronParser;
import io.pipewright.core.cron.internal.CronTimes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A cron expression of a schedule, as a code location's snapshot carries it, and its fire times in
 * a time zone: what hosts (the webserver's future ticks, the scheduler) compute without loading
 * user code.
 *
 * <p>Five fields (minute, hour, day of month, month, day of week) with lists, ranges, steps and
 * names, or a macro ({@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}, {@code
 * @yearly}); day of month and day of week both restricted means either matches. Daylight saving
 * follows Dagster: a time inside a spring-forward gap fires at the end of the gap (once); a time
 * repeated by a fall-back fires once, at its second occurrence; an expression whose hour field is
 * {@code *} keeps its real-time rhythm (gap times skipped, repeated times fire twice).
 *
 * <p>The rules and the code are the sdk's {@code CronSchedule}'s (core may not depend on the sdk).
 * Immutable and thread-safe.
 */
public final class CronExpression {

  private final String expression;
  private final CronFields fields;

  private CronExpression(String expression, CronFields fields) {
    this.expression = expression;
    this.fields = fields;
  }

  /**
   * Parses a cron expression.
   *
   * @param expression five fields or a macro, such as {@code 0 2 * * *} or {@code @daily}
   * @return the expression
   * @throws InvalidCronException when it cannot be read; the message names the field and points at
   *     the problem
   */
  public static CronExpression parse(String expression) {
    return new CronExpression(expression.strip(), CronParser.parse(expression));
  }

  /**
   * Returns the expression as given, without surrounding spaces.
   *
   * @return the expression
   */
  public String expression() {
    return expression;
  }

  /**
   * Returns the first fire time strictly after an instant.
   *
   * @param after the instant
   * @param zone the zone whose wall clock the expression follows
   * @return the next fire time
   */
  public Instant nextAfter(Instant after, ZoneId zone) {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(zone, "zone");
    return CronTimes.next(fields, after, zone);
  }

  /**
   * Returns the last fire time strictly before an instant.
   *
   * @param before the instant
   * @param zone the zone whose wall clock the expression follows
   * @return the previous fire time
   */
  public Instant previousBefore(Instant before, ZoneId zone) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(zone, "zone");
    return CronTimes.previous(fields, before, zone);
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
