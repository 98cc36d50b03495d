package io.pipewright.codelocation.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.codelocation.testlocation.BrokenLocationProfile;
import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.codelocation.PartitionRunConfigRequest;
import io.pipewright.core.codelocation.RunConfigValidationRequest;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.core.snapshot.PartitionRunConfig;
import io.pipewright.protocol.client.GrpcCodeLocationClient;
import io.pipewright.protocol.client.GrpcCodeLocationClientOptions;
import io.pipewright.sdk.DefinitionsException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A location whose producer throws {@code DefinitionsException}: the server still starts, its
 * snapshot carries the load errors, and every other call answers with a structured error.
 */
@QuarkusTest
@TestProfile(BrokenLocationProfile.class)
class LoadErrorsTest {

  @TestHTTPResource("/")
  URL root;

  private GrpcCodeLocationClient client;

  @BeforeEach
  void connect() {
    Duration deadline = Duration.ofSeconds(20);
    client =
        GrpcCodeLocationClient.connect(
            "test-location",
            root.getHost(),
            root.getPort(),
            GrpcCodeLocationClientOptions.builder()
                .controlDeadline(deadline)
                .userCodeDeadline(deadline)
                .build());
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void shouldServeTheLoadErrorsInTheSnapshotWhenTheDefinitionsFailToBuild() {
    CodeLocationSnapshot snapshot = client.snapshot();

    assertThat(snapshot.locationName()).isEqualTo("test-location");
    assertThat(snapshot.jobs()).isEmpty();
    assertThat(snapshot.contentHash()).hasSize(64);
    assertThat(snapshot.loadErrors())
        .extracting(LoadError::element)
        .contains("job 'load'", "job 'load' > op 'load'");
    assertThat(snapshot.loadErrors())
        .anySatisfy(error -> assertThat(error.problem()).contains("requires resource 'warehouse'"));
    assertThat(client.ping("still here")).isEqualTo("still here");
  }

  @Test
  void shouldAnswerWithTheLoadErrorsWhenACallNeedsTheDefinitions() {
    ExecutionPlanResult plan = client.executionPlan(ExecutionPlanRequest.forJob("load").build());
    assertThat(((ExecutionPlanResult.Failed) plan).error().className())
        .isEqualTo(DefinitionsException.class.getName());
    assertThat(((ExecutionPlanResult.Failed) plan).error().message())
        .contains("failed to load")
        .contains("requires resource 'warehouse'");

    InstigatorEvaluation tick = client.evaluateSensor(SensorEvaluationRequest.firstTick("any"));
    assertThat(tick.isFailure()).isTrue();
    assertThat(tick.error().message()).contains("failed to load");
    assertThat(
            client
                .evaluateSchedule(new ScheduleEvaluationRequest("any", Instant.EPOCH))
                .isFailure())
        .isTrue();
    assertThat(client.partitionRunConfig(new PartitionRunConfigRequest("load", "x")))
        .isInstanceOf(PartitionRunConfig.Failed.class);

    assertThatThrownBy(
            () -> client.validateRunConfig(RunConfigValidationRequest.of("load", Map.of())))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.INVALID_REQUEST))
        .hasMessageContaining("FAILED_PRECONDITION")
        .hasMessageContaining("failed to load");
    assertThatThrownBy(
            () -> client.partitionKeys(PartitionKeysRequest.forJob("load", Instant.EPOCH)))
        .isInstanceOf(CodeLocationCallException.class)
        .hasMessageContaining("failed to load");
  }
}
