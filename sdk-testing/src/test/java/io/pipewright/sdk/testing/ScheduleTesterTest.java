package io.pipewright.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import io.pipewright.sdk.schedule.ScheduleEvaluation;
import io.pipewright.sdk.schedule.ScheduleResult;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTesterTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Runs on weekdays; skips weekends with a reason. */
  private static final ScheduleDefinition WEEKDAYS =
      ScheduleDefinition.builder("weekdays", "0 6 * * *")
          .timezone(NEW_YORK)
          .job("report")
          .evaluation(
              ctx -> {
                DayOfWeek day = ctx.localScheduledTime().getDayOfWeek();
                if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
                  return ScheduleResult.skip("weekend: " + day);
                }
                return ScheduleResult.runs(
                    RunRequest.builder()
                        .runKey(ctx.localScheduledTime().toLocalDate().toString())
                        .tag("region", ctx.resource("region", String.class))
                        .build());
              })
          .build();

  @Test
  void shouldEvaluateTickWhenGivenScheduledTimeAndResources() {
    // 2024-05-03 is a Friday; 06:00 EDT is 10:00Z.
    ScheduleEvaluation friday =
        ScheduleTester.evaluate(
            WEEKDAYS, Instant.parse("2024-05-03T10:00:00Z"), Map.of("region", "us"));
    EvaluationAssertions.assertThat(friday).succeeded().requestedRunKeys("2024-05-03");
    assertThat(friday.runRequests().get(0).tags()).containsEntry("region", "us");

    ScheduleEvaluation saturday =
        ScheduleTester.evaluate(
            WEEKDAYS, Instant.parse("2024-05-04T10:00:00Z"), Map.of("region", "us"));
    EvaluationAssertions.assertThat(saturday).skippedWith("weekend: SATURDAY");
  }

  @Test
  void shouldReturnErrorWhenResourceIsMissing() {
    ScheduleEvaluation evaluation =
        ScheduleTester.evaluate(WEEKDAYS, Instant.parse("2024-05-03T10:00:00Z"));
    EvaluationAssertions.assertThat(evaluation).failedWith("has no resource 'region'");
    assertThatThrownBy(() -> EvaluationAssertions.assertThat(evaluation).succeeded())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected the tick not to fail")
        .hasMessageContaining("java.util.NoSuchElementException");
  }

  @Test
  void shouldMoveClockToNextTickWhenEvaluatingNextTick() {
    TestClock clock = TestClock.at(Instant.parse("2024-05-03T09:00:00Z"));
    ScheduleDefinition daily =
        ScheduleDefinition.forPartitions(
            "daily",
            "sales",
            TimeWindowPartitionsDefinition.daily("2024-01-01").withTimezone(NEW_YORK));
    ScheduleEvaluation tick = ScheduleTester.evaluateNextTick(daily, clock);
    // The next New York midnight after 05:00 EDT on May 3 is May 4 00:00 EDT (04:00Z).
    assertThat(clock.instant()).isEqualTo("2024-05-04T04:00:00Z");
    assertThat(tick.scheduledTime()).isEqualTo(clock.instant());
    EvaluationAssertions.assertThat(tick).requestedPartitions("2024-05-03");
  }

  @Test
  void shouldEvaluateEveryTickWhenGivenASpan() {
    List<ScheduleEvaluation> week =
        ScheduleTester.evaluateTicksBetween(
            WEEKDAYS.toBuilder().evaluation(ctx -> ScheduleResult.runs(RunRequest.of())).build(),
            Instant.parse("2024-03-08T00:00:00Z"),
            Instant.parse("2024-03-15T00:00:00Z"));
    // Seven ticks at 06:00 New York time, across the spring-forward of 2024-03-10.
    assertThat(week)
        .extracting(ScheduleEvaluation::scheduledTime)
        .containsExactly(
            Instant.parse("2024-03-08T11:00:00Z"),
            Instant.parse("2024-03-09T11:00:00Z"),
            Instant.parse("2024-03-10T10:00:00Z"),
            Instant.parse("2024-03-11T10:00:00Z"),
            Instant.parse("2024-03-12T10:00:00Z"),
            Instant.parse("2024-03-13T10:00:00Z"),
            Instant.parse("2024-03-14T10:00:00Z"));
    assertThatThrownBy(() -> EvaluationAssertions.assertThat(week.get(0)).hasCursor("x"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("schedules have no cursor");
  }
}
