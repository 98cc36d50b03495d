package io.pipewright.examples.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.ResourceSnapshot;
import io.pipewright.core.snapshot.RetryPolicySnapshot;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.core.snapshot.StepSnapshot;
import io.pipewright.protocol.client.GrpcCodeLocationClient;
import io.pipewright.protocol.client.GrpcCodeLocationClientOptions;
import io.pipewright.sdk.io.IOManagers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ETL code location as the hosts see it: the Quarkus application started on a free port and
 * called over real gRPC through the protocol's {@link GrpcCodeLocationClient}.
 */
@QuarkusTest
class EtlLocationServerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TestHTTPResource("/")
  URL root;

  private GrpcCodeLocationClient client;

  @BeforeEach
  void connect() {
    client =
        GrpcCodeLocationClient.connect(
            "etl",
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
  void shouldListTheJobsResourcesScheduleAndSensorWhenAskedForTheSnapshot() {
    CodeLocationSnapshot snapshot = client.snapshot();

    assertThat(snapshot.locationName()).isEqualTo("etl");
    assertThat(snapshot.loadErrors()).isEmpty();
    assertThat(snapshot.jobs())
        .extracting(JobSnapshot::name)
        .containsExactly("orders_etl", "orders_validate_only");
    assertThat(snapshot.assets()).isEmpty();
    JobSnapshot etl = snapshot.job("orders_etl").orElseThrow();
    assertThat(etl.tags()).containsEntry("team", "analytics");
    assertThat(etl.resources())
        .extracting(ResourceSnapshot::key)
        .contains("warehouse", "io_manager", "alerts");
    assertThat(etl.runConfigSchema()).isNotNull();
    assertThat(snapshot.job("orders_validate_only").orElseThrow().opSelection())
        .containsExactly("*validate");
    assertThat(snapshot.schedules())
        .extracting(
            ScheduleSnapshot::name, ScheduleSnapshot::cronSchedule, ScheduleSnapshot::timezone)
        .containsExactly(tuple("orders_every_morning", "0 6 * * *", "Europe/Berlin"));
    assertThat(snapshot.sensors())
        .extracting(SensorSnapshot::name, SensorSnapshot::minimumInterval)
        .containsExactly(tuple("new_order_files", Duration.ofSeconds(30)));
  }

  @Test
  void shouldPlanTheFanOutWithItsRetryPolicyWhenTheDefaultConfigIsUsed() {
    ExecutionPlanResult result =
        client.executionPlan(ExecutionPlanRequest.forJob("orders_etl").build());

    ExecutionPlanSnapshot plan = ((ExecutionPlanResult.Planned) result).plan();
    assertThat(plan.jobName()).isEqualTo("orders_etl");
    assertThat(plan.steps())
        .extracting(StepSnapshot::key)
        .containsExactlyInAnyOrder(
            "extract",
            "validate",
            "clean.dedupe",
            "clean.drop_small",
            "split_by_region",
            "summarize[?]",
            "combine",
            "load",
            "notify",
            "dedupe_rejected",
            "audit_rejected");
    assertThat(plan.step("summarize[?]").orElseThrow().mappedOver())
        .isEqualTo(new StepSnapshot.DynamicMapping("split_by_region", "regions"));
    RetryPolicySnapshot extractRetries = plan.step("extract").orElseThrow().retryPolicy();
    assertThat(extractRetries.maxRetries()).isEqualTo(3);
    assertThat(extractRetries.backoff()).isEqualTo(RetryPolicySnapshot.Backoff.EXPONENTIAL);
    // The job's default retry policy covers the ops that have none.
    assertThat(plan.step("load").orElseThrow().retryPolicy().maxRetries()).isEqualTo(1);
    assertThat(plan.step("load").orElseThrow().requiredResources()).contains("warehouse");
  }

  @Test
  void shouldReturnTheConfigErrorWithItsPathWhenTheLimitIsNotANumber() {
    ExecutionPlanResult result =
        client.executionPlan(
            ExecutionPlanRequest.forJob("orders_etl")
                .runConfig(
                    Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", "ten")))))
                .build());

    assertThat(((ExecutionPlanResult.InvalidConfig) result).errors())
        .extracting(ConfigErrorSnapshot::path, ConfigErrorSnapshot::reason)
        .contains(tuple("ops.extract.config.limit", ConfigErrorSnapshot.Reason.WRONG_TYPE));
  }

  @Test
  void shouldRejectWithNotFoundNamingTheClosestJobWhenTheJobIsUnknown() {
    assertThatThrownBy(
            () -> client.executionPlan(ExecutionPlanRequest.forJob("orders_elt").build()))
        .isInstanceOfSatisfying(
            CodeLocationCallException.class,
            e -> assertThat(e.reason()).isEqualTo(CodeLocationCallException.Reason.NOT_FOUND))
        .hasMessageContaining("no job named 'orders_elt'")
        .hasMessageContaining("Did you mean 'orders_etl'?");
  }

  @Test
  void shouldRequestARunOnMondayAndSkipOnSundayWhenTheScheduleIsEvaluated() {
    InstigatorEvaluation monday =
        client.evaluateSchedule(
            new ScheduleEvaluationRequest(
                "orders_every_morning", Instant.parse("2026-03-02T05:00:00Z")));
    InstigatorEvaluation sunday =
        client.evaluateSchedule(
            new ScheduleEvaluationRequest(
                "orders_every_morning", Instant.parse("2026-03-01T05:00:00Z")));

    assertThat(monday.runRequests())
        .extracting(r -> r.tags().get("business_date"))
        .containsExactly("2026-03-02");
    assertThat(sunday.runRequests()).isEmpty();
    assertThat(sunday.skipReason()).isEqualTo("The shop is closed on Sundays.");
  }

  @Test
  void shouldRequestOneRunPerNewOrderFileThenSkipWhenTheSensorIsEvaluatedTwice()
      throws IOException {
    // The location watches $PIPEWRIGHT_HOME/inbox (the build points PIPEWRIGHT_HOME into target/).
    // Files already there are left alone: the first tick's cursor is the newest of them.
    Path inbox = IOManagers.defaultBaseDir().resolveSibling("inbox");
    Files.createDirectories(inbox);
    long newest = 0;
    try (var existing = Files.list(inbox)) {
      for (Path file : existing.toList()) {
        newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
      }
    }
    String name = "orders-" + UUID.randomUUID() + ".json";
    Path file = Files.writeString(inbox.resolve(name), "[]");
    Files.setLastModifiedTime(file, FileTime.fromMillis(newest + 1_000));
    try {
      InstigatorEvaluation first =
          client.evaluateSensor(
              new SensorEvaluationRequest("new_order_files", Long.toString(newest), null, null));
      InstigatorEvaluation second =
          client.evaluateSensor(
              new SensorEvaluationRequest("new_order_files", first.cursor(), Instant.now(), name));

      assertThat(first.isFailure()).isFalse();
      assertThat(first.runRequests()).extracting(RunRequestSnapshot::runKey).containsExactly(name);
      assertThat(first.cursor()).isEqualTo(Long.toString(newest + 1_000));
      assertThat(second.runRequests()).isEmpty();
      assertThat(second.skipReason()).startsWith("No new order file");
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void shouldRunWithCommonsCsv18InsideTheApplication() {
    // Asked from inside the running application's class loader, not the test's class path.
    assertThat(CSVFormat.class.getPackage().getImplementationVersion()).isEqualTo("1.8");
    assertThatThrownBy(() -> Class.forName("org.apache.commons.csv.CSVFormat$Builder"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
