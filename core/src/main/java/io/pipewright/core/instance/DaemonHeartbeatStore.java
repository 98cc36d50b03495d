package io.pipewright.core.instance;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * The port to daemon heartbeats (Dagster's {@code daemon_heartbeats}).
 *
 * <p>Every adapter passes the same contract test suite; methods may be called from any thread.
 */
public interface DaemonHeartbeatStore {

  /**
   * Stores a heartbeat, replacing the one of the same daemon type.
   *
   * @param heartbeat the heartbeat
   * @return completion
   */
  Uni<Void> beat(DaemonHeartbeat heartbeat);

  /**
   * Reads the latest heartbeat of every daemon type.
   *
   * @return the heartbeats, by daemon type
   */
  Uni<List<DaemonHeartbeat>> latest();
}
