package io.pipewright.codelocation.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.codelocation.testlocation.TestLocation;
import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.RunConfigValidationRequest;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.StepInputSourceSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import io.pipewright.protocol.client.GrpcCodeLocationClient;
import io.pipewright.protocol.client.GrpcCodeLocationClientOptions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The planning calls of the running server ({@code GetExecutionPlan}, {@code ValidateRunConfig})
 * through the protocol's {@link GrpcCodeLocationClient}: plans, config errors with their paths, and
 * the structured errors of unknown names and invalid selections, partitions and steps. Shares the
 * test application of {@link CodeLocationServerTest} (same profile, one start).
 */
@QuarkusTest
class PlanningRpcTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TestHTTPResource("/")
  URL root;

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
  void shouldPlanTheStepsWhenTheConfigIsValid() {
    ExecutionPlanResult result =
        client.executionPlan(
            ExecutionPlanRequest.forJob("etl").runConfig(validEtlConfig()).build());

    ExecutionPlanSnapshot plan = ((ExecutionPlanResult.Planned) result).plan();
    assertThat(plan.jobName()).isEqualTo("etl");
    // The location's image travels with the plan, which the run stores: its step pods run it.
    assertThat(plan.containerImage()).isEqualTo("registry.example.com/test:1");
    assertThat(plan.steps())
        .extracting(StepSnapshot::key)
        .containsExactly("extract", "clean.double_rows", "split", "square[?]", "load");
    StepSnapshot square = plan.step("square[?]").orElseThrow();
    assertThat(square.mappedOver()).isEqualTo(new StepSnapshot.DynamicMapping("split", "parts"));
    assertThat(square.tags()).containsEntry("mapped", "yes");
    assertThat(plan.step("load").orElseThrow().inputs().get(0).sources())
        .containsExactly(new StepInputSourceSnapshot.StepOutput("square[?]", "result", true));
    assertThat(plan.step("extract").orElseThrow().retryPolicy().maxRetries()).isEqualTo(2);
    assertThat(plan.step("load").orElseThrow().requiredResources()).containsExactly("warehouse");
  }

  @Test
  void shouldReturnEveryConfigErrorWithItsPathWhenTheConfigIsInvalid() {
    ExecutionPlanResult result =
        client.executionPlan(
            ExecutionPlanRequest.forJob("etl")
                .runConfig(
                    Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", "ten")))))
                .build());

    assertThat(((ExecutionPlanResult.InvalidConfig) result).errors())
        .extracting(ConfigErrorSnapshot::path, ConfigErrorSnapshot::reason)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "ops.extract.config.limit", ConfigErrorSnapshot.Reason.WRONG_TYPE),
            org.assertj.core.groups.Tuple.tuple(
                "", ConfigErrorSnapshot.Reason.MISSING_REQUIRED_FIELD));
  }

  @Test
  void shouldRejectWithNotFoundListingTheJobsWhenTheJobIsUnknown() {
    assertThatThrownBy(() -> client.executionPlan(ExecutionPlanRequest.forJob("etll").build()))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.NOT_FOUND))
        .hasMessageContaining("no job named 'etll'")
        .hasMessageContaining("Did you mean 'etl'?")
        .hasMessageContaining("etl, hello, daily_sales, __ASSET_JOB");
  }

  @Test
  void shouldRejectAsAnInvalidRequestWhenTheOpSelectionSelectsNothingKnown() {
    assertThatThrownBy(
            () ->
                client.executionPlan(
                    ExecutionPlanRequest.forJob("etl").opSelection(List.of("nope+")).build()))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.INVALID_REQUEST))
        .hasMessageContaining("Invalid op selection [nope+]");
  }

  @Test
  void shouldPlanOnlyTheChosenStepsWhenReExecuting() {
    ExecutionPlanResult result =
        client.executionPlan(
            ExecutionPlanRequest.forJob("etl")
                .runConfig(validEtlConfig())
                .stepKeysToExecute(List.of("split", "square[r1]", "load"))
                .build());

    ExecutionPlanSnapshot plan = ((ExecutionPlanResult.Planned) result).plan();
    assertThat(plan.steps())
        .extracting(StepSnapshot::key)
        .containsExactly("split", "square[?]", "load");
    // The input from a step outside the plan is loaded from the parent run.
    assertThat(plan.steps().get(0).inputs().get(0).sources())
        .containsExactly(
            new StepInputSourceSnapshot.StepOutput("clean.double_rows", "result", false));
  }

  @Test
  void shouldPlanAnAssetSelectionThatLoadsItsUpstreamFromStorage() {
    ExecutionPlanResult result =
        client.executionPlan(
            ExecutionPlanRequest.forJob("__ASSET_JOB")
                .assetSelection(List.of(key(TestLocation.SUMMARY)))
                .build());

    ExecutionPlanSnapshot plan = ((ExecutionPlanResult.Planned) result).plan();
    assertThat(plan.steps()).extracting(StepSnapshot::key).containsExactly("analytics__summary");
    StepSnapshot step = plan.steps().get(0);
    assertThat(step.assetKeys()).containsExactly(key(TestLocation.SUMMARY));
    assertThat(step.inputs().get(0).sources())
        .containsExactly(new StepInputSourceSnapshot.Asset(key(TestLocation.REVENUE)));
  }

  @Test
  void shouldRejectAnAssetSelectionWhenTheAssetIsUnknown() {
    assertThatThrownBy(
            () ->
                client.executionPlan(
                    ExecutionPlanRequest.forJob("daily_sales")
                        .assetSelection(List.of(AssetKeySnapshot.of("raw", "order")))
                        .partitionKey("2026-01-02")
                        .build()))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.NOT_FOUND))
        .hasMessageContaining("no asset named 'raw/order'")
        .hasMessageContaining("Did you mean 'raw/orders'?");
  }

  @Test
  void shouldPlanOnePartitionWhenThePartitionKeyExists() {
    ExecutionPlanResult result =
        client.executionPlan(
            ExecutionPlanRequest.forJob("daily_sales").partitionKey("2026-01-02").build());

    assertThat(((ExecutionPlanResult.Planned) result).plan().steps())
        .extracting(StepSnapshot::key)
        .containsExactly(
            "raw__orders", "check__raw__orders__orders_not_empty", "analytics__daily_revenue");
  }

  @Test
  void shouldReturnTheUserErrorWhenThePartitionedConfigThrowsWhilePlanning() {
    ExecutionPlanResult result =
        client.executionPlan(
            ExecutionPlanRequest.forJob("daily_sales")
                .partitionKey(TestLocation.BROKEN_DAY)
                .build());

    assertThat(((ExecutionPlanResult.Failed) result).error().message())
        .contains("no config for " + TestLocation.BROKEN_DAY);
  }

  @Test
  void shouldRejectAPartitionKeyWhenItIsNotAPartition() {
    assertThatThrownBy(
            () ->
                client.executionPlan(
                    ExecutionPlanRequest.forJob("daily_sales").partitionKey("2027-01-01").build()))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.INVALID_REQUEST))
        .hasMessageContaining("2027-01-01");
  }

  @Test
  void shouldValidateARunConfigWithoutPlanning() {
    assertThat(client.validateRunConfig(RunConfigValidationRequest.of("etl", validEtlConfig())))
        .isEmpty();
    assertThat(
            client.validateRunConfig(
                RunConfigValidationRequest.of(
                    "etl",
                    Map.of(
                        "ops",
                        Map.of("extract", Map.of("config", Map.of("limit", 1, "colour", "red"))),
                        "resources",
                        Map.of("warehouse", Map.of("config", Map.of("url", "jdbc:x")))))))
        .extracting(ConfigErrorSnapshot::path, ConfigErrorSnapshot::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ops.extract.config.colour", ConfigErrorSnapshot.Reason.UNEXPECTED_FIELD));
    assertThatThrownBy(
            () -> client.validateRunConfig(RunConfigValidationRequest.of("nope", Map.of())))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.NOT_FOUND));
  }

  private static Map<String, Object> validEtlConfig() {
    return Map.of(
        "ops",
        Map.of("extract", Map.of("config", Map.of("limit", 10))),
        "resources",
        Map.of("warehouse", Map.of("config", Map.of("url", "jdbc:test"))));
  }

  private static AssetKeySnapshot key(io.pipewright.sdk.AssetKey key) {
    return new AssetKeySnapshot(key.path());
  }
}
