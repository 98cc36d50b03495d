package io.pipewright.daemon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.app.NoDaemonProfile;
import io.pipewright.daemon.testing.Figures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 6's figures against the PostgreSQL stores (the private PostgreSQL) and fake workers. Off by
 * default; {@code -Dpipewright.bench=true} runs it and writes target/bench/daemon-postgres.txt.
 */
@QuarkusTest
@TestProfile(NoDaemonProfile.class)
@EnabledIfSystemProperty(named = "pipewright.bench", matches = "true")
class PostgresFiguresTest {

  @Inject RunStore runs;
  @Inject SnapshotStore snapshots;
  @Inject EventLog events;
  @Inject PoolStore pools;
  @Inject DaemonHeartbeatStore heartbeats;

  @Test
  void shouldMeasureTheOrchestratorsTimePerStepAndTheAdmissionWhenBenchmarksAreOn()
      throws IOException {
    DaemonStores stores = new DaemonStores(runs, snapshots, events, pools, heartbeats);
    Figures.timePerStep(stores, 20, 10, Duration.ofMillis(20)); // Warm-up.
    Figures.PerStep perStep = Figures.timePerStep(stores, 100, 10, Duration.ofSeconds(1));
    Figures.PerStep stressed = Figures.timePerStep(stores, 100, 10, Duration.ofMillis(50));
    Figures.admission(stores, 200); // Warm-up.
    Figures.Admission admission = Figures.admission(stores, 1000);
    Figures.admissionAtOnce(stores, 200); // Warm-up.
    double atOnce = Figures.admissionAtOnce(stores, 1000);

    String report =
        "PostgreSQL 16 (private, embedded), fake workers, 100 concurrent runs of a"
            + " 10-step chain:\n"
            + "  orchestrator time per step (upstream success stored -> downstream launch call),"
            + " steps of 1 s: "
            + perStep
            + "\n  the same, steps of 50 ms (2,000 steps/s): "
            + stressed
            + "\n  admission, capacity for all appearing at once (a daemon takes the lead): 1000"
            + String.format(" queued runs admitted in %.0f ms", atOnce)
            + "\n  admission, capacity freed run by run (1000 runs end, 1000 wait): "
            + admission
            + "\n";
    Path out = Path.of("target", "bench", "daemon-postgres.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
    assertThat(perStep.latency().count()).isEqualTo(900);
  }
}
