package io.pipewright.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.CodeLocationUnavailableException;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.codelocation.PartitionRunConfigRequest;
import io.pipewright.core.codelocation.RunConfigValidationRequest;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.PartitionRunConfig;
import io.pipewright.protocol.Fixtures;
import io.pipewright.protocol.LargeSnapshots;
import io.pipewright.protocol.RunFixtures;
import io.pipewright.protocol.v1.CodeLocationServiceGrpc;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrpcCodeLocationClientTest {

  private final FakeCodeLocationService service =
      new FakeCodeLocationService(Fixtures.fullSnapshot());
  private Server server;
  private ManagedChannel channel;
  private GrpcCodeLocationClient client;

  @BeforeEach
  void startServer() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(service).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    client =
        GrpcCodeLocationClient.create(
            "etl-location",
            "in-process:" + name,
            channel,
            GrpcCodeLocationClientOptions.builder()
                .userCodeDeadline(Duration.ofMillis(500))
                .build());
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    client.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldReturnSnapshotWhenServerAnswers() {
    assertThat(client.snapshot()).isEqualTo(Fixtures.fullSnapshot());
  }

  @Test
  void shouldReturnPlanConfigErrorsOrUserErrorWhenServerDecides() {
    ExecutionPlanRequest request =
        ExecutionPlanRequest.forJob("etl")
            .runConfig(Map.of("ops", Map.of()))
            .partitionKey("2024-01-01")
            .build();

    assertThat(client.executionPlan(request))
        .isEqualTo(ExecutionPlanResult.planned(RunFixtures.plan()));
    assertThat(service.lastPlanRequest).isEqualTo(request);
    assertThat(
            client.executionPlan(
                ExecutionPlanRequest.forJob("etl").runConfig(Map.of("bad", 1)).build()))
        .isEqualTo(ExecutionPlanResult.invalidConfig(RunFixtures.configErrors()));
    assertThat(
            client.executionPlan(
                ExecutionPlanRequest.forJob("etl").runConfig(Map.of("throw", 1)).build()))
        .isEqualTo(ExecutionPlanResult.failed(RunFixtures.error()));
  }

  @Test
  void shouldReturnConfigErrorsWhenValidating() {
    assertThat(client.validateRunConfig(RunConfigValidationRequest.of("etl", Map.of())))
        .isEqualTo(RunFixtures.configErrors());
    assertThat(client.validateRunConfig(RunConfigValidationRequest.of("etl", Map.of("ops", 1))))
        .isEmpty();
  }

  @Test
  void shouldSendTimeAndDynamicPartitionsWhenListingKeys() {
    PartitionKeysRequest request =
        PartitionKeysRequest.forAsset(
                Fixtures.key("customers"), Instant.parse("2024-05-01T00:00:00Z"))
            .withDynamicPartitions(Map.of("customers", List.of("acme", "globex")));

    assertThat(client.partitionKeys(request)).containsExactly("acme", "globex");
    assertThat(service.lastKeysRequest).isEqualTo(request);
  }

  @Test
  void shouldReturnPartitionConfigOrUserErrorWhenAsked() {
    assertThat(client.partitionRunConfig(new PartitionRunConfigRequest("etl", "2024-01-01")))
        .isEqualTo(
            PartitionRunConfig.of(
                "2024-01-01",
                Map.of("ops", Map.of("p", "2024-01-01")),
                Map.of("dagster/partition", "2024-01-01")));
    assertThat(client.partitionRunConfig(new PartitionRunConfigRequest("etl", "bad")))
        .isEqualTo(PartitionRunConfig.failed("bad", RunFixtures.error()));
  }

  @Test
  void shouldReturnTickOutcomesWhenEvaluatingScheduleAndSensor() {
    assertThat(client.evaluateSchedule(new ScheduleEvaluationRequest("daily_etl", Fixtures.T0)))
        .isEqualTo(RunFixtures.evaluations().get(0));
    assertThat(
            client.evaluateSchedule(new ScheduleEvaluationRequest("failing", Fixtures.T0)).error())
        .isEqualTo(RunFixtures.error());

    SensorEvaluationRequest sensor =
        new SensorEvaluationRequest("new_files", "cursor-1", Fixtures.T0, "run-key-1");
    assertThat(client.evaluateSensor(sensor)).isEqualTo(RunFixtures.evaluations().get(1));
    assertThat(service.lastSensorRequest).isEqualTo(sensor);
  }

  @Test
  void shouldAnswerPingServerIdAndShutdown() {
    assertThat(client.ping("hello")).isEqualTo("hello");
    assertThat(client.serverId()).isEqualTo("server-1");

    client.shutdown();

    assertThat(service.shutdowns.get()).isEqualTo(1);
  }

  @Test
  void shouldThrowNotFoundWhenJobIsUnknown() {
    assertThatThrownBy(
            () -> client.validateRunConfig(RunConfigValidationRequest.of("nope", Map.of())))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.NOT_FOUND);
              assertThat(e.locationName()).isEqualTo("etl-location");
            })
        .hasMessageContaining("Code location 'etl-location' at in-process:")
        .hasMessageContaining("refused ValidateRunConfig (NOT_FOUND: Job 'nope' is not defined");
  }

  @Test
  void shouldThrowServerErrorWhenAnswerCannotBeRead() {
    assertThatThrownBy(() -> client.executionPlan(ExecutionPlanRequest.forJob("broken").build()))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.SERVER_ERROR))
        .hasMessageContaining("answered GetExecutionPlan with a message this host cannot read")
        .hasMessageContaining("GetExecutionPlanResponse sets none of its result cases");
  }

  @Test
  void shouldThrowUnavailableWhenDeadlinePasses() {
    assertThatThrownBy(() -> client.evaluateSensor(SensorEvaluationRequest.firstTick("slow")))
        .isInstanceOf(CodeLocationUnavailableException.class)
        .hasMessageContaining("Code location 'etl-location' at in-process:")
        .hasMessageContaining("did not answer EvaluateSensor within 500 ms");
  }

  @Test
  void shouldThrowUnimplementedWhenServerLacksTheCall() throws IOException, InterruptedException {
    String name = InProcessServerBuilder.generateName();
    Server old =
        InProcessServerBuilder.forName(name)
            .addService(new CodeLocationServiceGrpc.CodeLocationServiceImplBase() {})
            .build()
            .start();
    try (GrpcCodeLocationClient oldClient =
        GrpcCodeLocationClient.create(
            "old",
            name,
            InProcessChannelBuilder.forName(name).build(),
            GrpcCodeLocationClientOptions.defaults())) {
      assertThatThrownBy(oldClient::serverId)
          .isInstanceOfSatisfying(
              CodeLocationCallException.class,
              e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.UNIMPLEMENTED))
          .hasMessageContaining("does not implement GetServerId");
    } finally {
      old.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldThrowUnavailableWhenNoInProcessServerHasTheName() {
    try (GrpcCodeLocationClient orphan =
        GrpcCodeLocationClient.create(
            "ghost",
            "in-process:ghost",
            InProcessChannelBuilder.forName("no-such-server").build(),
            GrpcCodeLocationClientOptions.defaults())) {
      assertThatThrownBy(() -> orphan.ping("x"))
          .isInstanceOf(CodeLocationUnavailableException.class)
          .hasMessageContaining("Code location 'ghost' at in-process:ghost is unavailable");
    }
  }

  @Test
  void shouldThrowUnavailableWhenNothingListensOnThePort() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (GrpcCodeLocationClient down =
        GrpcCodeLocationClient.connect(
            "etl", "127.0.0.1", port, GrpcCodeLocationClientOptions.defaults())) {
      assertThatThrownBy(down::snapshot)
          .isInstanceOfSatisfying(
              CodeLocationUnavailableException.class,
              e -> assertThat(e.address()).isEqualTo("127.0.0.1:" + port))
          .hasMessageContaining("Code location 'etl' at 127.0.0.1:" + port + " is unavailable")
          .hasMessageContaining("Check that its server is running");
    }
  }

  @Test
  void shouldFetchLargeSnapshotOverTcpUnlessItExceedsTheLimit()
      throws IOException, InterruptedException {
    CodeLocationSnapshot large = LargeSnapshots.withAssets(10_000);
    Server tcp =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(new FakeCodeLocationService(large))
            .build()
            .start();
    try (GrpcCodeLocationClient roomy =
            GrpcCodeLocationClient.connect(
                "large", "127.0.0.1", tcp.getPort(), GrpcCodeLocationClientOptions.defaults());
        GrpcCodeLocationClient tight =
            GrpcCodeLocationClient.connect(
                "large",
                "127.0.0.1",
                tcp.getPort(),
                GrpcCodeLocationClientOptions.builder().maxSnapshotBytes(1024 * 1024).build())) {
      assertThat(roomy.snapshot()).isEqualTo(large);
      assertThatThrownBy(tight::snapshot)
          .isInstanceOfSatisfying(
              CodeLocationCallException.class,
              e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.TOO_LARGE))
          .hasMessageContaining("raise maxSnapshotBytes (now 1048576)");
    } finally {
      tcp.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldShutDownChannelAndRefuseCallsWhenClosed() {
    client.close();
    client.close();

    assertThat(channel.isShutdown()).isTrue();
    assertThatThrownBy(() -> client.ping("x"))
        .isInstanceOf(CodeLocationUnavailableException.class)
        .hasMessageContaining("is closed");
  }
}
