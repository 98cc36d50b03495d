package io.pipewright.daemon.schedule;

import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import java.util.Objects;

/**
 * The store ports the scheduler, the sensor daemon and the backfill daemon work with.
 *
 * @param runs the runs they create
 * @param snapshots the job and plan snapshots stored with the runs
 * @param events the event log ({@code RUN_ENQUEUED}; the sensors' materializations and run ends)
 * @param instigators schedules' and sensors' states and ticks
 * @param backfills the backfills
 * @param dynamicPartitions the keys of dynamic partitions (sensors add and delete them)
 * @param keyValues the run requests of ticks in progress
 * @param heartbeats the daemons' heartbeats (SCHEDULER, SENSOR, BACKFILL)
 */
public record InstigationStores(
    RunStore runs,
    SnapshotStore snapshots,
    EventLog events,
    InstigatorStore instigators,
    BackfillStore backfills,
    DynamicPartitionStore dynamicPartitions,
    KeyValueStore keyValues,
    DaemonHeartbeatStore heartbeats) {

  /** Validates the components. */
  public InstigationStores {
    Objects.requireNonNull(runs, "runs must not be null");
    Objects.requireNonNull(snapshots, "snapshots must not be null");
    Objects.requireNonNull(events, "events must not be null");
    Objects.requireNonNull(instigators, "instigators must not be null");
    Objects.requireNonNull(backfills, "backfills must not be null");
    Objects.requireNonNull(dynamicPartitions, "dynamicPartitions must not be null");
    Objects.requireNonNull(keyValues, "keyValues must not be null");
    Objects.requireNonNull(heartbeats, "heartbeats must not be null");
  }
}
