package io.pipewright.core.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Decides which ticks of a schedule are due: the pure part of the scheduler. The daemon keeps, per
 * schedule, the scheduled time of the last tick it finished (its checkpoint); every scheduled time
 * after the checkpoint and not after now is owed, and the catch-up policy decides how many of them
 * run after a downtime.
 *
 * <p>The cost does not depend on the length of the downtime: the due times are found walking back
 * from now, at most {@link CatchUpPolicy#maxTicks()} steps.
 */
public final class ScheduleTicks {

  private ScheduleTicks() {}

  /**
   * Lists the ticks due now.
   *
   * @param cron the schedule's cron expression
   * @param zone the zone it is read in
   * @param checkpoint the scheduled time of the last finished tick, or the time the schedule was
   *     started when it never ticked; ticks at or before it are not due
   * @param now the current time
   * @param policy how many missed ticks run
   * @return the due ticks, oldest first, and the next scheduled time after now
   */
  public static DueTicks due(
      CronExpression cron, ZoneId zone, Instant checkpoint, Instant now, CatchUpPolicy policy) {
    Objects.requireNonNull(cron, "cron must not be null");
    Objects.requireNonNull(zone, "zone must not be null");
    Objects.requireNonNull(checkpoint, "checkpoint must not be null");
    Objects.requireNonNull(now, "now must not be null");
    Objects.requireNonNull(policy, "policy must not be null");
    Instant next = cron.nextAfter(now, zone);
    List<Instant> due = new ArrayList<>();
    boolean dropped = false;
    if (now.isAfter(checkpoint)) {
      // The latest scheduled time at or before now, then backwards.
      Instant t = cron.previousBefore(now.plusNanos(1), zone);
      while (t.isAfter(checkpoint)) {
        if (due.size() == policy.maxTicks()) {
          dropped = true;
          break;
        }
        due.add(t);
        t = cron.previousBefore(t, zone);
      }
    }
    Collections.reverse(due);
    return new DueTicks(due, dropped, next);
  }
}
