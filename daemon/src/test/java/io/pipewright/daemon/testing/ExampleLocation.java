package io.pipewright.daemon.testing;

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
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An example code location's server as a real process (its packaged Quarkus app), and runs queued
 * the way the webserver's launch queues them: the location plans the run over gRPC, the plan
 * snapshot and the run are stored, {@code RUN_ENQUEUED} appended, the run moved to QUEUED. The
 * daemon under test takes it from there. Shared by the end-to-end tests of both launchers.
 */
public final class ExampleLocation implements AutoCloseable {

  private final String name;
  private final Process server;
  private final GrpcCodeLocationClient client;

  private ExampleLocation(String name, Process server, GrpcCodeLocationClient client) {
    this.name = name;
    this.server = server;
    this.client = client;
  }

  /**
   * The packaged app of an example (built before the daemon: see the daemon's pom).
   *
   * @param example {@code etl} or {@code assets}
   * @return the app's {@code quarkus-run.jar}
   */
  public static Path jar(String example) {
    return Path.of("..", "examples", example, "target", "quarkus-app", "quarkus-run.jar")
        .toAbsolutePath()
        .normalize();
  }

  /**
   * The JVM to start servers and workers with.
   *
   * @return the {@code java} executable of this JVM
   */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Starts an example's server on a free port and waits until it answers (at most 90 s).
   *
   * @param name the code location's name ({@code etl}, {@code assets})
   * @param directory where its log goes ({@code server.log})
   * @return the running location
   * @throws IOException when it cannot be started
   * @throws InterruptedException when interrupted while waiting
   */
  public static ExampleLocation start(String name, Path directory)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = directory.resolve(name + "-server.log");
    Process server =
        new ProcessBuilder(
                java(),
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-jar",
                jar(name).toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    GrpcCodeLocationClient client =
        GrpcCodeLocationClient.connect(
            name, "localhost", port, GrpcCodeLocationClientOptions.defaults());
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      try {
        client.ping("up?");
        return new ExampleLocation(name, server, client);
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline || !server.isAlive()) {
          client.close();
          server.destroy();
          throw new AssertionError(
              "The " + name + " code location did not start: " + Files.readString(log), e);
        }
        Thread.sleep(200);
      }
    }
  }

  /**
   * Plans a run of one of this location's jobs and queues it.
   *
   * @param stores the daemon's stores: runs, snapshots, events
   * @param job the job
   * @param runConfig the run config
   * @param partitionKey the partition, or null
   * @param tags the run's tags (the launch's)
   * @return the run's id
   */
  public String queue(
      Stores stores,
      String job,
      Map<String, Object> runConfig,
      String partitionKey,
      Map<String, String> tags) {
    ExecutionPlanRequest.Builder request =
        ExecutionPlanRequest.forJob(job).runConfig(runConfig).partitionKey(partitionKey);
    ExecutionPlanResult result = client.executionPlan(request.build());
    assertThat(result).as("the plan of " + job).isInstanceOf(ExecutionPlanResult.Planned.class);
    ExecutionPlanSnapshot plan = ((ExecutionPlanResult.Planned) result).plan();
    String runId = UUID.randomUUID().toString();
    String planId = "plan-" + runId;
    stores
        .snapshots()
        .put(planId, SnapshotKind.EXECUTION_PLAN, PlanMapper.toProto(plan).toByteArray())
        .await()
        .indefinitely();
    Instant now = Instant.now();
    stores
        .runs()
        .add(
            Run.builder(runId, job, name)
                .runConfig(runConfig)
                .tags(tags)
                .partitionKey(partitionKey)
                .planSnapshotId(planId)
                .createTime(now)
                .build())
        .await()
        .indefinitely();
    stores
        .events()
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
    stores
        .runs()
        .transition(runId, RunStatus.NOT_STARTED, RunStatus.QUEUED, now)
        .await()
        .indefinitely();
    return runId;
  }

  /**
   * Waits until a run ended.
   *
   * @param runs the run store
   * @param runId the run
   * @param timeout how long to wait
   * @return the ended run
   * @throws InterruptedException when interrupted
   */
  public static Run awaitEnd(RunStore runs, String runId, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Run run = runs.find(runId).await().indefinitely().orElseThrow();
      if (run.status().isTerminal()) {
        return run;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Run " + runId + " did not end within " + timeout);
  }

  /**
   * Reads a run's events.
   *
   * @param events the event log
   * @param runId the run
   * @return its events, in order
   */
  public static List<EventRecord> eventsOf(EventLog events, String runId) {
    return events.eventsForRun(runId, 0, 10_000).await().indefinitely().events().stream()
        .map(StoredEvent::event)
        .toList();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  /**
   * The stores a queued run goes to.
   *
   * @param runs the runs
   * @param snapshots the plan snapshots
   * @param events the event log
   */
  public record Stores(RunStore runs, SnapshotStore snapshots, EventLog events) {}
}
