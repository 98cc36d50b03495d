package io.pipewright.storage.memory;

import io.pipewright.core.asset.AssetIndex;
import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;

/**
 * Every store port in memory, as one instance would have them: the event log and the asset index
 * share their state. Thread-safe; nothing survives the object.
 */
public final class InMemoryStorage {

  private final InMemoryRunStore runs = new InMemoryRunStore();
  private final InMemorySnapshotStore snapshots = new InMemorySnapshotStore();
  private final EventState eventState = new EventState();
  private final InMemoryEventLog events = new InMemoryEventLog(eventState);
  private final InMemoryAssetIndex assets = new InMemoryAssetIndex(eventState);
  private final InMemoryInstigatorStore instigators = new InMemoryInstigatorStore();
  private final InMemoryBackfillStore backfills = new InMemoryBackfillStore();
  private final InMemoryPoolStore pools = new InMemoryPoolStore();
  private final InMemoryDaemonHeartbeatStore heartbeats = new InMemoryDaemonHeartbeatStore();
  private final InMemoryKeyValueStore keyValues = new InMemoryKeyValueStore();
  private final InMemoryDynamicPartitionStore dynamicPartitions =
      new InMemoryDynamicPartitionStore();

  /** Creates empty storage. */
  public InMemoryStorage() {}

  /**
   * Returns the runs.
   *
   * @return the run store
   */
  public RunStore runs() {
    return runs;
  }

  /**
   * Returns the snapshots.
   *
   * @return the snapshot store
   */
  public SnapshotStore snapshots() {
    return snapshots;
  }

  /**
   * Returns the event log.
   *
   * @return the event log, which keeps {@link #assets()} up to date
   */
  public EventLog events() {
    return events;
  }

  /**
   * Returns the asset index.
   *
   * @return the asset index over {@link #events()}
   */
  public AssetIndex assets() {
    return assets;
  }

  /**
   * Returns the schedule and sensor state and ticks.
   *
   * @return the instigator store
   */
  public InstigatorStore instigators() {
    return instigators;
  }

  /**
   * Returns the backfills.
   *
   * @return the backfill store
   */
  public BackfillStore backfills() {
    return backfills;
  }

  /**
   * Returns the op concurrency pools.
   *
   * @return the pool store
   */
  public PoolStore pools() {
    return pools;
  }

  /**
   * Returns the daemon heartbeats.
   *
   * @return the heartbeat store
   */
  public DaemonHeartbeatStore heartbeats() {
    return heartbeats;
  }

  /**
   * Returns the key-value store.
   *
   * @return the key-value store
   */
  public KeyValueStore keyValues() {
    return keyValues;
  }

  /**
   * Returns the dynamic partitions.
   *
   * @return the dynamic partition store
   */
  public DynamicPartitionStore dynamicPartitions() {
    return dynamicPartitions;
  }
}
