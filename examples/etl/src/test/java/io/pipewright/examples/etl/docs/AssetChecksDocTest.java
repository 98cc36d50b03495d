package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.DocAssets.DASHBOARD_ASSET;
import static io.pipewright.examples.etl.docs.DocAssets.PAID_ORDERS;
import static io.pipewright.examples.etl.docs.DocAssets.PAID_ORDERS_ASSET;
import static io.pipewright.examples.etl.docs.DocAssets.RAW_ORDERS;
import static io.pipewright.examples.etl.docs.DocAssets.RAW_ORDERS_ASSET;
import static io.pipewright.examples.etl.docs.DocAssets.REGION_REVENUE;
import static io.pipewright.examples.etl.docs.DocAssets.REGION_REVENUE_ASSET;
import static io.pipewright.sdk.event.EventType.ASSET_CHECK_EVALUATION;
import static io.pipewright.sdk.event.EventType.ASSET_MATERIALIZATION;
import static io.pipewright.sdk.event.EventType.STEP_SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.examples.etl.Order;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetCheckDefinition;
import io.pipewright.sdk.asset.AssetCheckResult;
import io.pipewright.sdk.asset.AssetCheckSpec;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.event.AssetCheckEvaluation;
import io.pipewright.sdk.event.AssetCheckEvaluationData;
import io.pipewright.sdk.event.AssetCheckSeverity;
import io.pipewright.sdk.event.RunEvent;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.metadata.MetadataValue;
import io.pipewright.sdk.testing.RunAssertions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the snippets of the "Asset checks" section of {@code docs/concepts.md}. */
class AssetChecksDocTest {

  // tag::asset-check[]
  static final AssetCheckDefinition UNIQUE_IDS =
      AssetCheckDefinition.builder("unique_ids", RAW_ORDERS)
          .description("No order id appears twice.")
          .blocking(true) // a failure stops the assets downstream of raw/orders in this run
          .compute(
              (ctx, value) -> {
                List<?> orders = (List<?>) value; // the asset's stored value
                long ids = orders.stream().map(o -> ((Order) o).id()).distinct().count();
                long duplicates = orders.size() - ids;
                return duplicates == 0
                    ? AssetCheckResult.passed()
                    : AssetCheckResult.failed(duplicates + " duplicate order ids")
                        .withMetadata(Metadata.of("duplicates", duplicates));
              })
          .build();

  static final AssetCheckDefinition EVERY_REGION_SELLS =
      AssetCheckDefinition.builder("every_region_sells", REGION_REVENUE)
          .compute(
              (ctx, value) -> {
                int regions = ((Map<?, ?>) value).size();
                return regions >= 4
                    ? AssetCheckResult.passed()
                    : AssetCheckResult.failed("Only " + regions + " of 4 regions sold")
                        .withSeverity(AssetCheckSeverity.WARN); // reported, never blocks
              })
          .build();

  // end::asset-check[]

  // tag::multi-asset-check[]
  /** One function, two checks on two assets: the paid orders add up to the revenue. */
  static final AssetCheckDefinition SALES_CONSISTENCY =
      AssetCheckDefinition.multi("sales_consistency")
          .check(AssetCheckSpec.of(PAID_ORDERS, "all_paid"))
          .check(AssetCheckSpec.of(REGION_REVENUE, "matches_paid_orders").asBlocking())
          .input("paid", PAID_ORDERS)
          .input("revenue", REGION_REVENUE)
          .compute(
              (ctx, in) -> {
                List<Order> paid = in.getList("paid", Order.class);
                double ordered = paid.stream().mapToDouble(Order::amount).sum();
                double revenue =
                    in.get("revenue", Map.class).values().stream()
                        .mapToDouble(v -> ((Number) v).doubleValue())
                        .sum();
                boolean allPaid = paid.stream().allMatch(o -> o.status().equals("paid"));
                return List.of(
                    (allPaid ? AssetCheckResult.passed() : AssetCheckResult.failed("unpaid rows"))
                        .forCheck(PAID_ORDERS, "all_paid"),
                    (ordered == revenue
                            ? AssetCheckResult.passed()
                            : AssetCheckResult.failed(
                                ordered + " ordered, " + revenue + " revenue"))
                        .forCheck(REGION_REVENUE, "matches_paid_orders"));
              })
          .build();

  // end::multi-asset-check[]

