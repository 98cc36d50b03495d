package io.pipewright.daemon.retention;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.logs.ComputeLogStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Deletes what is older than its retention: events ({@link EventLog#deleteBefore}, which keeps the
 * events the asset index points at as latest materializations), compute logs, and finished schedule
 * and sensor ticks per status ({@link InstigatorStore#deleteTicksBefore}; 10,000 every-minute
 * schedules write 14.4 million ticks a day). Runs on its own schedule, apart from the
 * orchestrator's loop (a large delete must not delay a launch), and only while this daemon leads. A
 * retention of zero keeps everything.
 */
public final class Retention {

  private static final Logger LOG = Logger.getLogger(Retention.class);

  private final EventLog events;
  private final ComputeLogStore logs;
  private final InstigatorStore instigators;
  private final RetentionPeriods periods;
  private final BooleanSupplier leading;
  private final Clock clock;
  private final Duration timeout;

  /**
   * Creates the retention.
   *
   * @param events the event log
   * @param logs the compute logs
   * @param instigators where ticks are stored
   * @param periods how long each kind of record is kept
   * @param leading whether this daemon leads now
   * @param clock the time
   * @param timeout how long one store deletion may take
   */
  public Retention(
      EventLog events,
      ComputeLogStore logs,
      InstigatorStore instigators,
      RetentionPeriods periods,
      BooleanSupplier leading,
      Clock clock,
      Duration timeout) {
    this.events = Objects.requireNonNull(events, "events must not be null");
    this.logs = Objects.requireNonNull(logs, "logs must not be null");
    this.instigators = Objects.requireNonNull(instigators, "instigators must not be null");
    this.periods = Objects.requireNonNull(periods, "periods must not be null");
    this.leading = Objects.requireNonNull(leading, "leading must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
  }

  /**
   * Deletes what is due, if this daemon leads.
   *
   * @return how many events, log attempts and ticks were deleted
   */
  public long run() {
    if (!leading.getAsBoolean()) {
      return 0;
    }
    Instant now = clock.instant();
    long deleted = 0;
    if (!periods.events().isZero()) {
      long count = events.deleteBefore(now.minus(periods.events())).await().atMost(timeout);
      if (count > 0) {
        LOG.infof("Retention deleted %d events older than %s", count, periods.events());
      }
      deleted += count;
    }
    if (!periods.computeLogs().isZero()) {
      int count = logs.deleteOlderThan(now.minus(periods.computeLogs()));
      if (count > 0) {
        LOG.infof(
            "Retention deleted the compute logs of %d attempts older than %s",
            count, periods.computeLogs());
      }
      deleted += count;
    }
    for (Map.Entry<TickStatus, Duration> entry : periods.ticks().entrySet()) {
      if (entry.getValue().isZero()) {
        continue;
      }
      long count =
          instigators
              .deleteTicksBefore(now.minus(entry.getValue()), Set.of(entry.getKey()))
              .await()
              .atMost(timeout);
      if (count > 0) {
        LOG.infof(
            "Retention deleted %d %s ticks older than %s", count, entry.getKey(), entry.getValue());
      }
      deleted += count;
    }
    return deleted;
  }
}
