package io.pipewright.daemon.app;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.storage.memory.InMemoryStorage;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The stores in memory, used only when no other bean provides them: the PostgreSQL adapters of
 * {@code pipewright-storage}, once on the class path, replace them. Nothing survives a restart, and
 * no second daemon or webserver can share them; {@link DaemonApplication} says so at start-up.
 */
@Singleton
public class InMemoryStorageProducers {

  private final InMemoryStorage storage = new InMemoryStorage();

  @Produces
  @DefaultBean
  @Singleton
  RunStore runs() {
    return storage.runs();
  }

  @Produces
  @DefaultBean
  @Singleton
  SnapshotStore snapshots() {
    return storage.snapshots();
  }

  @Produces
  @DefaultBean
  @Singleton
  EventLog events() {
    return storage.events();
  }

  @Produces
  @DefaultBean
  @Singleton
  PoolStore pools() {
    return storage.pools();
  }

  @Produces
  @DefaultBean
  @Singleton
  DaemonHeartbeatStore heartbeats() {
    return storage.heartbeats();
  }
}
