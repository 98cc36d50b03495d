package io.pipewright.daemon.bench;

import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.daemon.app.NoDaemonProfile;
import io.pipewright.daemon.schedule.InstigationStores;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 8's schedule figure over the PostgreSQL stores (the private PostgreSQL of the tests, on the
 * same machine) and an in-process fake code location. Off by default; {@code
 * -Dpipewright.bench=true} runs it and writes target/bench/instigation-postgres.txt.
 */
@QuarkusTest
@TestProfile(NoDaemonProfile.class)
@EnabledIfSystemProperty(named = "pipewright.bench", matches = "true")
class InstigationPostgresFiguresTest {

  @Inject RunStore runs;
  @Inject SnapshotStore snapshots;
  @Inject EventLog events;
  @Inject InstigatorStore instigators;
  @Inject BackfillStore backfills;
  @Inject DynamicPartitionStore dynamicPartitions;
  @Inject KeyValueStore keyValues;
  @Inject DaemonHeartbeatStore heartbeats;

  @Test
  void shouldMeasureTheTickLagOfTenThousandSchedulesOverPostgresWhenBenchmarksAreOn()
      throws IOException {
    InstigationStores stores =
        new InstigationStores(
            runs,
            snapshots,
            events,
            instigators,
            backfills,
            dynamicPartitions,
            keyValues,
            heartbeats);
    String report =
        "PostgreSQL stores (private PostgreSQL 16, same machine), in-process fake code location (no"
            + " gRPC), 16 scheduler workers:\n"
            + InstigationFiguresTest.measureSchedules(stores, "pg" + System.nanoTime() + "_");
    Path out = Path.of("target", "bench", "instigation-postgres.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
  }
}
