package io.pipewright.sdk.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.internal.schedule.ScheduleEvaluator;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ScheduleEvaluationTest {
  private static final Instant TICK = Instant.parse("2024-05-01T00:30:00Z");

  private static ScheduleEvaluation evaluate(ScheduleDefinition schedule) {
    return ScheduleEvaluator.evaluate(schedule, TICK, Map.of(), null);
  }

  @Test
  void shouldUseDagsterDefaultsWhenOnlyNameCronAndJobAreGiven() {
    ScheduleDefinition schedule =
        ScheduleDefinition.builder("nightly", "@daily").job("etl").build();
    assertThat(schedule.name()).isEqualTo("nightly");
    assertThat(schedule.cron()).isEqualTo(CronSchedule.parse("0 0 * * *"));
    assertThat(schedule.timezone()).isEqualTo(ZoneOffset.UTC);
    assertThat(schedule.defaultStatus()).isEqualTo(DefaultStatus.STOPPED);
    assertThat(schedule.description()).isNull();
    assertThat(schedule.jobName()).contains("etl");
    assertThat(schedule.assetSelection()).isEmpty();
    assertThat(evaluate(schedule).runRequests()).containsExactly(RunRequest.of());
    assertThat(evaluate(schedule).runRequests().get(0).runConfig()).isEqualTo(RunConfig.empty());
  }

  @Test
  void shouldReplaceOneTargetWithTheOtherWhenBothAreSet() {
    ScheduleDefinition assets =
        ScheduleDefinition.builder("s", "@daily").job("etl").assets(AssetSelection.all()).build();
    assertThat(assets.jobName()).isEmpty();
    assertThat(assets.assetSelection()).contains(AssetSelection.all());
    ScheduleDefinition job = assets.toBuilder().job("etl").build();
    assertThat(job.jobName()).contains("etl");
    assertThat(job.assetSelection()).isEmpty();
  }

  @Test
  void shouldPassScheduledTimeZoneAndResourcesWhenFunctionBuildsConfig() {
    ScheduleDefinition schedule =
        ScheduleDefinition.builder("nightly", "30 2 * * *")
            .timezone("Europe/Berlin")
            .job("etl")
            .evaluation(
                ctx ->
                    ScheduleResult.runs(
                        RunRequest.builder()
                            .runConfig(
                                RunConfig.builder()
                                    .opConfig(
                                        "extract",
                                        Map.of(
                                            "date",
                                            ctx.localScheduledTime().toLocalDate().toString(),
                                            "bucket",
                                            ctx.resource("bucket", String.class)))
                                    .build())
                            .tag("schedule", ctx.scheduleName())
                            .build()))
            .build();
    ScheduleEvaluation evaluation =
        ScheduleEvaluator.evaluate(
            schedule, Instant.parse("2024-04-30T22:30:00Z"), Map.of("bucket", "s3://b"), null);
    assertThat(evaluation.isFailure()).isFalse();
    assertThat(evaluation.scheduledTime()).isEqualTo("2024-04-30T22:30:00Z");
    RunRequest request = evaluation.runRequests().get(0);
    // 22:30Z is 00:30 the next day in Berlin (summer time).
    assertThat(request.runConfig().opConfig("extract"))
        .isEqualTo(Map.of("date", "2024-05-01", "bucket", "s3://b"));
    assertThat(request.tags()).containsEntry("schedule", "nightly");
  }

  @Test
  void shouldReportSkipReasonWhenFunctionSkips() {
    ScheduleDefinition schedule =
        ScheduleDefinition.builder("s", "@daily")
            .job("etl")
            .evaluation(ctx -> ScheduleResult.skip("holiday"))
            .build();
    ScheduleEvaluation evaluation = evaluate(schedule);
    assertThat(evaluation.isSkipped()).isTrue();
    assertThat(evaluation.isFailure()).isFalse();
    assertThat(evaluation.skipReason()).contains("holiday");
    assertThat(evaluation.runRequests()).isEmpty();
    assertThat(evaluation).isEqualTo(ScheduleEvaluation.skipped(TICK, "holiday"));
  }

  @Test
  void shouldCountAsSkippedWithoutReasonWhenFunctionRequestsNoRuns() {
    ScheduleDefinition schedule =
        ScheduleDefinition.builder("s", "@daily")
            .job("etl")
            .evaluation(ctx -> ScheduleResult.runs())
            .build();
    ScheduleEvaluation evaluation = evaluate(schedule);
    assertThat(evaluation.isSkipped()).isTrue();
    assertThat(evaluation.skipReason()).isEmpty();
  }

  @Test
  void shouldCaptureErrorWhenFunctionThrows() {
    ScheduleDefinition schedule =
        ScheduleDefinition.builder("s", "@daily")
            .job("etl")
            .evaluation(
                ctx -> {
                  throw new java.io.IOException("calendar service down");
                })
            .build();
    ScheduleEvaluation evaluation = evaluate(schedule);
    assertThat(evaluation.isFailure()).isTrue();
    assertThat(evaluation.isSkipped()).isFalse();
    assertThat(evaluation.error().orElseThrow().message())
        .isEqualTo("java.io.IOException: calendar service down");
    assertThat(evaluation.error().orElseThrow().stack()).isNotEmpty();
    assertThat(evaluation.runRequests()).isEmpty();
  }

  @Test
  void shouldCaptureErrorWhenResourceIsMissing() {
    ScheduleDefinition schedule =
        ScheduleDefinition.builder("s", "@daily")
            .job("etl")
            .evaluation(ctx -> ScheduleResult.skip(ctx.resource("calendar", String.class)))
            .build();
    ScheduleEvaluation evaluation =
        ScheduleEvaluator.evaluate(schedule, TICK, Map.of("db", "x"), null);
    assertThat(evaluation.error().orElseThrow().className())
        .isEqualTo(NoSuchElementException.class.getName());
    assertThat(evaluation.error().orElseThrow().message())
        .contains("schedule 's' has no resource 'calendar'. Resources given: db");
  }

  @Test
  void shouldFailWhenFunctionReturnsNull() {
    ScheduleDefinition schedule =
        ScheduleDefinition.builder("s", "@daily").job("etl").evaluation(ctx -> null).build();
    assertThat(evaluate(schedule).error().orElseThrow().message())
        .contains("The evaluation function of schedule 's' returned null");
  }

  @Test
  void shouldFailWhenScheduleHasNoTargetAndRequestNamesNoJob() {
    ScheduleDefinition untargeted = ScheduleDefinition.builder("s", "@daily").build();
    assertThat(evaluate(untargeted).error().orElseThrow().message())
        .contains("Schedule 's' has no target");
    ScheduleDefinition naming =
        ScheduleDefinition.builder("s", "@daily")
            .evaluation(ctx -> ScheduleResult.runs(RunRequest.builder().job("etl").build()))
            .build();
    assertThat(evaluate(naming).runRequests()).hasSize(1);
  }

  @Test
  void shouldComputeNextTickInScheduleTimezone() {
    ScheduleDefinition schedule =
        ScheduleDefinition.builder("s", "0 9 * * *")
            .timezone(ZoneId.of("America/New_York"))
            .job("etl")
            .build();
    assertThat(schedule.nextTickAfter(Instant.parse("2024-01-15T00:00:00Z")))
        .isEqualTo("2024-01-15T14:00:00Z");
  }

  @Test
  void shouldRejectInvalidCronWhenBuilding() {
    assertThatThrownBy(() -> ScheduleDefinition.builder("s", "0 0 * *"))
        .isInstanceOf(InvalidCronException.class);
    assertThatThrownBy(() -> ScheduleDefinition.builder("s", "@daily").cron("61 * * * *"))
        .isInstanceOf(InvalidCronException.class)
        .hasMessageContaining("minute");
  }

  @Test
  void shouldRejectBlankReasonWhenSkipping() {
    assertThatThrownBy(() -> ScheduleResult.skip(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a reason");
  }

  @Test
  void shouldDefaultConfigAndTagsWhenRunRequestIsBuiltWithout() {
    RunRequest request = RunRequest.withKey("k");
    assertThat(request.runKey()).isEqualTo("k");
    assertThat(request.runConfig()).isEqualTo(RunConfig.empty());
    assertThat(request.tags()).isEmpty();
    assertThat(RunRequest.forPartition("2024-01-01").partitionKey()).isEqualTo("2024-01-01");
    RunRequest built = request.toBuilder().tag("a", "1").job("etl").build();
    assertThat(built).isEqualTo(new RunRequest("k", "etl", null, null, Map.of("a", "1"), null));
    assertThatThrownBy(() -> RunRequest.withKey(" ")).hasMessageContaining("run key");
  }
}
