package io.pipewright.storage.memory;

import io.pipewright.core.instance.DaemonHeartbeat;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A {@link DaemonHeartbeatStore} in memory. */
public final class InMemoryDaemonHeartbeatStore implements DaemonHeartbeatStore {

  private final Guard guard = new Guard();
  private final Map<String, DaemonHeartbeat> latest = new TreeMap<>();

  /** Creates an empty store. */
  public InMemoryDaemonHeartbeatStore() {}

  @Override
  public Uni<Void> beat(DaemonHeartbeat heartbeat) {
    return guard.run(
        () -> {
          Objects.requireNonNull(heartbeat, "heartbeat: give the heartbeat to store");
          latest.put(heartbeat.daemonType(), heartbeat);
        });
  }

  @Override
  public Uni<List<DaemonHeartbeat>> latest() {
    return guard.call(() -> List.copyOf(latest.values()));
  }
}
