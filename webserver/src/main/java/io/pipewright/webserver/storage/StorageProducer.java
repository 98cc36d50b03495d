package io.pipewright.webserver.storage;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.storage.memory.InMemoryStorage;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Produces the storage ports the webserver uses. In memory for now (one process, nothing survives a
 * restart); the PostgreSQL adapters replace them when the storage module provides them.
 */
@ApplicationScoped
public class StorageProducer {

  private final InMemoryStorage storage = new InMemoryStorage();

  /**
   * Produces the run storage.
   *
   * @return the runs
   */
  @Produces
  @Singleton
  @DefaultBean
  public RunStore runs() {
    return storage.runs();
  }

  /**
   * Produces the event log.
   *
   * @return the event log
   */
  @Produces
  @Singleton
  @DefaultBean
  public EventLog events() {
    return storage.events();
  }

  /**
   * Produces the snapshot storage.
   *
   * @return the snapshots
   */
  @Produces
  @Singleton
  @DefaultBean
  public SnapshotStore snapshots() {
    return storage.snapshots();
  }
}