  static Definitions defs(Path storage, AssetCheckDefinition... checks) {
    return Definitions.builder()
        .assets(RAW_ORDERS_ASSET, PAID_ORDERS_ASSET, REGION_REVENUE_ASSET, DASHBOARD_ASSET)
        .assetChecks(checks)
        .resource("io_manager", IOManagers.filesystem(storage))
        .build();
  }

  @Test
  void shouldSkipEverythingDownstreamWhenTheBlockingCheckFails(@TempDir Path storage) {
    // tag::asset-check-run[]
    Definitions defs =
        Definitions.builder()
            .assets(RAW_ORDERS_ASSET, PAID_ORDERS_ASSET, REGION_REVENUE_ASSET, DASHBOARD_ASSET)
            .assetChecks(UNIQUE_IDS, EVERY_REGION_SELLS)
            .resource("io_manager", IOManagers.filesystem(storage))
            .build();

    ExecutionResult result = JobExecution.materialize(defs, "*").execute(); // checks run too

    RunAssertions.assertThat(result)
        .failed()
        .stepSucceeded("raw__orders") // stored, then checked
        .stepFailedWith("check__raw__orders__unique_ids", "Blocking check failed")
        .stepSkipped("staging__paid_orders"); // and everything downstream of it
    AssetCheckEvaluation evaluation =
        result
            .eventsOfType(ASSET_CHECK_EVALUATION)
            .get(0)
            .data(AssetCheckEvaluationData.class)
            .orElseThrow()
            .evaluation();
    assertThat(evaluation.description()).isEqualTo("1 duplicate order ids");
    // end::asset-check-run[]

    assertThat(evaluation.checkName()).isEqualTo("unique_ids");
    assertThat(evaluation.passed()).isFalse();
    assertThat(evaluation.blocks()).isTrue();
    assertThat(evaluation.metadata().get("duplicates")).contains(MetadataValue.of(1L));
    assertThat(result.skippedSteps())
        .contains(
            "staging__paid_orders", "analytics__revenue_by_region", "reports__sales_dashboard");
    assertThat(result.eventsOfType(ASSET_MATERIALIZATION)).hasSize(1);
  }

  @Test
  void shouldRecordAWarningAndGoOnWhenANonBlockingCheckFails(@TempDir Path storage) {
    Definitions defs = defs(storage, EVERY_REGION_SELLS, SALES_CONSISTENCY);

    ExecutionResult result = JobExecution.materialize(defs, "*").execute();

    RunAssertions.assertThat(result).succeeded();
    List<String> outcomes = new ArrayList<>();
    for (RunEvent event : result.eventsOfType(ASSET_CHECK_EVALUATION)) {
      AssetCheckEvaluation e =
          event.data(AssetCheckEvaluationData.class).orElseThrow().evaluation();
      outcomes.add(
          e.assetKey().toUserString()
              + "#"
              + e.checkName()
              + " "
              + e.passed()
              + " "
              + e.severity());
    }
    assertThat(outcomes)
        .containsExactlyInAnyOrder(
            "analytics/revenue_by_region#every_region_sells false WARN",
            "staging/paid_orders#all_paid true ERROR",
            "analytics/revenue_by_region#matches_paid_orders true ERROR");
  }

  @Test
  void shouldRunOnlyTheChecksOnTheStoredValuesWhenRunAlone(@TempDir Path storage) {
    Definitions defs = defs(storage, EVERY_REGION_SELLS, SALES_CONSISTENCY);
    JobExecution.materialize(defs, "*").execute();
    // tag::asset-check-job[]
    ExecutionResult checks =
        JobExecution.of(defs.assetCheckJob(AssetSelection.parse("group:sales"))).execute();

    assertThat(checks.eventsOfType(ASSET_CHECK_EVALUATION)).hasSize(3); // the three checks
    assertThat(checks.eventsOfType(ASSET_MATERIALIZATION)).isEmpty(); // and nothing else
    // end::asset-check-job[]

    RunAssertions.assertThat(checks).succeeded();
    assertThat(checks.stepKeysWith(STEP_SUCCESS))
        .containsExactlyInAnyOrder(
            "check__analytics__revenue_by_region__every_region_sells", "sales_consistency");
    assertThat(checks.eventsOfType(ASSET_MATERIALIZATION)).isEmpty();
    assertThat(checks.eventsOfType(ASSET_CHECK_EVALUATION)).hasSize(3);
  }
}
