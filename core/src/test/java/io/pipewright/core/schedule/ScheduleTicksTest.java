package io.pipewright.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTicksTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /**
   * Plays the scheduler under a frozen clock moved one minute at a time: every due tick fires and
   * becomes the checkpoint, as the daemon does.
   */
  private static List<Instant> fired(
      String cron, ZoneId zone, Instant from, Instant to, Duration step) {
    CronExpression expression = CronExpression.parse(cron);
    Instant checkpoint = from;
    List<Instant> fired = new ArrayList<>();
    for (Instant now = from; !now.isAfter(to); now = now.plus(step)) {
      DueTicks due = ScheduleTicks.due(expression, zone, checkpoint, now, CatchUpPolicy.DEFAULT);
      assertThat(due.dropped()).isFalse();
      for (Instant t : due.due()) {
        assertThat(t).isAfter(checkpoint).isBeforeOrEqualTo(now);
        fired.add(t);
        checkpoint = t;
      }
      assertThat(due.next()).isAfter(now);
    }
    return fired;
  }

  private static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  @Test
  void shouldFireADaily0230OnceAtTheEndOfTheGapWhenBerlinSpringsForward() {
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist.
    List<Instant> fired =
        fired(
            "30 2 * * *",
            BERLIN,
            at("2026-03-28T12:00", BERLIN),
            at("2026-03-30T12:00", BERLIN),
            Duration.ofMinutes(1));

    assertThat(fired)
        .containsExactly(
            Instant.parse("2026-03-29T01:00:00Z"), // 03:00 CEST, the end of the gap
            Instant.parse("2026-03-30T00:30:00Z")); // 02:30 CEST
  }

  @Test
  void shouldFireADaily0230OnceAtTheSecondOccurrenceWhenBerlinFallsBack() {
    // 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice.
    List<Instant> fired =
        fired(
            "30 2 * * *",
            BERLIN,
            at("2026-10-24T12:00", BERLIN),
            at("2026-10-26T12:00", BERLIN),
            Duration.ofMinutes(1));

    assertThat(fired)
        .containsExactly(
            Instant.parse("2026-10-25T01:30:00Z"), // 02:30 CET, the second 02:30
            Instant.parse("2026-10-26T01:30:00Z"));
  }

  @Test
  void shouldFireADaily0230OnceWhenNewYorkSpringsForward() {
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT.
    List<Instant> fired =
        fired(
            "30 2 * * *",
            NEW_YORK,
            at("2026-03-07T12:00", NEW_YORK),
            at("2026-03-09T12:00", NEW_YORK),
            Duration.ofMinutes(1));

    assertThat(fired)
        .containsExactly(
            Instant.parse("2026-03-08T07:00:00Z"), // 03:00 EDT
            Instant.parse("2026-03-09T06:30:00Z")); // 02:30 EDT
  }

  @Test
  void shouldFireADaily0130OnceInTheRepeatedHourWhenNewYorkFallsBack() {
    // 2026-11-01: 02:00 EDT goes back to 01:00 EST; 01:30 happens twice.
    List<Instant> fired =
        fired(
            "30 1 * * *",
            NEW_YORK,
            at("2026-10-31T12:00", NEW_YORK),
            at("2026-11-02T12:00", NEW_YORK),
            Duration.ofMinutes(1));

    assertThat(fired)
        .containsExactly(
            Instant.parse("2026-11-01T06:30:00Z"), // 01:30 EST, the second one
            Instant.parse("2026-11-02T06:30:00Z"));
  }

  @Test
  void shouldKeepAnHourlyScheduleOnceAnHourWhenTheClocksChange() {
    List<Instant> spring =
        fired(
            "0 * * * *",
            BERLIN,
            at("2026-03-29T00:00", BERLIN),
            at("2026-03-30T00:00", BERLIN),
            Duration.ofMinutes(1));
    List<Instant> autumn =
        fired(
            "0 * * * *",
            BERLIN,
            at("2026-10-25T00:00", BERLIN),
            at("2026-10-26T00:00", BERLIN),
            Duration.ofMinutes(1));

    assertThat(spring).hasSize(23); // A 23-hour day.
    assertThat(autumn).hasSize(25); // A 25-hour day.
    for (List<Instant> ticks : List.of(spring, autumn)) {
      for (int i = 1; i < ticks.size(); i++) {
        assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).isEqualTo(Duration.ofHours(1));
      }
    }
  }

  @Test
  void shouldRunTheLatestMissedTicksUpToTheMaximumWhenCatchingUp() {
    CronExpression everyMinute = CronExpression.parse("* * * * *");
    Instant checkpoint = Instant.parse("2026-01-01T00:00:00Z");
    Instant now = Instant.parse("2026-01-04T10:07:30Z"); // Three days down.

    DueTicks due =
        ScheduleTicks.due(
            everyMinute, ZoneId.of("UTC"), checkpoint, now, CatchUpPolicy.allMissedUpTo(3));

    assertThat(due.due())
        .containsExactly(
            Instant.parse("2026-01-04T10:05:00Z"),
            Instant.parse("2026-01-04T10:06:00Z"),
            Instant.parse("2026-01-04T10:07:00Z"));
    assertThat(due.dropped()).isTrue();
    assertThat(due.next()).isEqualTo(Instant.parse("2026-01-04T10:08:00Z"));
  }

  @Test
  void shouldRunOnlyTheLatestMissedTickWhenThePolicyIsLatestOnly() {
    CronExpression daily = CronExpression.parse("0 6 * * *");
    Instant checkpoint = Instant.parse("2026-01-01T06:00:00Z");
    Instant now = Instant.parse("2026-01-05T07:00:00Z");

    DueTicks due =
        ScheduleTicks.due(daily, ZoneId.of("UTC"), checkpoint, now, CatchUpPolicy.latestOnly());

    assertThat(due.due()).containsExactly(Instant.parse("2026-01-05T06:00:00Z"));
    assertThat(due.dropped()).isTrue();
  }

  @Test
  void shouldRunAllMissedTicksWhenTheyAreFewerThanTheMaximum() {
    CronExpression daily = CronExpression.parse("0 6 * * *");
    Instant checkpoint = Instant.parse("2026-01-01T06:00:00Z");
    Instant now = Instant.parse("2026-01-03T06:00:00Z"); // Exactly on a tick: it is due.

    DueTicks due =
        ScheduleTicks.due(daily, ZoneId.of("UTC"), checkpoint, now, CatchUpPolicy.DEFAULT);

    assertThat(due.due())
        .containsExactly(
            Instant.parse("2026-01-02T06:00:00Z"), Instant.parse("2026-01-03T06:00:00Z"));
    assertThat(due.dropped()).isFalse();
  }

  @Test
  void shouldOweNothingWhenTheCheckpointIsTheLatestTick() {
    CronExpression daily = CronExpression.parse("0 6 * * *");
    Instant checkpoint = Instant.parse("2026-01-03T06:00:00Z");

    DueTicks due =
        ScheduleTicks.due(
            daily,
            ZoneId.of("UTC"),
            checkpoint,
            Instant.parse("2026-01-04T05:59:59.999Z"),
            CatchUpPolicy.DEFAULT);

    assertThat(due.due()).isEmpty();
    assertThat(due.next()).isEqualTo(Instant.parse("2026-01-04T06:00:00Z"));
  }

  @Test
  void shouldFindTheDueTicksOfALongDowntimeInFewSteps() {
    CronExpression everyMinute = CronExpression.parse("* * * * *");
    long started = System.nanoTime();

    DueTicks due =
        ScheduleTicks.due(
            everyMinute,
            ZoneId.of("UTC"),
            Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:00Z"),
            CatchUpPolicy.latestOnly());

    assertThat(due.due()).containsExactly(Instant.parse("2026-01-01T00:00:00Z"));
    // A guard against minute-by-minute stepping (13.7 million steps), not a measurement: the bound
    // is far above the milliseconds this takes, so a loaded CI machine cannot fail it.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldRejectABadCronWithTheFieldAndAPointer() {
    assertThatThrownBy(() -> CronExpression.parse("0 25 * * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 25 * * *")
        .hasMessageContaining("hour")
        .hasMessageContaining("^");
    assertThatThrownBy(() -> CatchUpPolicy.allMissedUpTo(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latestOnly");
  }

  @Test
  void shouldReadTheSameTimesAsTheZoneWhenNoClockChanges() {
    CronExpression weekdays = CronExpression.parse("15 9 * * MON-FRI");
    Instant friday = ZonedDateTime.parse("2026-06-05T09:15:00+02:00[Europe/Berlin]").toInstant();

    assertThat(weekdays.nextAfter(friday, BERLIN))
        .isEqualTo(ZonedDateTime.parse("2026-06-08T09:15:00+02:00[Europe/Berlin]").toInstant());
    assertThat(weekdays.previousBefore(friday, BERLIN))
        .isEqualTo(ZonedDateTime.parse("2026-06-04T09:15:00+02:00[Europe/Berlin]").toInstant());
  }
}
