package io.pipewright.codelocation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.codelocation.testlocation.TestLocation;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.RunConfigValidationRequest;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.core.snapshot.StepInputSourceSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.ExternalAssetDefinition;
import io.pipewright.sdk.partition.DynamicPartitionsDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Planning and config validation without gRPC. */
class ExecutionPlanServiceTest {

  private final ExecutionPlanService service =
      new ExecutionPlanService(LoadedDefinitions.loaded(TestLocation.definitions()));

  private static AssetKeySnapshot key(AssetKey key) {
    return new AssetKeySnapshot(key.path());
  }

  private static ExecutionPlanSnapshot planned(ExecutionPlanResult result) {
    assertThat(result).isInstanceOf(ExecutionPlanResult.Planned.class);
    return ((ExecutionPlanResult.Planned) result).plan();
  }

  @Test
  void shouldNarrowANamedAssetJobAndKeepItsPartitionedConfigWhenAssetsAreSelected() {
    ExecutionPlanSnapshot plan =
        planned(
            service.plan(
                ExecutionPlanRequest.forJob("daily_sales")
                    .assetSelection(List.of(key(TestLocation.REVENUE)))
                    .partitionKey("2026-01-03")
                    .build()));

    assertThat(plan.jobName()).isEqualTo("daily_sales");
    assertThat(plan.steps())
        .extracting(StepSnapshot::key)
        .containsExactly("analytics__daily_revenue");
    assertThat(plan.steps().get(0).inputs().get(0).sources())
        .containsExactly(new StepInputSourceSnapshot.Asset(key(TestLocation.ORDERS)));
    assertThat(plan.steps().get(0).assetKeys()).containsExactly(key(TestLocation.REVENUE));
    ExecutionPlanResult broken =
        service.plan(
            ExecutionPlanRequest.forJob("daily_sales")
                .assetSelection(List.of(key(TestLocation.REVENUE)))
                .partitionKey(TestLocation.BROKEN_DAY)
                .build());
    assertThat(broken).isInstanceOf(ExecutionPlanResult.Failed.class);
  }

