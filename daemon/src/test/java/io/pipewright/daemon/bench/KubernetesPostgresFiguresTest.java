package io.pipewright.daemon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.app.NoDaemonProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 7's figures through one daemon over the PostgreSQL stores (the private PostgreSQL): the
 * same fan-out as {@link KubernetesFiguresTest}. Off by default; {@code -Dpipewright.bench=true}
 * runs it and writes target/bench/daemon-k8s-postgres.txt.
 */
@QuarkusTest
@TestProfile(NoDaemonProfile.class)
@EnabledIfSystemProperty(named = "pipewright.bench", matches = "true")
class KubernetesPostgresFiguresTest {

  @Inject RunStore runs;
  @Inject SnapshotStore snapshots;
  @Inject EventLog events;
  @Inject PoolStore pools;
  @Inject DaemonHeartbeatStore heartbeats;

  @Test
  void shouldMeasurePodsPerSecondOverheadAndApiCallsOverPostgresWhenBenchmarksAreOn()
      throws IOException {
    KubernetesFiguresTest.Measured results =
        KubernetesFiguresTest.measure(new DaemonStores(runs, snapshots, events, pools, heartbeats));
    KubernetesFiguresTest.write(
        "daemon-k8s-postgres.txt",
        "Through one daemon (PostgreSQL 16 stores, private, embedded), K8sStepLauncher on fabric8's"
            + " mock API server (CRUD mode), a bench kubelet storing each worker's events then"
            + " ending its pod Succeeded:",
        results);
    for (KubernetesFanOut.Result result : results.all()) {
      assertThat(result.end()).isEqualTo(RunStatus.SUCCESS);
      assertThat(result.overhead().count()).isEqualTo(1000);
    }
  }
}
