package io.pipewright.sdk.schedule;

import io.pipewright.cron.Cron;
import io.pipewright.cron.CronSyntaxException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A cron expression: when a schedule fires, read in a time zone.
 *
 * <h2>Syntax</h2>
 *
 * Five fields separated by spaces: minute (0-59), hour (0-23), day of month (1-31), month (1-12 or
 * {@code JAN}-{@code DEC}) and day of week (0-7, where 0 and 7 are Sunday, or {@code SUN}-{@code
 * SAT}); names are case-insensitive. Each field is {@code *} or a comma-separated list of values
 * ({@code 5}), ranges ({@code 1-5}, {@code MON-FRI}) and steps ({@code *}{@code /15}, {@code
 * 0-30/10}, {@code 5/15} meaning {@code 5-59/15}). The Quartz extensions {@code L}, {@code W},
 * {@code #} and {@code ?} are not supported. Macros stand for whole expressions:
 *
 * <ul>
 *   <li>{@code @hourly}: {@code 0 * * * *};
 *   <li>{@code @daily} and {@code @midnight}: {@code 0 0 * * *};
 *   <li>{@code @weekly}: {@code 0 0 * * 0};
 *   <li>{@code @monthly}: {@code 0 0 1 * *};
 *   <li>{@code @yearly} and {@code @annually}: {@code 0 0 1 1 *}.
 * </ul>
 *
 * <p>When both the day-of-month and the day-of-week fields are restricted (neither allows every
 * value), a day matches when <em>either</em> matches, as in Vixie cron and Dagster: {@code 0 0 13 *
 * FRI} fires on every 13th and on every Friday. When one of them allows every value, only the other
 * decides.
 *
 * <h2>Daylight saving time</h2>
 *
 * Fire times follow the wall clock of the time zone, with Dagster's rules for the days the clocks
 * change:
 *
 * <ul>
 *   <li><b>Spring forward</b>: a time that does not exist fires at the first instant after the gap
 *       instead: a daily {@code 30 2 * * *} in New York fires at 03:00 on the day 02:00 jumps to
 *       03:00. Several such times fire once.
 *   <li><b>Fall back</b>: a time that exists twice fires once, at its <em>second</em> occurrence: a
 *       daily {@code 30 1 * * *} in New York fires at 01:30 EST, an hour after 01:30 EDT.
 *   <li><b>Every hour</b>: an expression whose hour field is {@code *} (such as {@code 0 * * * *}
 *       or {@code *}{@code /15 * * * *}) keeps its rhythm in real time: times inside the gap are
 *       skipped, and times in the repeated hour fire at both occurrences, so an hourly schedule
 *       runs exactly once an hour and a 15-minute schedule every 15 minutes across both changes.
 * </ul>
 *
 * <h2>Cost</h2>
 *
 * The search jumps from field to field (month, day, hour, minute), so the next fire time of even a
 * once-a-year expression is found in a few dozen steps. Instances are immutable and thread-safe;
 * two expressions are equal when they fire at the same times ({@code 0 0 * * 0} equals {@code 0 0 *
 * * SUN} and {@code @weekly}).
 *
 * <pre>{@code
 * CronSchedule nightly = CronSchedule.parse("30 2 * * *");
 * Instant next = nightly.nextAfter(Instant.now(), ZoneId.of("Europe/Berlin"));
 * }</pre>
 */
public final class CronSchedule {
  // The matcher lives in pipewright-cron, shared with core's CronExpression (the daemon computes a
  // schedule's ticks without loading user code, so both sides need it and may not see each other).
  private final Cron cron;

  private CronSchedule(Cron cron) {
    this.cron = cron;
  }

  /**
   * Parses a cron expression.
   *
   * @param expression five fields or a macro, e.g. {@code 0 2 * * *} or {@code @daily}
   * @return the schedule
   * @throws InvalidCronException if the expression cannot be read; the message names the field, its
   *     allowed values, and points at the problem
   */
  public static CronSchedule parse(String expression) {
    try {
      return new CronSchedule(Cron.parse(expression));
    } catch (CronSyntaxException e) {
      throw new InvalidCronException(e.expression(), e.getMessage(), e.field().orElse(null));
    }
  }

  /**
   * Returns the expression as given (without surrounding spaces).
   *
   * @return e.g. {@code 0 2 * * *}
   */
  public String expression() {
    return cron.expression();
  }

  /**
   * Returns the first fire time strictly after an instant.
   *
   * @param after the instant
   * @param zone the time zone whose wall clock the expression follows
   * @return the next fire time, a whole minute of that wall clock (or the end of a daylight-saving
   *     gap)
   */
  public Instant nextAfter(Instant after, ZoneId zone) {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(zone, "zone");
    return cron.nextAfter(after, zone);
  }

  /**
   * Returns the last fire time strictly before an instant.
   *
   * @param before the instant
   * @param zone the time zone whose wall clock the expression follows
   * @return the previous fire time
   */
  public Instant previousBefore(Instant before, ZoneId zone) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(zone, "zone");
    return cron.previousBefore(before, zone);
  }

  /**
   * Returns the fire times after {@code from} and up to {@code to}: {@code from < t <= to}, oldest
   * first. This is the set of ticks a scheduler owes between its last check ({@code from}) and now
   * ({@code to}). The stream is lazy; each element costs one {@link #nextAfter} call.
   *
   * @param from the exclusive start
   * @param to the inclusive end
   * @param zone the time zone whose wall clock the expression follows
   * @return the fire times, ascending; empty when {@code to} is not after {@code from}
   */
  public Stream<Instant> fireTimesBetween(Instant from, Instant to, ZoneId zone) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    if (!to.isAfter(from)) {
      return Stream.empty();
    }
    return Stream.iterate(nextAfter(from, zone), t -> !t.isAfter(to), t -> nextAfter(t, zone));
  }

  /**
   * Returns whether the expression fires on every hour of the days it fires on; such expressions
   * keep their real-time rhythm across daylight-saving changes (see the class documentation).
   *
   * @return whether the hour field allows every hour
   */
  public boolean firesEveryHour() {
    return cron.firesEveryHour();
  }

  /**
   * Returns whether both expressions fire at the same times.
   *
   * @param o the other object
   * @return whether {@code o} is a cron schedule with the same fields
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof CronSchedule other && cron.equals(other.cron);
  }

  @Override
  public int hashCode() {
    return cron.hashCode();
  }

  /**
   * Returns the expression.
   *
   * @return the expression as given
   */
  @Override
  public String toString() {
    return cron.expression();
  }
}
