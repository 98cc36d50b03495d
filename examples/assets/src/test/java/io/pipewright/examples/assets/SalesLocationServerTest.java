package io.pipewright.examples.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.codelocation.SensorMaterialization;
import io.pipewright.core.snapshot.AssetCheckSnapshot;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import io.pipewright.protocol.client.GrpcCodeLocationClient;
import io.pipewright.protocol.client.GrpcCodeLocationClientOptions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sales assets code location as the hosts see it: the Quarkus application (definitions from a
 * ServiceLoader entry) started on a free port and called over real gRPC through the protocol's
 * {@link GrpcCodeLocationClient}.
 */
@QuarkusTest
class SalesLocationServerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final List<String> DAYS =
      List.of("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05");

  @TestHTTPResource("/")
  URL root;

  private GrpcCodeLocationClient client;

  @BeforeEach
  void connect() {
    client =
        GrpcCodeLocationClient.connect(
            "assets",
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
  void shouldListTheAssetsChecksScheduleAndSensorWhenAskedForTheSnapshot() {
    CodeLocationSnapshot snapshot = client.snapshot();

    assertThat(snapshot.locationName()).isEqualTo("assets");
    assertThat(snapshot.loadErrors()).isEmpty();
    assertThat(snapshot.assets())
        .extracting(a -> a.key().toUserString())
        .containsExactlyInAnyOrder(
            "raw/orders",
            "raw/customers",
            "crm/active_customers",
            "crm/churned_customers",
            "analytics/daily_revenue",
            "analytics/revenue_7d",
            "analytics/revenue_by_segment",
            "reports/sales_report",
            "vendor/exchange_rates");
    assertThat(snapshot.assetChecks())
        .extracting(
            c -> c.asset().toUserString(), AssetCheckSnapshot::name, AssetCheckSnapshot::blocking)
        .containsExactlyInAnyOrder(
            tuple("raw/orders", "no_negative_amounts", true),
            tuple("analytics/daily_revenue", "revenue_positive", false),
            tuple("crm/active_customers", "disjoint_from_churned", false),
            tuple("crm/churned_customers", "not_empty", false));
    assertThat(snapshot.jobs()).extracting(JobSnapshot::name).contains("daily_sales");
    assertThat(snapshot.schedules())
        .extracting(ScheduleSnapshot::name)
        .containsExactly("daily_sales_schedule");
    assertThat(snapshot.sensors())
        .extracting(SensorSnapshot::name, SensorSnapshot::kind)
        .containsExactly(tuple("revenue_ready", SensorSnapshot.Kind.ASSET));
  }

  @Test
  void shouldShowTheMultiAssetAsOneOpWithTwoOutputsAndTheDailyPartitions() {
    CodeLocationSnapshot snapshot = client.snapshot();

    AssetNodeSnapshot active = snapshot.asset(key("crm/active_customers")).orElseThrow();
    AssetNodeSnapshot churned = snapshot.asset(key("crm/churned_customers")).orElseThrow();
    assertThat(active.nodeName()).isEqualTo("split_customers").isEqualTo(churned.nodeName());
    assertThat(List.of(active.outputName(), churned.outputName()))
        .containsExactly("active", "churned");
    assertThat(snapshot.asset(key("raw/orders")).orElseThrow().partitions())
        .isInstanceOfSatisfying(
            PartitionsSnapshot.TimeWindow.class,
            p -> assertThat(p.start()).startsWith("2026-01-01"));
    assertThat(snapshot.asset(key("vendor/exchange_rates")).orElseThrow().materializable())
        .isFalse();
    assertThat(client.partitionKeys(PartitionKeysRequest.forJob("daily_sales", Instant.now())))
        .isEqualTo(DAYS);
  }

  @Test
  void shouldPlanTheDayWithItsBlockingCheckWhenAPartitionIsGiven() {
    ExecutionPlanResult result =
        client.executionPlan(
            ExecutionPlanRequest.forJob("daily_sales").partitionKey("2026-01-03").build());

    ExecutionPlanSnapshot plan = ((ExecutionPlanResult.Planned) result).plan();
    assertThat(plan.steps())
        .extracting(StepSnapshot::key)
        .contains(
            "raw__orders",
            "check__raw__orders__no_negative_amounts",
            "analytics__daily_revenue",
            "analytics__revenue_7d");
  }

  @Test
  void shouldPlanOnlyTheSelectedOutputOfTheMultiAssetAndItsCheckWhenOneAssetIsSelected() {
    ExecutionPlanResult result =
        client.executionPlan(
            ExecutionPlanRequest.forJob("__ASSET_JOB")
                .assetSelection(List.of(key("crm/active_customers")))
                .build());

    ExecutionPlanSnapshot plan = ((ExecutionPlanResult.Planned) result).plan();
    // The multi-asset's op computes only the selected output; the multi-check that covers the
    // selected asset runs too, reading the unselected churned customers from storage.
    assertThat(plan.steps())
        .extracting(StepSnapshot::key)
        .containsExactly("split_customers", "crm_consistency");
    assertThat(plan.steps().get(0).assetKeys()).containsExactly(key("crm/active_customers"));
  }

  @Test
  void shouldRejectWithNotFoundWhenTheJobOrTheAssetIsUnknown() {
    assertThatThrownBy(
            () ->
                client.executionPlan(
                    ExecutionPlanRequest.forJob("daily_sale").partitionKey("2026-01-03").build()))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.NOT_FOUND))
        .hasMessageContaining("Did you mean 'daily_sales'?");
    assertThatThrownBy(
            () ->
                client.executionPlan(
                    ExecutionPlanRequest.forJob("__ASSET_JOB")
                        .assetSelection(List.of(key("crm/customers")))
                        .build()))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.NOT_FOUND))
        .hasMessageContaining("no asset named 'crm/customers'");
  }

  @Test
  void shouldRequestTheDayThatEndedWhenTheScheduleIsEvaluatedAtMidnight() {
    InstigatorEvaluation tick =
        client.evaluateSchedule(
            new ScheduleEvaluationRequest(
                "daily_sales_schedule", Instant.parse("2026-01-04T00:00:00Z")));

    assertThat(tick.runRequests())
        .extracting(RunRequestSnapshot::partitionKey)
        .containsExactly("2026-01-03");
  }

  @Test
  void shouldRequestTheRevenueRunWhenTheDaemonSendsAMaterializationOfTheDailyRevenue() {
    // The daemon reads the materializations after the sensor's cursor from its event log.
    SensorEvaluationRequest request =
        new SensorEvaluationRequest(
            "revenue_ready",
            "41",
            Instant.parse("2026-01-04T00:00:00Z"),
            null,
            List.of(
                new SensorMaterialization(
                    41,
                    "run-old",
                    Instant.parse("2026-01-03T23:00:00Z"),
                    key("analytics/daily_revenue"),
                    "2026-01-02"),
                new SensorMaterialization(
                    42,
                    "run-1",
                    Instant.parse("2026-01-04T00:00:00Z"),
                    key("analytics/daily_revenue"),
                    "2026-01-03")),
            List.of(),
            java.util.Map.of());

    InstigatorEvaluation tick = client.evaluateSensor(request);

    assertThat(tick.isFailure()).as(String.valueOf(tick.error())).isFalse();
    assertThat(tick.runRequests())
        .extracting(RunRequestSnapshot::runKey, RunRequestSnapshot::partitionKey)
        .containsExactly(tuple("revenue_7d:2026-01-03:42", "2026-01-03"));
    assertThat(tick.cursor()).isEqualTo("42");
  }

  @Test
  void shouldSkipWithoutErrorWhenTheAssetSensorIsEvaluatedWithNoNewMaterialization() {
    InstigatorEvaluation tick =
        client.evaluateSensor(SensorEvaluationRequest.firstTick("revenue_ready"));

    assertThat(tick.isFailure()).isFalse();
    assertThat(tick.runRequests()).isEmpty();
    assertThat(tick.skipReason()).isNotBlank();
  }

  @Test
  void shouldRunWithCommonsCsv1141InsideTheApplication() throws Exception {
    // Asked from inside the running application's class loader, not the test's class path.
    assertThat(CSVFormat.class.getPackage().getImplementationVersion()).isEqualTo("1.14.1");
    assertThat(Class.forName("org.apache.commons.csv.CSVFormat$Builder").getMethod("get"))
        .isNotNull();
  }

  private static AssetKeySnapshot key(String userString) {
    return AssetKeySnapshot.fromUserString(userString);
  }
}
