package io.pipewright.examples.etl;

import static io.pipewright.sdk.event.EventType.ASSET_MATERIALIZATION;
import static io.pipewright.sdk.event.EventType.STEP_EXPECTATION_RESULT;
import static io.pipewright.sdk.event.EventType.STEP_UP_FOR_RETRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.config.EnvLookup;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.ExpectationData;
import io.pipewright.sdk.event.MaterializationData;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.execution.RunConfigException;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.testing.OpInvoker;
import io.pipewright.sdk.testing.RunAssertions;
import io.pipewright.sdk.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrdersEtlTest {
  private final Alerts alerts = new Alerts();
  private final Definitions defs = OrdersEtl.definitions(alerts);
  private final Warehouse[] opened = new Warehouse[1];

  private JobExecution run(Path storage, RunConfig config) {
    // The real warehouse resource, wrapped so the test can see the instance it set up.
    ResourceDefinition<Warehouse> watched =
        ResourceDefinition.builder(
                ctx -> {
                  Warehouse w = OrdersEtl.WAREHOUSE.factory().create(ctx);
                  opened[0] = w;
                  return w;
                })
            .config(WarehouseConfig.class)
            .teardown(Warehouse::close)
            .build();
    return JobExecution.of(defs.job("orders_etl"))
        .runConfig(config)
        .resource("io_manager", IOManagers.filesystem(storage))
        .resource("warehouse", watched)
        .env(EnvLookup.of(Map.of("WAREHOUSE_PASSWORD", "pw")));
  }

  @Test
  void shouldLoadTheReportOfEveryRegionThroughTheWholeGraph(@TempDir Path storage)
      throws Exception {
    ExecutionResult result = run(storage, RunConfig.empty()).runId("run-1").execute();

    RunAssertions.assertThat(result)
        .succeeded()
        .stepSucceeded("clean.dedupe")
        .stepSucceeded("clean.drop_small")
        .stepSucceeded("summarize[north]")
        .stepSucceeded("summarize[south]")
        .stepSucceeded("summarize[east]")
        .stepSucceeded("notify")
        .stepSkipped("dedupe_rejected")
        .stepSkipped("audit_rejected");
    Report report = (Report) result.outputFor("combine");
    assertThat(report.regions())
        .extracting(RegionSummary::region)
        .containsExactlyInAnyOrder("north", "south", "east");
    assertThat(opened[0].written()).hasSize(3);
    assertThat(opened[0].isClosed()).as("torn down after the step").isTrue();
    MaterializationData materialization =
        result
            .eventsOfType(ASSET_MATERIALIZATION)
            .get(0)
            .data(MaterializationData.class)
            .orElseThrow();
    assertThat(materialization.materialization().assetKey().toUserString())
        .isEqualTo("analytics/orders_by_region");
    assertThat(Files.exists(storage.resolve("run-1/combine/result.json"))).isTrue();
    assertThat(Files.exists(storage.resolve("run-1/split_by_region/regions/north.json"))).isTrue();
    assertThat(alerts.posted()).isEmpty();
  }

  @Test
  void shouldRetryExtractWithExponentialBackoffWhenTheSourceIsFlaky(@TempDir Path storage) {
    TestClock clock = TestClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    ExecutionResult result =
        run(
                storage,
                RunConfig.builder()
                    .opConfig("extract", Map.of("limit", 10, "failFirstAttempts", 2))
                    .build())
            .clock(clock)
            .sleeper(clock.sleeper())
            .execute();

    RunAssertions.assertThat(result).succeeded();
    assertThat(result.eventsOfType(STEP_UP_FOR_RETRY)).hasSize(2);
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(300));
  }

  @Test
  void shouldAuditRejectedOrdersAndRecordAFailedExpectationWhenTheSourceHasErrors(
      @TempDir Path storage) {
    ExecutionResult result =
        run(
                storage,
                RunConfig.builder()
                    .opConfig("extract", Map.of("limit", 20, "source", "DEMO_WITH_ERRORS"))
                    .build())
            .execute();

    RunAssertions.assertThat(result).succeeded().stepSucceeded("audit_rejected");
    ExpectationData expectation =
        result
            .eventsOfType(STEP_EXPECTATION_RESULT)
            .get(0)
            .data(ExpectationData.class)
            .orElseThrow();
    assertThat(expectation.result().success()).isFalse();
    assertThat(result.eventsForStep("audit_rejected"))
        .anyMatch(e -> e.message().equals("Rejected order"));
  }

  @Test
  void shouldFailLoadAndPostAnAlertWhenTheWarehousePasswordIsMissing(@TempDir Path storage) {
    ExecutionResult result = run(storage, RunConfig.empty()).env(EnvLookup.of(Map.of())).execute();

    RunAssertions.assertThat(result).failed().stepFailed("load").stepSkipped("notify");
    assertThat(result.failureOf("load").orElseThrow().message()).contains("WAREHOUSE_PASSWORD");
    assertThat(alerts.posted()).singleElement().asString().contains("Step load");
  }

  @Test
  void shouldRunOnlyTheSelectedOpsOfTheValidateOnlyJob() {
    ExecutionResult result = JobExecution.of(defs.job("orders_validate_only")).execute();

    assertThat(result.stepKeysWith(io.pipewright.sdk.event.EventType.STEP_START))
        .containsExactly("extract", "validate");
    assertThat((List<?>) result.outputFor("validate", "valid")).hasSize(10);
  }

  @Test
  void shouldReportEveryConfigMistakeBeforeRunning(@TempDir Path storage) {
    RunConfig bad =
        RunConfig.of(
            Map.of(
                "ops",
                Map.of("extract", Map.of("config", Map.of("limit", "ten", "source", "CSV"))),
                "resources",
                Map.of("warehouse", Map.of("config", Map.of("url", 5)))));

    assertThatThrownBy(() -> run(storage, bad).execute())
        .isInstanceOfSatisfying(
            RunConfigException.class,
            e ->
                assertThat(e.errors())
                    .extracting(c -> c.path())
                    .contains(
                        "ops.extract.config.limit",
                        "ops.extract.config.source",
                        "resources.warehouse.config.url"));
  }

  @Test
  void shouldKeepOrdersOfAtLeastTheMinimumWhenTheFactoryOpIsInvokedDirectly() throws Exception {
    Object out =
        OpInvoker.invoke(
            OrdersEtl.amountAtLeast("at_least_ten", 10),
            Map.of(
                "rows",
                List.of(new Order("a", "north", 5, "paid"), new Order("b", "north", 15, "paid"))));

    assertThat(((io.pipewright.sdk.Output) out).value())
        .isEqualTo(List.of(new Order("b", "north", 15, "paid")));
  }

  @Test
  void shouldFailTheAuditWithoutRetriesWhenMostOrdersAreRejected(@TempDir Path storage) {
    ExecutionResult result =
        run(
                storage,
                RunConfig.builder()
                    .opConfig("extract", Map.of("limit", 10, "source", "BROKEN_EXPORT"))
                    .build())
            .execute();

    // With no valid order left, the custom Report type check fails "combine" too.
    RunAssertions.assertThat(result).failed().stepFailed("audit_rejected").stepFailed("combine");
    assertThat(result.failureOf("audit_rejected").orElseThrow().message())
        .isEqualTo("9 of 10 orders were rejected; the export is broken");
    assertThat(result.eventsOfType(STEP_UP_FOR_RETRY)).isEmpty();
    assertThat(result.failureOf("combine").orElseThrow().message())
        .contains("The report covers no region");
    assertThat(alerts.posted())
        .hasSize(2)
        .anySatisfy(a -> assertThat(a).contains("Step audit_rejected"));
  }
}
