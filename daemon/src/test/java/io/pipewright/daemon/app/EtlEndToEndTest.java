package io.pipewright.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.daemon.testing.ExampleLocation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path of a run on one machine, with the real pieces: the example code location {@code
 * etl} plans the run over gRPC (as the webserver's launch does), the run is stored QUEUED with its
 * plan in PostgreSQL, and the daemon drives it to its end with one {@code execute-step} child
 * process per step attempt, reading their events from their standard output.
 */
@QuarkusTest
@TestProfile(EtlProfile.class)
class EtlEndToEndTest {

  private static ExampleLocation etl;
  private static Path storage;

  @Inject RunStore runs;
  @Inject SnapshotStore snapshots;
  @Inject EventLog events;

  @BeforeAll
  static void startTheCodeLocation() throws Exception {
    storage = Files.createTempDirectory(Path.of("target"), "etl-storage-").toAbsolutePath();
    etl = ExampleLocation.start("etl", storage);
  }

  @AfterAll
  static void stopTheCodeLocation() {
    if (etl != null) {
      etl.close();
    }
  }

  private String queue(String job, Map<String, Object> runConfig) {
    return etl.queue(
        new ExampleLocation.Stores(runs, snapshots, events), job, runConfig, null, Map.of());
  }

  private Run awaitEnd(String runId) throws InterruptedException {
    return ExampleLocation.awaitEnd(runs, runId, Duration.ofMinutes(3));
  }

  private List<EventRecord> eventsOf(String runId) {
    return ExampleLocation.eventsOf(events, runId);
  }

  private Map<String, Object> ioManager() {
    return Map.of("io_manager", Map.of("config", Map.of("base_dir", storage.toString())));
  }

  @Test
  void shouldRunTheEtlJobToSuccessWithOneWorkerProcessPerStep() throws Exception {
    String runId = queue("orders_etl", Map.of("resources", ioManager()));

    Run run = awaitEnd(runId);

    List<EventRecord> all = eventsOf(runId);
    assertThat(run.status()).as("events: %s", all).isEqualTo(RunStatus.SUCCESS);
    assertThat(all)
        .filteredOn(e -> e.type() == DagsterEventType.STEP_SUCCESS)
        .extracting(EventRecord::stepKey)
        .contains("extract", "validate", "load")
        .anyMatch(key -> key.startsWith("summarize["));
    assertThat(all).anyMatch(e -> e.type() == DagsterEventType.ASSET_MATERIALIZATION);
    assertThat(all.get(all.size() - 1).type()).isEqualTo(DagsterEventType.RUN_SUCCESS);
  }

  @Test
  void shouldFailTheRunWithTheStepFailureWhenAnOpFails() throws Exception {
    String runId =
        queue(
            "orders_etl",
            Map.of(
                "ops",
                Map.of("extract", Map.of("config", Map.of("limit", 5, "failFirstAttempts", 99))),
                "resources",
                ioManager()));

    Run run = awaitEnd(runId);

    List<EventRecord> all = eventsOf(runId);
    assertThat(run.status()).as("events: %s", all).isEqualTo(RunStatus.FAILURE);
    // The op's retry policy (3 retries) runs four attempts, each its own worker process.
    assertThat(all)
        .filteredOn(e -> e.type() == DagsterEventType.STEP_UP_FOR_RETRY)
        .extracting(EventRecord::attempt)
        .containsExactly(1, 2, 3);
    assertThat(all)
        .filteredOn(e -> e.type() == DagsterEventType.STEP_FAILURE)
        .extracting(EventRecord::stepKey, EventRecord::attempt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("extract", 4));
    assertThat(
            all.stream()
                .filter(e -> e.type() == DagsterEventType.RUN_FAILURE)
                .findFirst()
                .orElseThrow()
                .message())
        .contains("extract");
    assertThat(all)
        .noneMatch(e -> "validate".equals(e.stepKey()) && e.type() == DagsterEventType.STEP_START);
  }
}
