package io.pipewright.daemon.schedule;

import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.daemon.app.NoDaemonProfile;
import io.pipewright.daemon.testing.InstigationHarness;
import io.pipewright.daemon.testing.SchedulerCrashes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scheduler's crash scenarios over the PostgreSQL stores (the private PostgreSQL): the tick's
 * uniqueness, the reservation and the runs' ids hold in the real database.
 */
@QuarkusTest
@TestProfile(NoDaemonProfile.class)
class SchedulerPostgresTest {

  @Inject RunStore runs;
  @Inject SnapshotStore snapshots;
  @Inject EventLog events;
  @Inject InstigatorStore instigators;
  @Inject BackfillStore backfills;
  @Inject DynamicPartitionStore dynamicPartitions;
  @Inject KeyValueStore keyValues;
  @Inject DaemonHeartbeatStore heartbeats;

  private InstigationStores stores() {
    return new InstigationStores(
        runs, snapshots, events, instigators, backfills, dynamicPartitions, keyValues, heartbeats);
  }

  @ParameterizedTest
  @EnumSource(SchedulerCrashes.Point.class)
  void shouldCreateEachRunOnceAndMissNoTickWhenTheDaemonCrashesMidTickOverPostgres(
      SchedulerCrashes.Point point) {
    InstigationHarness h = new InstigationHarness(Instant.parse("2026-03-02T09:30:30Z"), stores());
    SchedulerCrashes.play(
        h, "hourly_" + point.name().toLowerCase() + "_" + System.nanoTime(), point);
  }
}
