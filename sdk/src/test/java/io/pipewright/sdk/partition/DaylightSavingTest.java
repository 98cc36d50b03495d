package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hourly and daily partitions across the 2024 clock changes of Europe/Berlin (spring forward
 * 2024-03-31 02:00 to 03:00, fall back 2024-10-27 03:00 to 02:00) and America/New_York (spring
 * forward 2024-03-10 02:00 to 03:00, fall back 2024-11-03 02:00 to 01:00).
 */
class DaylightSavingTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final PartitionContext END_OF_2024 =
      PartitionContext.at(Instant.parse("2025-01-01T12:00:00Z"));

  private static TimeWindowPartitionsDefinition hourly(ZoneId zone) {
    return TimeWindowPartitionsDefinition.hourly("2024-01-01").withTimezone(zone);
  }

  private static TimeWindowPartitionsDefinition daily(ZoneId zone) {
    return TimeWindowPartitionsDefinition.daily("2024-01-01").withTimezone(zone);
  }

  private static List<String> hourlyKeysOf(ZoneId zone, String day) {
    String next = LocalDate.parse(day).plusDays(1).toString();
    return hourly(zone)
        .keysInRange(PartitionKeyRange.of(day + "-00:00", next + "-00:00"), END_OF_2024)
        .stream()
        .filter(key -> key.startsWith(day))
        .toList();
  }

  @Test
  void shouldSkipMissingHourWhenBerlinSpringsForward() {
    List<String> keys = hourlyKeysOf(BERLIN, "2024-03-31");

    assertThat(keys).hasSize(23).doesNotContain("2024-03-31-02:00");
    assertThat(keys.subList(0, 4))
        .containsExactly(
            "2024-03-31-00:00", "2024-03-31-01:00", "2024-03-31-03:00", "2024-03-31-04:00");
    assertThat(hourly(BERLIN).timeWindowFor("2024-03-31-01:00"))
        .isEqualTo(window("2024-03-31T00:00:00Z", "2024-03-31T01:00:00Z"));
    assertThat(hourly(BERLIN).timeWindowFor("2024-03-31-03:00"))
        .isEqualTo(window("2024-03-31T01:00:00Z", "2024-03-31T02:00:00Z"));
  }

  @Test
  void shouldKeyRepeatedHourWithOffsetWhenBerlinFallsBack() {
    List<String> keys = hourlyKeysOf(BERLIN, "2024-10-27");

    assertThat(keys).hasSize(25).doesNotHaveDuplicates();
    assertThat(keys.subList(1, 5))
        .containsExactly(
            "2024-10-27-01:00", "2024-10-27-02:00", "2024-10-27-02:00+0100", "2024-10-27-03:00");
    assertThat(hourly(BERLIN).timeWindowFor("2024-10-27-02:00"))
        .isEqualTo(window("2024-10-27T00:00:00Z", "2024-10-27T01:00:00Z"));
    assertThat(hourly(BERLIN).timeWindowFor("2024-10-27-02:00+0100"))
        .isEqualTo(window("2024-10-27T01:00:00Z", "2024-10-27T02:00:00Z"));
  }

  @Test
  void shouldSkipMissingHourWhenNewYorkSpringsForward() {
    List<String> keys = hourlyKeysOf(NEW_YORK, "2024-03-10");

    assertThat(keys).hasSize(23).doesNotContain("2024-03-10-02:00");
    assertThat(keys.subList(0, 4))
        .containsExactly(
            "2024-03-10-00:00", "2024-03-10-01:00", "2024-03-10-03:00", "2024-03-10-04:00");
    assertThat(hourly(NEW_YORK).timeWindowFor("2024-03-10-01:00"))
        .isEqualTo(window("2024-03-10T06:00:00Z", "2024-03-10T07:00:00Z"));
  }

  @Test
  void shouldKeyRepeatedHourWithOffsetWhenNewYorkFallsBack() {
    List<String> keys = hourlyKeysOf(NEW_YORK, "2024-11-03");

    assertThat(keys).hasSize(25).doesNotHaveDuplicates();
    assertThat(keys.subList(0, 5))
        .containsExactly(
            "2024-11-03-00:00",
            "2024-11-03-01:00",
            "2024-11-03-01:00-0500",
            "2024-11-03-02:00",
            "2024-11-03-03:00");
    assertThat(hourly(NEW_YORK).timeWindowFor("2024-11-03-01:00"))
        .isEqualTo(window("2024-11-03T05:00:00Z", "2024-11-03T06:00:00Z"));
    assertThat(hourly(NEW_YORK).timeWindowFor("2024-11-03-01:00-0500"))
        .isEqualTo(window("2024-11-03T06:00:00Z", "2024-11-03T07:00:00Z"));
    assertThat(hourly(NEW_YORK).keyFor(Instant.parse("2024-11-03T06:30:00Z")))
        .contains("2024-11-03-01:00-0500");
  }

  @Test
  void shouldAcceptOnlyTheCanonicalKeyOfAnHourWhenOffsetsAroundTheChange() {
    var newYork = hourly(NEW_YORK);

    assertThat(newYork.hasKey("2024-11-03-01:00-0500", END_OF_2024)).isTrue();
    // The first 01:00 has no suffix, 02:00 is not repeated, and 02:00 on 2024-03-10 never was.
    assertThat(newYork.hasKey("2024-11-03-01:00-0400", END_OF_2024)).isFalse();
    assertThat(newYork.hasKey("2024-11-03-02:00-0500", END_OF_2024)).isFalse();
    assertThat(newYork.hasKey("2024-03-10-02:00", END_OF_2024)).isFalse();
    assertThatThrownBy(() -> newYork.checkKey("2024-03-10-02:00", END_OF_2024))
        .isInstanceOf(UnknownPartitionKeyException.class)
        .hasMessageContaining("it is not the start of a window")
        .hasMessageContaining("Did you mean '2024-03-10-03:00'?");
  }

  static Stream<Arguments> changeDays() {
    return Stream.of(
        Arguments.of(BERLIN, "2024-03-31", 23, "2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z"),
        Arguments.of(BERLIN, "2024-10-27", 25, "2024-10-26T22:00:00Z", "2024-10-27T23:00:00Z"),
        Arguments.of(NEW_YORK, "2024-03-10", 23, "2024-03-10T05:00:00Z", "2024-03-11T04:00:00Z"),
        Arguments.of(NEW_YORK, "2024-11-03", 25, "2024-11-03T04:00:00Z", "2024-11-04T05:00:00Z"));
  }

  @ParameterizedTest
  @MethodSource("changeDays")
  void shouldSpanLocalCalendarDayWhenDailyOnChangeDay(
      ZoneId zone, String day, int hours, String start, String end) {
    TimeWindow window = daily(zone).timeWindowFor(day);

    assertThat(window).isEqualTo(window(start, end));
    assertThat(window.duration()).isEqualTo(Duration.ofHours(hours));
    assertThat(hourlyKeysOf(zone, day)).hasSize(hours);
  }

  @ParameterizedTest
  @MethodSource("changeDays")
  void shouldListEveryDayOnceWhenDailyAcrossChange(
      ZoneId zone, String day, int hours, String start, String end) {
    LocalDate date = LocalDate.parse(day);
    List<String> keys =
        daily(zone)
            .keysInRange(
                PartitionKeyRange.of(date.minusDays(2).toString(), date.plusDays(2).toString()),
                END_OF_2024);

    assertThat(keys)
        .containsExactly(
            date.minusDays(2).toString(),
            date.minusDays(1).toString(),
            day,
            date.plusDays(1).toString(),
            date.plusDays(2).toString());
    assertContiguous(
        daily(zone).windows(PartitionKeyRange.of(keys.get(0), keys.get(4)), END_OF_2024));
  }

  @ParameterizedTest
  @MethodSource("zones")
  void shouldKeepHourlyWindowsContiguousAndUniqueWhenWholeYear(ZoneId zone) {
    var hourly = hourly(zone);
    List<String> keys =
        hourly.keys(END_OF_2024).stream().filter(key -> key.startsWith("2024")).toList();
    List<TimeWindow> windows =
        hourly.windows(PartitionKeyRange.of(keys.get(0), keys.get(keys.size() - 1)), END_OF_2024);

    assertThat(new HashSet<>(keys)).hasSize(keys.size());
    assertThat(windows).hasSameSizeAs(keys);
    assertThat(windows).allSatisfy(w -> assertThat(w.duration()).isEqualTo(Duration.ofHours(1)));
    assertContiguous(windows);
    // 2024 is a leap year: 366 local days, one 23-hour and one 25-hour day among them.
    Map<String, Integer> hoursPerDay = new TreeMap<>();
    keys.forEach(key -> hoursPerDay.merge(key.substring(0, 10), 1, Integer::sum));
    assertThat(hoursPerDay).hasSize(366);
    assertThat(hoursPerDay.values().stream().filter(n -> n == 23)).hasSize(1);
    assertThat(hoursPerDay.values().stream().filter(n -> n == 25)).hasSize(1);
    assertThat(hoursPerDay.values().stream().filter(n -> n == 24)).hasSize(364);
    // Every key reads back as its own window.
    for (int i = 0; i < keys.size(); i++) {
      assertThat(hourly.timeWindowFor(keys.get(i))).isEqualTo(windows.get(i));
    }
  }

  @ParameterizedTest
  @MethodSource("zones")
  void shouldKeepDailyWindowsContiguousWhenWholeYear(ZoneId zone) {
    var daily = daily(zone);
    List<String> keys = daily.keys(END_OF_2024);
    List<TimeWindow> windows =
        daily.windows(PartitionKeyRange.of("2024-01-01", "2024-12-31"), END_OF_2024);

    assertThat(keys).hasSize(366).doesNotHaveDuplicates();
    assertContiguous(windows);
    assertThat(windows.stream().filter(w -> w.duration().equals(Duration.ofHours(23)))).hasSize(1);
    assertThat(windows.stream().filter(w -> w.duration().equals(Duration.ofHours(25)))).hasSize(1);
  }

  static Stream<ZoneId> zones() {
    return Stream.of(BERLIN, NEW_YORK);
  }

  @Test
  void shouldMoveStartAfterGapWhenDailyHourOffsetIsSkipped() {
    // 02:30 does not exist in New York on 2024-03-10: that day starts at 03:00 EDT, as Dagster's
    // schedules run at the next time that exists.
    var daily = daily(NEW_YORK).withHourOffset(2).withMinuteOffset(30);

    assertThat(daily.timeWindowFor("2024-03-09"))
        .isEqualTo(window("2024-03-09T07:30:00Z", "2024-03-10T07:00:00Z"));
    assertThat(daily.timeWindowFor("2024-03-10"))
        .isEqualTo(window("2024-03-10T07:00:00Z", "2024-03-11T06:30:00Z"));
  }

  @Test
  void shouldTakeFirstOccurrenceWhenDailyHourOffsetIsRepeated() {
    var daily = daily(NEW_YORK).withHourOffset(1).withMinuteOffset(30);

    assertThat(daily.timeWindowFor("2024-11-03"))
        .isEqualTo(window("2024-11-03T05:30:00Z", "2024-11-04T06:30:00Z"));
    assertThat(daily.timeWindowFor("2024-11-03").duration()).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void shouldCountHoursByInstantWhenNowFallsInRepeatedHour() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2024-11-03").withTimezone(NEW_YORK);

    // 06:30Z is 01:30 EST, in the second pass through 01:00-02:00.
    assertThat(hourly.keys(PartitionContext.at(Instant.parse("2024-11-03T06:30:00Z"))))
        .containsExactly("2024-11-03-00:00", "2024-11-03-01:00");
    assertThat(
            hourly
                .withEndOffset(1)
                .keys(PartitionContext.at(Instant.parse("2024-11-03T06:30:00Z"))))
        .containsExactly("2024-11-03-00:00", "2024-11-03-01:00", "2024-11-03-01:00-0500");
  }

  @Test
  void shouldMapDailyToHoursOfItsDayWhenDayHas25Hours() {
    List<String> upstream =
        List.copyOf(
            PartitionMapping.timeWindow(0, 0)
                .upstreamKeys(List.of("2024-10-27"), daily(BERLIN), hourly(BERLIN), END_OF_2024));

    assertThat(upstream).hasSize(25).contains("2024-10-27-02:00+0100");
    assertThat(
            PartitionMapping.timeWindow(0, 0)
                .downstreamKeys(
                    List.of("2024-10-27-02:00+0100"), hourly(BERLIN), daily(BERLIN), END_OF_2024))
        .containsExactly("2024-10-27");
  }

  @Test
  void shouldHaveNoWindowForSkippedDayWhenZoneSkipsACalendarDay() {
    // Samoa moved across the date line: 2011-12-30 never happened in Pacific/Apia.
    var daily =
        TimeWindowPartitionsDefinition.daily("2011-12-27").withTimezone(ZoneId.of("Pacific/Apia"));
    var ctx = PartitionContext.at(Instant.parse("2012-01-05T00:00:00Z"));

    assertThat(daily.keysInRange(PartitionKeyRange.of("2011-12-28", "2012-01-02"), ctx))
        .containsExactly("2011-12-28", "2011-12-29", "2011-12-31", "2012-01-01", "2012-01-02");
    assertThat(daily.timeWindowFor("2011-12-29").duration()).isEqualTo(Duration.ofHours(24));
    assertThat(daily.hasKey("2011-12-30", ctx)).isFalse();
    assertThat(daily.size(ctx)).isEqualTo(daily.keys(ctx).size());
  }

  private static void assertContiguous(List<TimeWindow> windows) {
    for (int i = 1; i < windows.size(); i++) {
      assertThat(windows.get(i).start())
          .as("window %d starts where window %d ends", i, i - 1)
          .isEqualTo(windows.get(i - 1).end());
    }
  }

  private static TimeWindow window(String start, String end) {
    return new TimeWindow(Instant.parse(start), Instant.parse(end));
  }
}
