package io.pipewright.sdk.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fire times, including both daylight-saving changes of 2024 in two zones.
 *
 * <p>New York: 2024-03-10 02:00 EST becomes 03:00 EDT (07:00Z); 2024-11-03 02:00 EDT becomes 01:00
 * EST (06:00Z), so 01:00-02:00 happens twice. Berlin: 2024-03-31 02:00 CET becomes 03:00 CEST
 * (01:00Z); 2024-10-27 03:00 CEST becomes 02:00 CET (01:00Z), so 02:00-03:00 happens twice.
 */
class CronScheduleFireTimesTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static List<Instant> between(String cron, String from, String to, ZoneId zone) {
    return CronSchedule.parse(cron)
        .fireTimesBetween(Instant.parse(from), Instant.parse(to), zone)
        .toList();
  }

  private static List<Instant> instants(String... texts) {
    return Arrays.stream(texts).map(Instant::parse).toList();
  }

  /** Walks backwards with previousBefore, to check it mirrors nextAfter. */
  private static List<Instant> backwards(String cron, String from, String to, ZoneId zone) {
    CronSchedule schedule = CronSchedule.parse(cron);
    List<Instant> result = new ArrayList<>();
    Instant t = schedule.previousBefore(Instant.parse(to).plusNanos(1), zone);
    while (t.isAfter(Instant.parse(from))) {
      result.add(0, t);
      t = schedule.previousBefore(t, zone);
    }
    return result;
  }

  private static void assertBothDirections(
      String cron, String from, String to, ZoneId zone, List<Instant> expected) {
    assertThat(between(cron, from, to, zone)).containsExactlyElementsOf(expected);
    assertThat(backwards(cron, from, to, zone)).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldFireOnceAnHourWhenHourlyCrossesSpringForwardInNewYork() {
    // 00:00 EST, 01:00 EST, then 03:00 EDT: 02:00 does not exist and is skipped.
    assertBothDirections(
        "0 * * * *",
        "2024-03-10T04:30:00Z",
        "2024-03-10T08:30:00Z",
        NEW_YORK,
        instants(
            "2024-03-10T05:00:00Z",
            "2024-03-10T06:00:00Z",
            "2024-03-10T07:00:00Z",
            "2024-03-10T08:00:00Z"));
  }

  @Test
  void shouldFireAtBothRepeatedHoursWhenHourlyCrossesFallBackInNewYork() {
    // 00:00 EDT, 01:00 EDT, 01:00 EST, 02:00 EST: once an hour in real time.
    assertBothDirections(
        "0 * * * *",
        "2024-11-03T03:30:00Z",
        "2024-11-03T07:30:00Z",
        NEW_YORK,
        instants(
            "2024-11-03T04:00:00Z",
            "2024-11-03T05:00:00Z",
            "2024-11-03T06:00:00Z",
            "2024-11-03T07:00:00Z"));
  }

  @Test
  void shouldFireOnceAnHourWhenHourlyCrossesBothChangesInBerlin() {
    assertBothDirections(
        "30 * * * *",
        "2024-03-30T23:00:00Z",
        "2024-03-31T02:00:00Z",
        BERLIN,
        instants("2024-03-30T23:30:00Z", "2024-03-31T00:30:00Z", "2024-03-31T01:30:00Z"));
    assertBothDirections(
        "30 * * * *",
        "2024-10-26T23:00:00Z",
        "2024-10-27T02:00:00Z",
        BERLIN,
        instants("2024-10-26T23:30:00Z", "2024-10-27T00:30:00Z", "2024-10-27T01:30:00Z"));
  }

  @Test
  void shouldRunAtEndOfGapWhenDailyTimeDoesNotExist() {
    // New York: 02:30 on 2024-03-10 does not exist; the schedule runs at 03:00 EDT (07:00Z).
    assertBothDirections(
        "30 2 * * *",
        "2024-03-09T00:00:00Z",
        "2024-03-12T00:00:00Z",
        NEW_YORK,
        instants("2024-03-09T07:30:00Z", "2024-03-10T07:00:00Z", "2024-03-11T06:30:00Z"));
    // Berlin: 02:30 on 2024-03-31 does not exist; the schedule runs at 03:00 CEST (01:00Z).
    assertBothDirections(
        "30 2 * * *",
        "2024-03-30T00:00:00Z",
        "2024-04-02T00:00:00Z",
        BERLIN,
        instants("2024-03-30T01:30:00Z", "2024-03-31T01:00:00Z", "2024-04-01T00:30:00Z"));
  }

  @Test
  void shouldRunOnceAtSecondOccurrenceWhenDailyTimeIsRepeated() {
    // Berlin: 02:30 happens twice on 2024-10-27 (00:30Z CEST, 01:30Z CET); it runs at the second.
    assertBothDirections(
        "30 2 * * *",
        "2024-10-26T00:00:00Z",
        "2024-10-29T00:00:00Z",
        BERLIN,
        instants("2024-10-26T00:30:00Z", "2024-10-27T01:30:00Z", "2024-10-28T01:30:00Z"));
    // New York: 02:30 exists once on 2024-11-03 (EST); 01:30 is the repeated one.
    assertBothDirections(
        "30 2 * * *",
        "2024-11-02T00:00:00Z",
        "2024-11-05T00:00:00Z",
        NEW_YORK,
        instants("2024-11-02T06:30:00Z", "2024-11-03T07:30:00Z", "2024-11-04T07:30:00Z"));
    assertBothDirections(
        "30 1 * * *",
        "2024-11-02T00:00:00Z",
        "2024-11-05T00:00:00Z",
        NEW_YORK,
        instants("2024-11-02T05:30:00Z", "2024-11-03T06:30:00Z", "2024-11-04T06:30:00Z"));
  }

  @Test
  void shouldFindSecondOccurrenceWhenAskedDuringFirstOccurrence() {
    // 01:40 EDT (05:40Z): the next 01:30 is 01:30 EST (06:30Z), fifty minutes later.
    CronSchedule daily = CronSchedule.parse("30 1 * * *");
    assertThat(daily.nextAfter(Instant.parse("2024-11-03T05:40:00Z"), NEW_YORK))
        .isEqualTo("2024-11-03T06:30:00Z");
    // 01:40 EST (06:40Z): the previous one is 01:30 EST (06:30Z), not 01:30 EDT.
    assertThat(daily.previousBefore(Instant.parse("2024-11-03T06:40:00Z"), NEW_YORK))
        .isEqualTo("2024-11-03T06:30:00Z");
    // 01:20 EST (06:20Z): the previous one is the day before; 01:30 EDT did not fire.
    assertThat(daily.previousBefore(Instant.parse("2024-11-03T06:20:00Z"), NEW_YORK))
        .isEqualTo("2024-11-02T05:30:00Z");
  }

  @Test
  void shouldKeepRealTimeRhythmWhenEvery15MinutesCrossesDaylightSavingChanges() {
    for (ZoneId zone : List.of(NEW_YORK, BERLIN)) {
      String[][] days = {
        {"2024-03-10", "2024-03-31"}, {"2024-11-03", "2024-10-27"},
      };
      for (String[] day : days) {
        String date = zone.equals(NEW_YORK) ? day[0] : day[1];
        Instant start = java.time.LocalDate.parse(date).atStartOfDay(zone).toInstant();
        Instant end = java.time.LocalDate.parse(date).plusDays(1).atStartOfDay(zone).toInstant();
        List<Instant> times =
            CronSchedule.parse("*/15 * * * *").fireTimesBetween(start, end, zone).toList();
        long hours = Duration.between(start, end).toHours();
        assertThat(hours).isIn(23L, 25L);
        assertThat(times).hasSize((int) hours * 4);
        for (int i = 0; i < times.size(); i++) {
          assertThat(times.get(i)).isEqualTo(start.plus(Duration.ofMinutes(15L * (i + 1))));
        }
        assertThat(backwards("*/15 * * * *", start.toString(), end.toString(), zone))
            .containsExactlyElementsOf(times);
      }
    }
  }

  @Test
  void shouldFireOnceAtEndOfGapWhenSeveralTimesFallInsideIt() {
    // Berlin, 2024-03-31: 02:00, 02:15, 02:30 and 02:45 do not exist; they fire once at 03:00.
    assertBothDirections(
        "*/15 2 * * *",
        "2024-03-30T23:00:00Z",
        "2024-03-31T12:00:00Z",
        BERLIN,
        instants("2024-03-31T01:00:00Z"));
    // Berlin, 2024-10-27: 02:00-02:45 happen twice; only the second occurrences fire.
    assertBothDirections(
        "*/15 2 * * *",
        "2024-10-26T23:00:00Z",
        "2024-10-27T12:00:00Z",
        BERLIN,
        instants(
            "2024-10-27T01:00:00Z",
            "2024-10-27T01:15:00Z",
            "2024-10-27T01:30:00Z",
            "2024-10-27T01:45:00Z"));
  }

  @Test
  void shouldSkipShortMonthsWhenDayIs31() {
    assertBothDirections(
        "0 12 31 * *",
        "2024-01-01T00:00:00Z",
        "2024-08-01T00:00:00Z",
        ZoneOffset.UTC,
        instants(
            "2024-01-31T12:00:00Z",
            "2024-03-31T12:00:00Z",
            "2024-05-31T12:00:00Z",
            "2024-07-31T12:00:00Z"));
  }

  @Test
  void shouldFireOnlyInLeapYearsWhenDayIsFebruary29() {
    assertBothDirections(
        "0 0 29 2 *",
        "2023-01-01T00:00:00Z",
        "2105-01-01T00:00:00Z",
        ZoneOffset.UTC,
        instants(
            "2024-02-29T00:00:00Z",
            "2028-02-29T00:00:00Z",
            "2032-02-29T00:00:00Z",
            "2036-02-29T00:00:00Z",
            "2040-02-29T00:00:00Z",
            "2044-02-29T00:00:00Z",
            "2048-02-29T00:00:00Z",
            "2052-02-29T00:00:00Z",
            "2056-02-29T00:00:00Z",
            "2060-02-29T00:00:00Z",
            "2064-02-29T00:00:00Z",
            "2068-02-29T00:00:00Z",
            "2072-02-29T00:00:00Z",
            "2076-02-29T00:00:00Z",
            "2080-02-29T00:00:00Z",
            "2084-02-29T00:00:00Z",
            "2088-02-29T00:00:00Z",
            "2092-02-29T00:00:00Z",
            "2096-02-29T00:00:00Z",
            "2104-02-29T00:00:00Z"));
  }

  @Test
  void shouldMatchEitherDayFieldWhenBothAreRestricted() {
    // The 13th or any Friday: 2024-09-06 (Fri), 09-13 (Fri, 13th), 09-20, 09-27, 10-04, 10-11,
    // 10-13 (Sun, 13th).
    assertBothDirections(
        "0 0 13 * FRI",
        "2024-09-01T00:00:00Z",
        "2024-10-14T00:00:00Z",
        ZoneOffset.UTC,
        instants(
            "2024-09-06T00:00:00Z",
            "2024-09-13T00:00:00Z",
            "2024-09-20T00:00:00Z",
            "2024-09-27T00:00:00Z",
            "2024-10-04T00:00:00Z",
            "2024-10-11T00:00:00Z",
            "2024-10-13T00:00:00Z"));
  }

  @Test
  void shouldUseOnlyTheRestrictedDayFieldWhenTheOtherAllowsEveryValue() {
    // "1-31" allows every day, so only Mondays match (2024-09-02, 09-09).
    assertThat(
            between(
                "0 0 1-31 * MON", "2024-09-01T00:00:00Z", "2024-09-10T00:00:00Z", ZoneOffset.UTC))
        .containsExactlyElementsOf(instants("2024-09-02T00:00:00Z", "2024-09-09T00:00:00Z"));
    // Day-of-week "*" with day-of-month 1: only the 1st.
    assertThat(between("0 0 1 * *", "2024-09-01T00:00:00Z", "2024-11-02T00:00:00Z", ZoneOffset.UTC))
        .containsExactlyElementsOf(instants("2024-10-01T00:00:00Z", "2024-11-01T00:00:00Z"));
  }

  @Test
  void shouldBeStrictlyAfterAndBeforeWhenInstantIsAFireTime() {
    CronSchedule daily = CronSchedule.parse("0 0 * * *");
    Instant midnight = Instant.parse("2024-05-05T00:00:00Z");
    assertThat(daily.nextAfter(midnight, ZoneOffset.UTC)).isEqualTo("2024-05-06T00:00:00Z");
    assertThat(daily.previousBefore(midnight, ZoneOffset.UTC)).isEqualTo("2024-05-04T00:00:00Z");
    assertThat(daily.nextAfter(midnight.minusNanos(1), ZoneOffset.UTC)).isEqualTo(midnight);
    assertThat(daily.previousBefore(midnight.plusNanos(1), ZoneOffset.UTC)).isEqualTo(midnight);
  }

  @Test
  void shouldIncludeEndAndExcludeStartWhenListingFireTimesBetween() {
    assertThat(between("@daily", "2024-05-05T00:00:00Z", "2024-05-07T00:00:00Z", ZoneOffset.UTC))
        .containsExactlyElementsOf(instants("2024-05-06T00:00:00Z", "2024-05-07T00:00:00Z"));
    assertThat(between("@daily", "2024-05-07T00:00:00Z", "2024-05-05T00:00:00Z", ZoneOffset.UTC))
        .isEmpty();
  }

  @Test
  void shouldFollowLocalWallClockWhenZoneIsNotUtc() {
    // 09:00 in New York is 14:00Z in winter and 13:00Z in summer.
    CronSchedule nine = CronSchedule.parse("0 9 * * *");
    assertThat(nine.nextAfter(Instant.parse("2024-01-15T00:00:00Z"), NEW_YORK))
        .isEqualTo("2024-01-15T14:00:00Z");
    assertThat(nine.nextAfter(Instant.parse("2024-07-15T00:00:00Z"), NEW_YORK))
        .isEqualTo("2024-07-15T13:00:00Z");
    // A zone with a half-hour offset: 09:00 in Kolkata is 03:30Z.
    assertThat(nine.nextAfter(Instant.parse("2024-07-15T00:00:00Z"), ZoneId.of("Asia/Kolkata")))
        .isEqualTo("2024-07-15T03:30:00Z");
  }

  @Test
  void shouldFindFarAwayTimesWhenCronIsRare() {
    // How fast this is belongs to a benchmark, not to a timed test; the answers are what a test can
    // hold on any machine. Minute-by-minute scanning would need about 1.6 million steps per call.
    CronSchedule leap = CronSchedule.parse("59 23 29 2 *");
    for (int i = 0; i < 1_000; i++) {
      Instant after = Instant.parse("2001-01-01T00:00:00Z").plusSeconds(i * 3600L);
      assertThat(leap.nextAfter(after, BERLIN)).isEqualTo("2004-02-29T22:59:00Z");
    }
    assertThat(leap.nextAfter(Instant.parse("2004-02-29T22:59:00Z"), BERLIN))
        .isEqualTo("2008-02-29T22:59:00Z");
  }
}
