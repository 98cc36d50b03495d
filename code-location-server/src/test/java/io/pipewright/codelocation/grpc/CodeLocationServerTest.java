package io.pipewright.codelocation.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pipewright.codelocation.snapshot.DefinitionsSnapshotter;
import io.pipewright.codelocation.testlocation.RecordingShutdown;
import io.pipewright.codelocation.testlocation.TestLocation;
import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.codelocation.PartitionRunConfigRequest;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.DynamicPartitionsRequestSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.PartitionRunConfig;
import io.pipewright.protocol.client.GrpcCodeLocationClient;
import io.pipewright.protocol.client.GrpcCodeLocationClientOptions;
import io.pipewright.protocol.v1.CodeLocationServiceGrpc;
import io.pipewright.protocol.v1.EvaluateScheduleRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RPCs of the running server other than planning (see {@link PlanningRpcTest}), through the
 * protocol's {@link GrpcCodeLocationClient} over a real port: the snapshot, partitions, schedule
 * and sensor ticks, ping, server id, shutdown, health and metrics, with the structured errors of
 * bad requests and failing user code.
 */
@QuarkusTest
class CodeLocationServerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TestHTTPResource("/")
  URL root;

  @Inject RecordingShutdown shutdown;

  private GrpcCodeLocationClient client;

  @BeforeEach
  void connect() {
    client =
        GrpcCodeLocationClient.connect(
            "test-location",
            root.getHost(),
            root.getPort(),
            GrpcCodeLocationClientOptions.builder()
                .controlDeadline(DEADLINE)
                .userCodeDeadline(DEADLINE)
                .build());
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void shouldServeTheSnapshotWhenAskedForIt() {
    CodeLocationSnapshot snapshot = client.snapshot();

    assertThat(snapshot.locationName()).isEqualTo("test-location");
    assertThat(snapshot.containerImage()).isEqualTo("registry.example.com/test:1");
    assertThat(snapshot.serverId()).isEqualTo(client.serverId());
    assertThat(snapshot.loadErrors()).isEmpty();
    assertThat(snapshot.jobs())
        .extracting(JobSnapshot::name)
        .containsExactly("etl", "hello", "daily_sales", "__ASSET_JOB");
    assertThat(snapshot.assets()).hasSize(4);
    assertThat(snapshot.schedules()).hasSize(1);
    assertThat(snapshot.sensors()).hasSize(2);
    // The hash leaves the server id out: the same definitions hash the same in any process.
    assertThat(snapshot.contentHash())
        .isEqualTo(
            DefinitionsSnapshotter.forLocation(
                    "test-location", "another-server", "registry.example.com/test:1")
                .snapshot(TestLocation.definitions())
                .contentHash());
  }

  @Test
  void shouldListPartitionKeysOfJobsAndAssets() {
    Instant now = Instant.parse("2026-03-01T00:00:00Z");
    List<String> days =
        List.of("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05");

    assertThat(client.partitionKeys(PartitionKeysRequest.forJob("daily_sales", now)))
        .isEqualTo(days);
    assertThat(client.partitionKeys(PartitionKeysRequest.forAsset(key(TestLocation.ORDERS), now)))
        .isEqualTo(days);
    assertThatThrownBy(
            () ->
                client.partitionKeys(PartitionKeysRequest.forAsset(key(TestLocation.SUMMARY), now)))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.INVALID_REQUEST))
        .hasMessageContaining("is not partitioned");
    assertThatThrownBy(() -> client.partitionKeys(PartitionKeysRequest.forJob("no_such_job", now)))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.NOT_FOUND));
  }

  @Test
  void shouldComputeThePartitionRunConfigOrReturnTheUserError() {
    PartitionRunConfig resolved =
        client.partitionRunConfig(new PartitionRunConfigRequest("daily_sales", "2026-01-02"));
    assertThat(((PartitionRunConfig.Resolved) resolved).tags())
        .containsEntry("day", "2026-01-02")
        .containsEntry("dagster/partition", "2026-01-02");

    PartitionRunConfig failed =
        client.partitionRunConfig(
            new PartitionRunConfigRequest("daily_sales", TestLocation.BROKEN_DAY));
    assertThat(((PartitionRunConfig.Failed) failed).error().className())
        .isEqualTo(IllegalArgumentException.class.getName());

    assertThatThrownBy(() -> client.partitionRunConfig(new PartitionRunConfigRequest("hello", "x")))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e ->
                assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.INVALID_REQUEST));
  }

  @Test
  void shouldRequestARunOnWeekdaysAndSkipOnSundaysWhenEvaluatingTheSchedule() {
    InstigatorEvaluation monday =
        client.evaluateSchedule(
            new ScheduleEvaluationRequest("nightly_hello", Instant.parse("2026-01-05T02:00:00Z")));
    assertThat(monday.runRequests()).hasSize(1);
    assertThat(monday.runRequests().get(0).runKey()).isEqualTo("hello-2026-01-05");
    assertThat(monday.runRequests().get(0).tags()).containsEntry("day", "2026-01-05");

    InstigatorEvaluation sunday =
        client.evaluateSchedule(
            new ScheduleEvaluationRequest("nightly_hello", Instant.parse("2026-01-04T02:00:00Z")));
    assertThat(sunday.runRequests()).isEmpty();
    assertThat(sunday.skipReason()).isEqualTo("No hello on Sundays");

    assertThatThrownBy(
            () ->
                client.evaluateSchedule(
                    new ScheduleEvaluationRequest(
                        "nightly_helo", Instant.parse("2026-01-04T02:00:00Z"))))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.NOT_FOUND))
        .hasMessageContaining("Did you mean 'nightly_hello'?");
  }

  @Test
  void shouldReturnRunsCursorAndDynamicPartitionsWhenTheSensorRequestsRuns() {
    InstigatorEvaluation tick =
        client.evaluateSensor(new SensorEvaluationRequest("new_files", "4", null, "file-4"));

    assertThat(tick.isFailure()).isFalse();
    assertThat(tick.runRequests()).hasSize(1);
    assertThat(tick.runRequests().get(0).runKey()).isEqualTo("file-5");
    assertThat(tick.runRequests().get(0).runConfig())
        .containsEntry("ops", Map.of("extract", Map.of("config", Map.of("limit", 5L))));
    assertThat(tick.cursor()).isEqualTo("5");
    assertThat(tick.dynamicPartitionRequests())
        .containsExactly(
            new DynamicPartitionsRequestSnapshot(
                "files", DynamicPartitionsRequestSnapshot.Action.ADD, List.of("file-5")));
  }

  @Test
  void shouldReturnTheErrorAsDataWhenTheSensorThrows() {
    InstigatorEvaluation tick =
        client.evaluateSensor(SensorEvaluationRequest.firstTick("broken_sensor"));

    assertThat(tick.isFailure()).isTrue();
    assertThat(tick.error().className()).isEqualTo(IllegalStateException.class.getName());
    assertThat(tick.error().message()).contains("the file server is down");
    assertThat(tick.error().stack()).isNotEmpty();
    assertThatThrownBy(
            () -> client.evaluateSensor(SensorEvaluationRequest.firstTick("no_such_sensor")))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.NOT_FOUND))
        .hasMessageContaining("new_files, broken_sensor");
  }

  @Test
  void shouldEchoAndKeepOneServerIdWhenPinged() {
    assertThat(client.ping("hello?")).isEqualTo("hello?");
    String id = client.serverId();
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    assertThat(client.serverId()).isEqualTo(id);
  }

  @Test
  void shouldAnswerThenShutDownWhenAskedTo() throws InterruptedException {
    int before = shutdown.requests();

    client.shutdown();

    // The server answers first and asks for the shutdown after, so the answer can arrive before
    // the request is counted: wait for it, within a bound.
    Instant deadline = Instant.now().plusSeconds(10);
    while (shutdown.requests() == before && Instant.now().isBefore(deadline)) {
      Thread.sleep(5);
    }
    assertThat(shutdown.requests()).isEqualTo(before + 1);
  }

  @Test
  void shouldRejectAMalformedRequestWithInvalidArgument() throws InterruptedException {
    ManagedChannel channel = channel();
    try {
      // A schedule tick without its time.
      EvaluateScheduleRequest malformed =
          EvaluateScheduleRequest.newBuilder().setScheduleName("nightly_hello").build();
      assertThatThrownBy(
              () ->
                  CodeLocationServiceGrpc.newBlockingStub(channel)
                      .withDeadlineAfter(20, TimeUnit.SECONDS)
                      .evaluateSchedule(malformed))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).contains("scheduled_time");
              });
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldReportServingWhenTheGrpcHealthServiceIsAsked() throws Exception {
    ManagedChannel channel = channel();
    try {
      assertThat(
              HealthGrpc.newBlockingStub(channel)
                  .withDeadlineAfter(20, TimeUnit.SECONDS)
                  .check(HealthCheckRequest.getDefaultInstance())
                  .getStatus())
          .isEqualTo(ServingStatus.SERVING);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(get("/q/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldExposeCallAndEvaluationMetricsWhenPrometheusScrapes() throws Exception {
    client.snapshot();
    client.evaluateSensor(SensorEvaluationRequest.firstTick("broken_sensor"));
    client.evaluateSensor(new SensorEvaluationRequest("new_files", null, null, null));
    client.evaluateSchedule(
        new ScheduleEvaluationRequest("nightly_hello", Instant.parse("2026-01-04T02:00:00Z")));
    assertThatThrownBy(() -> client.evaluateSensor(SensorEvaluationRequest.firstTick("nope")))
        .isInstanceOf(CodeLocationCallException.class);

    HttpResponse<String> response = get("/q/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> lines = response.body().lines().toList();
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("pipewright_codelocation_rpc_seconds_count{")
                    .contains("method=\"GetSnapshot\"")
                    .contains("status=\"OK\""))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("pipewright_codelocation_rpc_seconds_count{")
                    .contains("method=\"EvaluateSensor\"")
                    .contains("status=\"NOT_FOUND\""))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("pipewright_codelocation_evaluation_seconds_count{")
                    .contains("kind=\"sensor\"")
                    .contains("name=\"broken_sensor\""))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("pipewright_codelocation_evaluations_total{")
                    .contains("name=\"broken_sensor\"")
                    .contains("outcome=\"failed\""))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("pipewright_codelocation_evaluations_total{")
                    .contains("name=\"new_files\"")
                    .contains("outcome=\"requested\""))
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("pipewright_codelocation_evaluations_total{")
                    .contains("kind=\"schedule\"")
                    .contains("outcome=\"skipped\""));
  }

  private static AssetKeySnapshot key(io.pipewright.sdk.AssetKey key) {
    return new AssetKeySnapshot(key.path());
  }

  private ManagedChannel channel() {
    return ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
                .timeout(DEADLINE)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
