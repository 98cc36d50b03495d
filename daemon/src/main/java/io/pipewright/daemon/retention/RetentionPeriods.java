package io.pipewright.daemon.retention;

import io.pipewright.core.instigation.TickStatus;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long each kind of record is kept. A period of zero keeps that kind forever.
 *
 * @param events events of the event log
 * @param computeLogs the compute logs of step attempts
 * @param ticks schedule and sensor ticks, per finished status (Dagster's {@code purge_after_days}
 *     per tick status); a status without an entry is kept forever. {@link TickStatus#STARTED} is
 *     not allowed: a started tick may still have runs to submit.
 */
public record RetentionPeriods(
    Duration events, Duration computeLogs, Map<TickStatus, Duration> ticks) {

  /** Checks the periods and copies the tick map. */
  public RetentionPeriods {
    events = nonNegative(events, "events");
    computeLogs = nonNegative(computeLogs, "computeLogs");
    Objects.requireNonNull(ticks, "ticks must not be null");
    Map<TickStatus, Duration> copy = new EnumMap<>(TickStatus.class);
    ticks.forEach(
        (status, period) -> {
          if (!status.isTerminal()) {
            throw new IllegalArgumentException(
                "Ticks in status "
                    + status
                    + " cannot have a retention: they may still submit runs. Give periods for"
                    + " SKIPPED, SUCCESS or FAILURE only");
          }
          copy.put(status, nonNegative(period, "ticks." + status.name().toLowerCase()));
        });
    ticks = Collections.unmodifiableMap(copy);
  }

  /**
   * Tells whether every period keeps its records forever, so that retention has nothing to do.
   *
   * @return true when every period is zero
   */
  public boolean keepsEverything() {
    return events.isZero()
        && computeLogs.isZero()
        && ticks.values().stream().allMatch(Duration::isZero);
  }

  private static Duration nonNegative(Duration period, String name) {
    Objects.requireNonNull(period, name + " must not be null");
    if (period.isNegative()) {
      throw new IllegalArgumentException(
          "The retention of " + name + " is negative (" + period + "); use 0s to keep forever");
    }
    return period;
  }
}
