package io.pipewright.daemon;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import java.util.Objects;

/**
 * The store ports the daemon works with: the same in every deployment, adapted to PostgreSQL in
 * production and to memory in fast tests.
 *
 * @param runs the runs (only the daemon changes their status after they are queued)
 * @param snapshots the plan snapshots stored with the runs
 * @param events the event log
 * @param pools the op concurrency pools' limits
 * @param heartbeats the daemons' heartbeats
 */
public record DaemonStores(
    RunStore runs,
    SnapshotStore snapshots,
    EventLog events,
    PoolStore pools,
    DaemonHeartbeatStore heartbeats) {

  /** Validates the components. */
  public DaemonStores {
    Objects.requireNonNull(runs, "runs must not be null");
    Objects.requireNonNull(snapshots, "snapshots must not be null");
    Objects.requireNonNull(events, "events must not be null");
    Objects.requireNonNull(pools, "pools must not be null");
    Objects.requireNonNull(heartbeats, "heartbeats must not be null");
  }
}
