package io.pipewright.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotKind;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.protocol.client.GrpcCodeLocationClient;
import io.pipewright.protocol.client.GrpcCodeLocationClientOptions;
import io.pipewright.protocol.mapping.PlanMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  private static Process server;
  private static GrpcCodeLocationClient client;
  private static Path storage;

  @Inject RunStore runs;
  @Inject SnapshotStore snapshots;
  @Inject EventLog events;

  @BeforeAll
  static void startTheCodeLocation() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    storage = Files.createTempDirectory(Path.of("target"), "etl-storage-").toAbsolutePath();
    Path log = storage.resolve("server.log");
    server =
        new ProcessBuilder(
                EtlProfile.java(),
                "-Dquarkus.http.port=" + port,
                "-jar",
                EtlProfile.etlJar().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    client =
        GrpcCodeLocationClient.connect(
            "etl", "localhost", port, GrpcCodeLocationClientOptions.defaults());
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      try {
        client.ping("up?");
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline || !server.isAlive()) {
          throw new AssertionError(
              "The etl code location did not start: " + Files.readString(log), e);
        }
        Thread.sleep(200);
      }
    }
  }

  @AfterAll
  static void stopTheCodeLocation() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.destroy();
    }
  }

  private String queue(String job, Map<String, Object> runConfig) {
    ExecutionPlanResult result =
        client.executionPlan(ExecutionPlanRequest.forJob(job).runConfig(runConfig).build());
    assertThat(result).as("the plan of " + job).isInstanceOf(ExecutionPlanResult.Planned.class);
    ExecutionPlanSnapshot plan = ((ExecutionPlanResult.Planned) result).plan();
    String runId = UUID.randomUUID().toString();
    String planId = "plan-" + runId;
    snapshots
        .put(planId, SnapshotKind.EXECUTION_PLAN, PlanMapper.toProto(plan).toByteArray())
        .await()
        .indefinitely();
    Instant now = Instant.now();
    runs.add(
            Run.builder(runId, job, "etl")
                .runConfig(runConfig)
                .planSnapshotId(planId)
                .createTime(now)
                .build())
        .await()
        .indefinitely();
    events
        .append(
            List.of(
                new EventRecord(
                    runId,
                    null,
                    0,
                    0,
                    now,
                    DagsterEventType.RUN_ENQUEUED,
                    EventLevel.INFO,
                    "",
                    null)))
        .await()
        .indefinitely();
    runs.transition(runId, RunStatus.NOT_STARTED, RunStatus.QUEUED, now).await().indefinitely();
    return runId;
  }

  private Run awaitEnd(String runId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      Run run = runs.find(runId).await().indefinitely().orElseThrow();
      if (run.status().isTerminal()) {
        return run;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Run " + runId + " did not end within 3 minutes");
  }

  private List<EventRecord> eventsOf(String runId) {
    return events.eventsForRun(runId, 0, 10_000).await().indefinitely().events().stream()
        .map(StoredEvent::event)
        .toList();
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
