package io.pipewright.sdk.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.internal.schedule.ScheduleEvaluator;
import io.pipewright.sdk.partition.DynamicPartitionsDefinition;
import io.pipewright.sdk.partition.MultiPartitionsDefinition;
import io.pipewright.sdk.partition.PartitionedConfig;
import io.pipewright.sdk.partition.StaticPartitionsDefinition;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionedScheduleTest {
  private static final PartitionedConfig CONFIG =
      PartitionedConfig.of(key -> RunConfig.builder().opConfig("load", Map.of("day", key)).build())
          .withTags(key -> Map.of("team", "finance"));

  private static ScheduleEvaluation tick(ScheduleDefinition schedule, String at) {
    return ScheduleEvaluator.evaluate(schedule, Instant.parse(at), Map.of(), null);
  }

  private static List<String> partitionKeys(ScheduleEvaluation evaluation) {
    return evaluation.runRequests().stream().map(RunRequest::partitionKey).toList();
  }

  @Test
  void shouldRequestDayThatJustEndedWhenDailyScheduleTicksAtMidnight() {
    ScheduleDefinition schedule =
        ScheduleDefinition.forPartitions(
            "daily_sales", "sales", TimeWindowPartitionsDefinition.daily("2024-01-01"), CONFIG);
    assertThat(schedule.cron()).isEqualTo(CronSchedule.parse("0 0 * * *"));
    assertThat(schedule.timezone().normalized()).isEqualTo(ZoneOffset.UTC);
    assertThat(schedule.jobName()).contains("sales");

    ScheduleEvaluation evaluation = tick(schedule, "2024-05-02T00:00:00Z");
    assertThat(evaluation.runRequests()).hasSize(1);
    RunRequest request = evaluation.runRequests().get(0);
    assertThat(request.partitionKey()).isEqualTo("2024-05-01");
    assertThat(request.runKey()).isEqualTo("2024-05-01");
    assertThat(request.runConfig().opConfig("load")).isEqualTo(Map.of("day", "2024-05-01"));
    assertThat(request.tags())
        .containsExactly(
            Map.entry("team", "finance"), Map.entry("dagster/partition", "2024-05-01"));
  }

  @Test
  void shouldRequestWindowInProgressWhenEndOffsetIsOne() {
    ScheduleDefinition schedule =
        ScheduleDefinition.forPartitions(
            "s", "sales", TimeWindowPartitionsDefinition.daily("2024-01-01").withEndOffset(1));
    assertThat(partitionKeys(tick(schedule, "2024-05-02T00:00:00Z"))).containsExactly("2024-05-02");
  }

  @Test
  void shouldFollowOffsetsAndTimezoneWhenDailyPartitionsHaveThem() {
    ZoneId newYork = ZoneId.of("America/New_York");
    TimeWindowPartitionsDefinition partitions =
        TimeWindowPartitionsDefinition.daily("2024-01-01")
            .withHourOffset(6)
            .withMinuteOffset(15)
            .withTimezone(newYork);
    ScheduleDefinition schedule = ScheduleDefinition.forPartitions("s", "sales", partitions);
    assertThat(schedule.cron()).isEqualTo(CronSchedule.parse("15 6 * * *"));
    assertThat(schedule.timezone()).isEqualTo(newYork);
    // The tick on the spring-forward day: 06:15 EDT is 10:15Z; the window of 2024-03-09 just ended.
    Instant tick = schedule.nextTickAfter(Instant.parse("2024-03-09T12:00:00Z"));
    assertThat(tick).isEqualTo("2024-03-10T10:15:00Z");
    assertThat(partitionKeys(ScheduleEvaluator.evaluate(schedule, tick, Map.of(), null)))
        .containsExactly("2024-03-09");
  }

  @Test
  void shouldRequestHourThatJustEndedWhenHourlyPartitionsAreInBerlin() {
    TimeWindowPartitionsDefinition partitions =
        TimeWindowPartitionsDefinition.hourly("2024-01-01-00:00")
            .withTimezone(ZoneId.of("Europe/Berlin"));
    ScheduleDefinition schedule = ScheduleDefinition.forPartitions("s", "sales", partitions);
    assertThat(schedule.cron()).isEqualTo(CronSchedule.parse("0 * * * *"));
    // 10:00Z is 12:00 in Berlin (summer time): the hour 11:00-12:00 has ended.
    assertThat(partitionKeys(tick(schedule, "2024-05-01T10:00:00Z")))
        .containsExactly("2024-05-01-11:00");
  }

  @Test
  void shouldDeriveCronFromOffsetsWhenPartitionsAreWeeklyOrMonthly() {
    assertThat(
            ScheduleDefinition.forPartitions(
                    "w",
                    "j",
                    TimeWindowPartitionsDefinition.weekly("2024-01-01")
                        .withDayOffset(1)
                        .withHourOffset(3))
                .cron())
        .isEqualTo(CronSchedule.parse("0 3 * * 1"));
    ScheduleDefinition monthly =
        ScheduleDefinition.forPartitions(
            "m",
            "j",
            TimeWindowPartitionsDefinition.monthly("2024-01-01")
                .withDayOffset(5)
                .withMinuteOffset(30));
    assertThat(monthly.cron()).isEqualTo(CronSchedule.parse("30 0 5 * *"));
    assertThat(partitionKeys(tick(monthly, "2024-05-05T00:30:00Z"))).containsExactly("2024-04-05");
  }

  @Test
  void shouldSkipWhenNoWindowHasEndedYet() {
    ScheduleDefinition schedule =
        ScheduleDefinition.forPartitions(
            "s", "sales", TimeWindowPartitionsDefinition.daily("2024-01-01"));
    ScheduleEvaluation evaluation = tick(schedule, "2024-01-01T00:00:00Z");
    assertThat(evaluation.isSkipped()).isTrue();
    assertThat(evaluation.skipReason().orElseThrow()).contains("has no partitions at 2024-01-01");
  }

  @Test
  void shouldRequestEveryKeyWhenStaticPartitionsHaveACron() {
    StaticPartitionsDefinition regions = StaticPartitionsDefinition.of("eu", "us");
    ScheduleDefinition schedule =
        ScheduleDefinition.forPartitions(
            "s", "sales", regions, null, CronSchedule.parse("@daily"), ZoneOffset.UTC);
    ScheduleEvaluation evaluation = tick(schedule, "2024-05-02T00:00:00Z");
    assertThat(partitionKeys(evaluation)).containsExactly("eu", "us");
    assertThat(evaluation.runRequests().get(1).runKey()).isEqualTo("us");
    assertThat(evaluation.runRequests().get(1).tags()).containsEntry("dagster/partition", "us");
    assertThatThrownBy(() -> ScheduleDefinition.forPartitions("s", "sales", regions))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no time windows to derive a cron from")
        .hasMessageContaining("forPartitions(name, jobName, partitions, config, cron, timezone)");
  }

  @Test
  void shouldRejectWhenPartitionsAreDynamicOrHaveNoSingleTimeDimension() {
    assertThatThrownBy(
            () ->
                ScheduleDefinition.forPartitions(
                    "s",
                    "j",
                    DynamicPartitionsDefinition.named("files"),
                    null,
                    CronSchedule.parse("@daily"),
                    ZoneOffset.UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Schedule 's' cannot be built from")
        .hasMessageContaining("use a sensor");
    MultiPartitionsDefinition twoTimes =
        MultiPartitionsDefinition.of(
            "a", TimeWindowPartitionsDefinition.daily("2024-01-01"),
            "b", TimeWindowPartitionsDefinition.hourly("2024-01-01-00:00"));
    assertThatThrownBy(() -> ScheduleDefinition.forPartitions("s", "j", twoTimes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one time-window dimension");
  }

  @Test
  void shouldRequestEveryKeyOfNewestWindowWhenMultiPartitionedWithOneTimeDimension() {
    MultiPartitionsDefinition partitions =
        MultiPartitionsDefinition.of(
            "region", StaticPartitionsDefinition.of("eu", "us"),
            "date", TimeWindowPartitionsDefinition.daily("2024-01-01"));
    ScheduleDefinition schedule = ScheduleDefinition.forPartitions("s", "sales", partitions);
    assertThat(schedule.cron()).isEqualTo(CronSchedule.parse("0 0 * * *"));
    ScheduleEvaluation evaluation = tick(schedule, "2024-05-02T00:00:00Z");
    assertThat(partitionKeys(evaluation)).containsExactly("2024-05-01|eu", "2024-05-01|us");
    assertThat(evaluation.runRequests().get(0).tags())
        .containsEntry("dagster/partition", "2024-05-01|eu")
        .containsEntry("dagster/partition/date", "2024-05-01")
        .containsEntry("dagster/partition/region", "eu");
  }

  @Test
  void shouldKeepPartitionBehaviourWhenDefaultStatusIsChangedThroughBuilder() {
    ScheduleDefinition schedule =
        ScheduleDefinition.forPartitions(
                "s", "sales", TimeWindowPartitionsDefinition.daily("2024-01-01"))
            .toBuilder()
            .defaultStatus(DefaultStatus.RUNNING)
            .description("daily sales")
            .build();
    assertThat(schedule.defaultStatus()).isEqualTo(DefaultStatus.RUNNING);
    assertThat(schedule.description()).isEqualTo("daily sales");
    assertThat(partitionKeys(tick(schedule, "2024-05-02T00:00:00Z"))).containsExactly("2024-05-01");
  }

  @Test
  void shouldRequestEachDayOnceWhenTicksFollowTheCron() {
    ScheduleDefinition schedule =
        ScheduleDefinition.forPartitions(
            "s",
            "sales",
            TimeWindowPartitionsDefinition.daily("2024-01-01")
                .withTimezone(ZoneId.of("Europe/Berlin")));
    List<String> keys =
        schedule
            .cron()
            .fireTimesBetween(
                Instant.parse("2024-03-29T00:00:00Z"),
                Instant.parse("2024-04-02T00:00:00Z"),
                schedule.timezone())
            .flatMap(
                t -> ScheduleEvaluator.evaluate(schedule, t, Map.of(), null).runRequests().stream())
            .map(RunRequest::partitionKey)
            .toList();
    // Across the spring-forward night of 2024-03-31: one run per day, none missed or repeated.
    assertThat(keys).containsExactly("2024-03-29", "2024-03-30", "2024-03-31", "2024-04-01");
  }
}
