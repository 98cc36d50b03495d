package io.pipewright.daemon.heartbeat;

import io.pipewright.core.instance.DaemonHeartbeat;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes the leader's heartbeats (Dagster's {@code daemon_heartbeats}), one per loop it runs, so
 * that GraphQL's {@code instance.daemonHealth} can tell whether the daemon is alive and what went
 * wrong lately. Only the leader beats: a standby runs no loop.
 */
public final class Heartbeats {

  /** The queue's daemon type, as Dagster names it. */
  public static final String QUEUED_RUN_COORDINATOR = "QUEUED_RUN_COORDINATOR";

  /** The run orchestrator's daemon type (Dagster runs a worker per run instead). */
  public static final String RUN_ORCHESTRATOR = "RUN_ORCHESTRATOR";

  /** The run monitor's daemon type, as Dagster names it. */
  public static final String MONITORING = "MONITORING";

  /** Every daemon type this daemon beats for. */
  public static final List<String> DAEMON_TYPES =
      List.of(QUEUED_RUN_COORDINATOR, RUN_ORCHESTRATOR, MONITORING);

  private final DaemonHeartbeatStore store;
  private final String daemonId;
  private final Duration timeout;

  /**
   * Creates the writer.
   *
   * @param store where heartbeats go
   * @param daemonId this daemon's id
   * @param timeout how long one write may take
   */
  public Heartbeats(DaemonHeartbeatStore store, String daemonId, Duration timeout) {
    this.store = Objects.requireNonNull(store, "store must not be null");
    this.daemonId = Objects.requireNonNull(daemonId, "daemonId must not be null");
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
  }

  /**
   * Writes one heartbeat per daemon type.
   *
   * @param now the time
   * @param errors the loop's recent errors, newest first
   */
  public void beat(Instant now, List<ErrorSnapshot> errors) {
    // Side by side: one round trip's wait for the loop, not one per type.
    List<Uni<Void>> beats = new ArrayList<>(DAEMON_TYPES.size());
    for (String type : DAEMON_TYPES) {
      beats.add(store.beat(new DaemonHeartbeat(type, daemonId, now, errors)));
    }
    Uni.join().all(beats).andCollectFailures().await().atMost(timeout);
  }
}
