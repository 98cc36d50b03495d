package io.pipewright.daemon.retention;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.logs.ComputeLogStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Deletes what is older than its retention: events ({@link EventLog#deleteBefore}, which keeps the
 * events the asset index points at as latest materializations) and compute logs. Runs on its own
 * schedule, apart from the orchestrator's loop (a large delete must not delay a launch), and only
 * while this daemon leads. A retention of zero keeps everything.
 */
public final class Retention {

  private static final Logger LOG = Logger.getLogger(Retention.class);

  private final EventLog events;
  private final ComputeLogStore logs;
  private final Duration eventRetention;
  private final Duration logRetention;
  private final BooleanSupplier leading;
  private final Clock clock;
  private final Duration timeout;

  /**
   * Creates the retention.
   *
   * @param events the event log
   * @param logs the compute logs
   * @param eventRetention how long events are kept; zero keeps them forever
   * @param logRetention how long compute logs are kept; zero keeps them forever
   * @param leading whether this daemon leads now
   * @param clock the time
   * @param timeout how long the event deletion may take
   */
  public Retention(
      EventLog events,
      ComputeLogStore logs,
      Duration eventRetention,
      Duration logRetention,
      BooleanSupplier leading,
      Clock clock,
      Duration timeout) {
    this.events = Objects.requireNonNull(events, "events must not be null");
    this.logs = Objects.requireNonNull(logs, "logs must not be null");
    this.eventRetention = Objects.requireNonNull(eventRetention, "eventRetention must not be null");
    this.logRetention = Objects.requireNonNull(logRetention, "logRetention must not be null");
    this.leading = Objects.requireNonNull(leading, "leading must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
  }

  /**
   * Deletes what is due, if this daemon leads.
   *
   * @return how many events and log attempts were deleted
   */
  public long run() {
    if (!leading.getAsBoolean()) {
      return 0;
    }
    Instant now = clock.instant();
    long deleted = 0;
    if (!eventRetention.isZero()) {
      long count = events.deleteBefore(now.minus(eventRetention)).await().atMost(timeout);
      if (count > 0) {
        LOG.infof("Retention deleted %d events older than %s", count, eventRetention);
      }
      deleted += count;
    }
    if (!logRetention.isZero()) {
      int count = logs.deleteOlderThan(now.minus(logRetention));
      if (count > 0) {
        LOG.infof(
            "Retention deleted the compute logs of %d attempts older than %s", count, logRetention);
      }
      deleted += count;
    }
    return deleted;
  }
}