  @Test
  void shouldRejectPartitionKeysThatDoNotFitTheJob() {
    assertThatThrownBy(
            () ->
                service.plan(
                    ExecutionPlanRequest.forJob("hello").partitionKey("2026-01-01").build()))
        .isInstanceOfSatisfying(
            RequestRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.INVALID_REQUEST))
        .hasMessageContaining("Job 'hello' is not partitioned");
    assertThatThrownBy(() -> service.plan(ExecutionPlanRequest.forJob("daily_sales").build()))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("is partitioned (")
        .hasMessageContaining("give the partition key");
  }

  @Test
  void shouldRejectAssetSelectionsThatTheJobCannotRun() {
    assertThatThrownBy(
            () ->
                service.plan(
                    ExecutionPlanRequest.forJob("etl")
                        .assetSelection(List.of(key(TestLocation.ORDERS)))
                        .build()))
        .isInstanceOfSatisfying(
            RequestRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.INVALID_REQUEST))
        .hasMessageContaining("runs ops, not assets");
    assertThatThrownBy(
            () ->
                service.plan(
                    ExecutionPlanRequest.forJob("daily_sales")
                        .assetSelection(List.of(key(TestLocation.SUMMARY)))
                        .build()))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("does not materialize analytics/summary")
        .hasMessageContaining("raw/orders, analytics/daily_revenue");
  }

  @Test
  void shouldRejectAnOpSelectionThatLeavesOutAnInputItNeeds() {
    assertThatThrownBy(
            () ->
                service.plan(
                    ExecutionPlanRequest.forJob("etl").opSelection(List.of("split")).build()))
        .isInstanceOfSatisfying(
            RequestRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.INVALID_REQUEST))
        .hasMessageContaining("Cannot plan job 'etl'")
        .hasMessageContaining("select it too");
  }

  @Test
  void shouldRejectUnknownStepKeysWhenReExecuting() {
    assertThatThrownBy(
            () ->
                service.plan(
                    ExecutionPlanRequest.forJob("hello")
                        .stepKeysToExecute(List.of("say_goodbye"))
                        .build()))
        .isInstanceOfSatisfying(
            RequestRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.INVALID_REQUEST))
        .hasMessageContaining("say_goodbye");
  }

  @Test
  void shouldLeaveDynamicPartitionKeysToTheHostWhenPlanning() {
    Definitions dynamic =
        Definitions.builder()
            .assets(
                AssetDefinition.builder("file")
                    .partitions(DynamicPartitionsDefinition.named("files"))
                    .compute((ctx, in) -> 1)
                    .build())
            .build();

    ExecutionPlanSnapshot plan =
        planned(
            new ExecutionPlanService(LoadedDefinitions.loaded(dynamic))
                .plan(ExecutionPlanRequest.forJob("__ASSET_JOB").partitionKey("any.csv").build()));

    assertThat(plan.steps()).extracting(StepSnapshot::key).containsExactly("file");
  }

  @Test
  void shouldPlanTheObservationOfAnObservableExternalAsset() {
    Definitions observed =
        Definitions.builder()
            .assets(
                ExternalAssetDefinition.of("feed")
                    .observedBy(ctx -> io.pipewright.sdk.metadata.Metadata.empty()))
            .build();

    ExecutionPlanSnapshot plan =
        planned(
            new ExecutionPlanService(LoadedDefinitions.loaded(observed))
                .plan(ExecutionPlanRequest.forJob("__ASSET_JOB").build()));

    assertThat(plan.steps().get(0).assetKeys()).containsExactly(AssetKeySnapshot.of("feed"));
  }

  @Test
  void shouldValidateOnlyTheSelectedOpsConfigWhenOpsAreSelected() {
    List<ConfigErrorSnapshot> all =
        service.validateRunConfig(RunConfigValidationRequest.of("etl", Map.of()));
    List<ConfigErrorSnapshot> helloOnly =
        service.validateRunConfig(
            new RunConfigValidationRequest("etl", List.of("split"), List.of(), Map.of()));

    assertThat(all).isNotEmpty();
    assertThat(helloOnly).isEmpty();
  }

  @Test
  void shouldMergeThePartitionsConfigWhenValidatingForAPartition() {
    RunConfigValidationRequest sales = RunConfigValidationRequest.of("daily_sales", Map.of());

    assertThat(service.validateRunConfig(sales.withPartitionKey("2026-01-02"))).isEmpty();
    assertThatThrownBy(
            () -> service.validateRunConfig(sales.withPartitionKey(TestLocation.BROKEN_DAY)))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("The partitioned config of partition '2026-01-05'")
        .hasMessageContaining("no config for 2026-01-05");
    assertThatThrownBy(() -> service.validateRunConfig(sales.withPartitionKey("2030-01-01")))
        .isInstanceOf(RequestRejectedException.class);
    assertThatThrownBy(
            () ->
                service.validateRunConfig(
                    RunConfigValidationRequest.of("hello", Map.of()).withPartitionKey("x")))
        .hasMessageContaining("is not partitioned");
  }

  @Test
  void shouldIgnoreTheConfigOfOpsTheSelectionLeavesOutWhenValidating() {
    Map<String, Object> full =
        Map.of(
            "ops",
            Map.of("extract", Map.of("config", Map.of("limit", 1))),
            "resources",
            Map.of("warehouse", Map.of("config", Map.of("url", "jdbc:x"))));

    assertThat(
            service.validateRunConfig(
                new RunConfigValidationRequest("etl", List.of("split"), List.of(), full)))
        .isEmpty();
    assertThat(
            planned(
                    service.plan(
                        ExecutionPlanRequest.forJob("etl")
                            .opSelection(List.of("extract"))
                            .runConfig(full)
                            .build()))
                .steps())
        .extracting(StepSnapshot::key)
        .containsExactly("extract");
  }

  @Test
  void shouldRejectEveryCallWhenTheDefinitionsFailedToLoad() {
    ExecutionPlanService failed =
        new ExecutionPlanService(
            LoadedDefinitions.failed(List.of(new LoadError("job 'x'", "broken", "fix it"))));

    assertThatThrownBy(() -> failed.plan(ExecutionPlanRequest.forJob("x").build()))
        .isInstanceOfSatisfying(
            RequestRejectedException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(RequestRejectedException.Reason.DEFINITIONS_NOT_LOADED))
        .hasMessageContaining("job 'x': broken. Fix: fix it");
  }
}
