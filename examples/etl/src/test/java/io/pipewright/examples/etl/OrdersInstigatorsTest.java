package io.pipewright.examples.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.ScheduleEvaluation;
import io.pipewright.sdk.schedule.SensorDefinition;
import io.pipewright.sdk.schedule.SensorEvaluation;
import io.pipewright.sdk.testing.ScheduleTester;
import io.pipewright.sdk.testing.SensorTester;
import io.pipewright.sdk.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrdersInstigatorsTest {

  @Test
  void shouldRunOnWeekdayMorningsInBerlinAndSkipSundays() {
    Instant monday = OrdersEtl.EVERY_MORNING.nextTickAfter(Instant.parse("2026-03-01T12:00:00Z"));
    assertThat(monday).isEqualTo(Instant.parse("2026-03-02T05:00:00Z"));
    ScheduleEvaluation weekday = ScheduleTester.evaluate(OrdersEtl.EVERY_MORNING, monday);
    assertThat(weekday.runRequests())
        .extracting(r -> r.tags().get("business_date"))
        .containsExactly("2026-03-02");

    ScheduleEvaluation sunday =
        ScheduleTester.evaluate(OrdersEtl.EVERY_MORNING, Instant.parse("2026-03-01T05:00:00Z"));
    assertThat(sunday.isSkipped()).isTrue();
    assertThat(sunday.skipReason()).contains("The shop is closed on Sundays.");
  }

  @Test
  void shouldRequestOneRunPerNewFileKeyedByFileNameAndAdvanceTheCursor(@TempDir Path inbox)
      throws Exception {
    SensorDefinition sensor = OrdersEtl.newOrderFiles(inbox);
    TestClock clock = TestClock.at(Instant.parse("2026-03-02T08:00:00Z"));
    Path first = Files.writeString(inbox.resolve("orders-1.json"), "[]");
    Files.setLastModifiedTime(first, FileTime.fromMillis(1_000));
    Path second = Files.writeString(inbox.resolve("orders-2.json"), "[]");
    Files.setLastModifiedTime(second, FileTime.fromMillis(2_000));
    Files.writeString(inbox.resolve("notes.txt"), "ignored");

    SensorEvaluation firstTick = SensorTester.evaluate(sensor, clock, null);
    assertThat(firstTick.runRequests())
        .extracting(RunRequest::runKey)
        .containsExactly("orders-1.json", "orders-2.json");
    assertThat(firstTick.cursor()).contains("2000");

    SensorEvaluation secondTick = SensorTester.evaluate(sensor, clock, "2000");
    assertThat(secondTick.isSkipped()).isTrue();
  }
}
