package io.pipewright.daemon;

import io.pipewright.core.orchestration.OrchestrationSettings;
import io.pipewright.core.queue.RunQueueLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the daemon's loops.
 *
 * @param daemonId this daemon process's id, in heartbeats and logs; non-blank
 * @param queueLimits the run queue's limits
 * @param maxQueuedScan at most this many queued runs are considered per admission (oldest first)
 * @param orchestration the orchestration decisions' knobs (timeouts, retries, step limits)
 * @param queueInterval how often the queue is checked without a notification (new runs are noticed
 *     at once through the event log's notifications; this is the safety net)
 * @param resyncInterval how often every driven run's events and row are read again, in case a
 *     notification was lost
 * @param heartbeatInterval how often the leader writes its heartbeats
 * @param storeTimeout how long one store call may take before the cycle fails and is retried
 * @param errorBackoff how long the loop waits after a failed cycle before it rebuilds its view
 */
public record DaemonSettings(
    String daemonId,
    RunQueueLimits queueLimits,
    int maxQueuedScan,
    OrchestrationSettings orchestration,
    Duration queueInterval,
    Duration resyncInterval,
    Duration heartbeatInterval,
    Duration storeTimeout,
    Duration errorBackoff) {

  /** Validates the components. */
  public DaemonSettings {
    if (daemonId == null || daemonId.isBlank()) {
      throw new IllegalArgumentException("DaemonSettings needs a daemonId");
    }
    Objects.requireNonNull(queueLimits, "queueLimits must not be null");
    if (maxQueuedScan < 1) {
      throw new IllegalArgumentException("maxQueuedScan must be 1 or more, got " + maxQueuedScan);
    }
    Objects.requireNonNull(orchestration, "orchestration must not be null");
    positive(queueInterval, "queueInterval");
    positive(resyncInterval, "resyncInterval");
    positive(heartbeatInterval, "heartbeatInterval");
    positive(storeTimeout, "storeTimeout");
    positive(errorBackoff, "errorBackoff");
  }

  private static void positive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "DaemonSettings needs a positive " + name + ", got " + value);
    }
  }

  /**
   * Defaults: Dagster's queue limits (10 runs), 10,000 queued runs per scan, core's orchestration
   * defaults, the queue checked every 5 s, a resync every 60 s, heartbeats every 15 s, 30 s per
   * store call, 2 s back-off after a failed cycle.
   *
   * @param daemonId this daemon's id
   * @return the settings
   */
  public static DaemonSettings defaults(String daemonId) {
    return new DaemonSettings(
        daemonId,
        RunQueueLimits.DEFAULT,
        10_000,
        OrchestrationSettings.DEFAULTS,
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        Duration.ofSeconds(2));
  }

  /**
   * The same settings with other queue limits.
   *
   * @param limits the limits
   * @return the settings
   */
  public DaemonSettings withQueueLimits(RunQueueLimits limits) {
    return new DaemonSettings(
        daemonId,
        limits,
        maxQueuedScan,
        orchestration,
        queueInterval,
        resyncInterval,
        heartbeatInterval,
        storeTimeout,
        errorBackoff);
  }

  /**
   * The same settings with other orchestration settings.
   *
   * @param value the orchestration settings
   * @return the settings
   */
  public DaemonSettings withOrchestration(OrchestrationSettings value) {
    return new DaemonSettings(
        daemonId,
        queueLimits,
        maxQueuedScan,
        value,
        queueInterval,
        resyncInterval,
        heartbeatInterval,
        storeTimeout,
        errorBackoff);
  }
}
