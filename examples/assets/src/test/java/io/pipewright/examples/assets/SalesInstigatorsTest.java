package io.pipewright.examples.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.schedule.MaterializationEvent;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.ScheduleEvaluation;
import io.pipewright.sdk.schedule.SensorEvaluation;
import io.pipewright.sdk.testing.ScheduleTester;
import io.pipewright.sdk.testing.SensorTester;
import io.pipewright.sdk.testing.TestClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalesInstigatorsTest {

  @Test
  void shouldRequestTheDayThatJustEndedAtMidnight() {
    ScheduleEvaluation tick =
        ScheduleTester.evaluate(
            SalesAssets.DAILY_SALES_SCHEDULE, Instant.parse("2026-01-04T00:00:00Z"));

    assertThat(tick.runRequests())
        .extracting(RunRequest::partitionKey)
        .containsExactly("2026-01-03");
  }

  @Test
  void shouldRefreshTheWeeklyRevenueOfTheDayWhoseRevenueWasMaterialized() {
    TestClock clock = TestClock.at(Instant.parse("2026-01-04T01:00:00Z"));
    MaterializationEvent event =
        new MaterializationEvent(
            42,
            "run-1",
            clock.instant(),
            SalesAssets.DAILY_REVENUE,
            "2026-01-03",
            Metadata.empty());

    SensorEvaluation tick =
        SensorTester.evaluate(SalesAssets.REVENUE_READY, clock, null, List.of(event));

    assertThat(tick.runRequests())
        .extracting(RunRequest::partitionKey)
        .containsExactly("2026-01-03");
    assertThat(tick.cursor()).contains("42");
  }
}
