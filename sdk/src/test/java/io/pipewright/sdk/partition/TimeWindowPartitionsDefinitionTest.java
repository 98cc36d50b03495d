package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeWindowPartitionsDefinitionTest {

  private static PartitionContext at(String instant) {
    return PartitionContext.at(Instant.parse(instant));
  }

  @Test
  void shouldListCompleteHoursWhenHourly() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2024-01-01-00:00");

    assertThat(hourly.keys(at("2024-01-01T03:30:00Z")))
        .containsExactly("2024-01-01-00:00", "2024-01-01-01:00", "2024-01-01-02:00");
    assertThat(hourly.size(at("2024-01-01T03:30:00Z"))).isEqualTo(3);
  }

  @Test
  void shouldIncludeWindowEndingExactlyAtNowWhenNowIsABoundary() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2024-01-01-00:00");

    assertThat(hourly.keys(at("2024-01-01T02:00:00Z")))
        .containsExactly("2024-01-01-00:00", "2024-01-01-01:00");
  }

  @Test
  void shouldAcceptIsoDateAsStartWhenHourly() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2024-01-01");

    assertThat(hourly.keys(at("2024-01-01T02:00:00Z")))
        .containsExactly("2024-01-01-00:00", "2024-01-01-01:00");
  }

  @Test
  void shouldStartAtNextFullHourWhenStartIsMidHour() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2024-01-01-00:30");

    assertThat(hourly.keys(at("2024-01-01T03:00:00Z")))
        .containsExactly("2024-01-01-01:00", "2024-01-01-02:00");
  }

  @Test
  void shouldStartWindowsPastTheHourWhenMinuteOffset() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2024-01-01").withMinuteOffset(15);

    assertThat(hourly.keys(at("2024-01-01T03:00:00Z")))
        .containsExactly("2024-01-01-00:15", "2024-01-01-01:15");
    assertThat(hourly.timeWindowFor("2024-01-01-01:15"))
        .isEqualTo(
            new TimeWindow(
                Instant.parse("2024-01-01T01:15:00Z"), Instant.parse("2024-01-01T02:15:00Z")));
    assertThat(hourly.hasKey("2024-01-01-01:00", at("2024-01-02T00:00:00Z"))).isFalse();
  }

  @Test
  void shouldListCompleteDaysWhenDaily() {
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-01");

    assertThat(daily.keys(at("2024-01-04T12:00:00Z")))
        .containsExactly("2024-01-01", "2024-01-02", "2024-01-03");
  }

  @Test
  void shouldHaveNoPartitionsWhenFirstWindowHasNotEnded() {
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-01");

    assertThat(daily.keys(at("2024-01-01T23:59:59Z"))).isEmpty();
    assertThat(daily.size(at("2024-01-01T23:59:59Z"))).isZero();
    assertThat(daily.keys(at("2023-06-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void shouldStartDaysAtOffsetWhenHourAndMinuteOffset() {
    var daily =
        TimeWindowPartitionsDefinition.daily("2024-01-01").withHourOffset(6).withMinuteOffset(30);

    assertThat(daily.keys(at("2024-01-03T07:00:00Z"))).containsExactly("2024-01-01", "2024-01-02");
    assertThat(daily.timeWindowFor("2024-01-02"))
        .isEqualTo(
            new TimeWindow(
                Instant.parse("2024-01-02T06:30:00Z"), Instant.parse("2024-01-03T06:30:00Z")));
    assertThat(daily.keyFor(Instant.parse("2024-01-02T06:29:59Z"))).contains("2024-01-01");
  }

  @Test
  void shouldStartWeeksOnSundayWhenWeeklyByDefault() {
    // 2024-01-01 is a Monday: the first week starts on Sunday 2024-01-07.
    var weekly = TimeWindowPartitionsDefinition.weekly("2024-01-01");

    assertThat(weekly.keys(at("2024-01-28T00:00:00Z")))
        .containsExactly("2024-01-07", "2024-01-14", "2024-01-21");
    assertThat(weekly.timeWindowFor("2024-01-07").duration()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void shouldStartWeeksOnOffsetDayWhenDayOffset() {
    var mondays = TimeWindowPartitionsDefinition.weekly("2024-01-01").withDayOffset(1);
    var saturdays = TimeWindowPartitionsDefinition.weekly("2024-01-01").withDayOffset(6);

    assertThat(mondays.keys(at("2024-01-22T00:00:00Z")))
        .containsExactly("2024-01-01", "2024-01-08", "2024-01-15");
    assertThat(saturdays.keys(at("2024-01-20T00:00:00Z")))
        .containsExactly("2024-01-06", "2024-01-13");
  }

  @Test
  void shouldStartMonthsOnFirstWhenMonthly() {
    var monthly = TimeWindowPartitionsDefinition.monthly("2024-01-15");

    assertThat(monthly.keys(at("2024-05-01T00:00:00Z")))
        .containsExactly("2024-02-01", "2024-03-01", "2024-04-01");
    assertThat(monthly.timeWindowFor("2024-02-01").duration()).isEqualTo(Duration.ofDays(29));
  }

  @Test
  void shouldStartMonthsOnOffsetDayWhenDayOffset() {
    var monthly =
        TimeWindowPartitionsDefinition.monthly("2024-01-01").withDayOffset(5).withHourOffset(3);

    assertThat(monthly.keys(at("2024-03-05T03:00:00Z")))
        .containsExactly("2024-01-05", "2024-02-05");
    assertThat(monthly.timeWindowFor("2024-02-05"))
        .isEqualTo(
            new TimeWindow(
                Instant.parse("2024-02-05T03:00:00Z"), Instant.parse("2024-03-05T03:00:00Z")));
  }

  @Test
  void shouldAddAndRemoveWindowsWhenEndOffset() {
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-01");
    var ctx = at("2024-01-05T12:00:00Z");

    assertThat(daily.keys(ctx))
        .containsExactly("2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04");
    assertThat(daily.withEndOffset(1).keys(ctx)).endsWith("2024-01-04", "2024-01-05").hasSize(5);
    assertThat(daily.withEndOffset(2).keys(ctx)).endsWith("2024-01-05", "2024-01-06").hasSize(6);
    assertThat(daily.withEndOffset(-1).keys(ctx))
        .containsExactly("2024-01-01", "2024-01-02", "2024-01-03");
    assertThat(daily.withEndOffset(-10).keys(ctx)).isEmpty();
    assertThat(daily.withEndOffset(1).size(ctx)).isEqualTo(5);
  }

  @Test
  void shouldIncludeInProgressWindowWhenEndOffsetOneAndNothingEndedYet() {
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-01").withEndOffset(1);

    assertThat(daily.keys(at("2024-01-01T10:00:00Z"))).containsExactly("2024-01-01");
  }

  @Test
  void shouldStopBeforeEndWhenEndIsSet() {
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-01").withEnd("2024-01-04");

    assertThat(daily.keys(at("2030-01-01T00:00:00Z")))
        .containsExactly("2024-01-01", "2024-01-02", "2024-01-03");
    assertThat(daily.keys(at("2024-01-03T00:00:00Z"))).containsExactly("2024-01-01", "2024-01-02");
    assertThat(daily.withEndOffset(2).keys(at("2024-01-03T00:00:00Z")))
        .containsExactly("2024-01-01", "2024-01-02", "2024-01-03");
    assertThat(daily.withEndOffset(-1).keys(at("2030-01-01T00:00:00Z")))
        .containsExactly("2024-01-01", "2024-01-02");
    assertThat(daily.keyFor(Instant.parse("2024-01-04T00:00:00Z"))).isEmpty();
    assertThat(daily.keyFor(Instant.parse("2024-01-03T23:59:59Z"))).contains("2024-01-03");
  }

  @Test
  void shouldDropPartialLastWindowWhenEndIsInsideAWindow() {
    var weekly = TimeWindowPartitionsDefinition.weekly("2024-01-07").withEnd("2024-01-25");

    assertThat(weekly.keys(at("2030-01-01T00:00:00Z"))).containsExactly("2024-01-07", "2024-01-14");
  }

  @Test
  void shouldFormatKeysWhenCustomFormat() {
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-30").withFormat("yyyy/MM/dd");

    assertThat(daily.keys(at("2024-02-02T00:00:00Z")))
        .containsExactly("2024/01/30", "2024/01/31", "2024/02/01");
    assertThat(daily.timeWindowFor("2024/02/01").start())
        .isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
    assertThat(daily.hasKey("2024-02-01", at("2024-02-02T00:00:00Z"))).isFalse();
  }

  @Test
  void shouldReadStartInCustomFormatWhenFormatSetFirst() {
    var daily =
        TimeWindowPartitionsDefinition.daily("2024-01-30")
            .withFormat("dd.MM.yyyy")
            .withEnd("01.02.2024");

    assertThat(daily.keys(at("2030-01-01T00:00:00Z"))).containsExactly("30.01.2024", "31.01.2024");
  }

  @Test
  void shouldFormatMonthsWhenMonthOnlyFormat() {
    var monthly = TimeWindowPartitionsDefinition.monthly("2024-01-01").withFormat("yyyy-MM");

    assertThat(monthly.keys(at("2024-04-01T00:00:00Z")))
        .containsExactly("2024-01", "2024-02", "2024-03");
    assertThat(monthly.timeWindowFor("2024-02").end())
        .isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
  }

  @Test
  void shouldUseFormatterWhenPatternHasTextFields() {
    var monthly = TimeWindowPartitionsDefinition.monthly("2024-01-01").withFormat("MMM yyyy");

    assertThat(monthly.keys(at("2024-03-01T00:00:00Z"))).containsExactly("Jan 2024", "Feb 2024");
    assertThat(monthly.hasKey("Feb 2024", at("2024-03-01T00:00:00Z"))).isTrue();
    assertThat(monthly.hasKey("Mar 2024", at("2024-03-01T00:00:00Z"))).isFalse();
  }

  @Test
  void shouldNotAppendOffsetWhenFormatPrintsOffset() {
    var hourly =
        TimeWindowPartitionsDefinition.hourly("2024-11-03")
            .withFormat("yyyy-MM-dd'T'HH:mmxxx")
            .withTimezone(ZoneId.of("America/New_York"));

    assertThat(hourly.keys(at("2024-11-03T07:00:00Z")))
        .containsExactly(
            "2024-11-03T00:00-04:00", "2024-11-03T01:00-04:00", "2024-11-03T01:00-05:00");
  }

  @Test
  void shouldReturnWindowOfKeyWhenTimeWindowFor() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2024-01-01");

    assertThat(hourly.timeWindowFor("2024-01-01-05:00"))
        .isEqualTo(
            new TimeWindow(
                Instant.parse("2024-01-01T05:00:00Z"), Instant.parse("2024-01-01T06:00:00Z")));
    // "Now" is not consulted: a window far in the future has a window too.
    assertThat(hourly.timeWindowFor("2090-01-01-05:00").start())
        .isEqualTo(Instant.parse("2090-01-01T05:00:00Z"));
  }

  @Test
  void shouldRejectKeyBeforeStartWhenTimeWindowFor() {
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-01");

    assertThatThrownBy(() -> daily.timeWindowFor("2023-12-31"))
        .isInstanceOf(UnknownPartitionKeyException.class)
        .hasMessageContaining("it is before the first partition")
        .hasMessageContaining("Keys are window starts from 2024-01-01");
    assertThatThrownBy(() -> daily.timeWindowFor("2024-01-01-00:00"))
        .isInstanceOf(UnknownPartitionKeyException.class);
  }

  @Test
  void shouldFindKeyOfContainingWindowWhenKeyFor() {
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-01");

    assertThat(daily.keyFor(Instant.parse("2024-01-05T13:00:00Z"))).contains("2024-01-05");
    assertThat(daily.keyFor(Instant.parse("2024-01-05T00:00:00Z"))).contains("2024-01-05");
    assertThat(daily.keyFor(Instant.parse("2023-12-31T23:59:59Z"))).isEmpty();
  }

  @Test
  void shouldListWindowsWhenRangeGiven() {
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-01");
    var ctx = at("2024-02-01T00:00:00Z");

    List<TimeWindow> windows = daily.windows(PartitionKeyRange.of("2024-01-02", "2024-01-04"), ctx);

    assertThat(windows)
        .extracting(TimeWindow::start)
        .containsExactly(
            Instant.parse("2024-01-02T00:00:00Z"),
            Instant.parse("2024-01-03T00:00:00Z"),
            Instant.parse("2024-01-04T00:00:00Z"));
    assertThat(windows.get(2).end()).isEqualTo(Instant.parse("2024-01-05T00:00:00Z"));
  }

  @Test
  void shouldDescribeWithStartAndZoneWhenDescribed() {
    assertThat(
            TimeWindowPartitionsDefinition.daily("2024-01-01")
                .withTimezone(ZoneId.of("Europe/Berlin"))
                .describe())
        .isEqualTo("daily partitions from 2024-01-01 in Europe/Berlin");
    assertThat(
            TimeWindowPartitionsDefinition.weekly("2024-01-01")
                .withDayOffset(1)
                .withEnd("2025-01-01")
                .withEndOffset(1)
                .withFormat("yyyy/MM/dd")
                .describe())
        .isEqualTo(
            "weekly partitions from 2024-01-01 in UTC, weeks starting Monday at 00:00, until"
                + " 2025-01-01, end offset 1, keys formatted yyyy/MM/dd");
    assertThat(TimeWindowPartitionsDefinition.hourly("2024-01-01").withMinuteOffset(5).toString())
        .isEqualTo("hourly partitions from 2024-01-01 in UTC, windows starting at minute 5");
  }

  @Test
  void shouldExposeSettingsWhenAccessorsCalled() {
    var def =
        TimeWindowPartitionsDefinition.monthly("2024-01-01")
            .withDayOffset(3)
            .withHourOffset(4)
            .withMinuteOffset(5)
            .withEndOffset(-1)
            .withEnd("2025-01-01")
            .withTimezone(ZoneId.of("Asia/Tokyo"));

    assertThat(def.scheduleType()).isEqualTo(ScheduleType.MONTHLY);
    assertThat(def.start()).isEqualTo("2024-01-01");
    assertThat(def.end()).contains("2025-01-01");
    assertThat(def.timezone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(def.format()).isEqualTo("yyyy-MM-dd");
    assertThat(def.dayOffset()).isEqualTo(3);
    assertThat(def.hourOffset()).isEqualTo(4);
    assertThat(def.minuteOffset()).isEqualTo(5);
    assertThat(def.endOffset()).isEqualTo(-1);
    assertThat(def.withEnd(null).end()).isEmpty();
  }

  @Test
  void shouldBeEqualWhenSameWindowsAndBounds() {
    var a = TimeWindowPartitionsDefinition.daily("2024-01-01");
    var b = TimeWindowPartitionsDefinition.daily("2024-01-01").withFormat("yyyy-MM-dd");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(a.withEndOffset(1));
    assertThat(a).isNotEqualTo(a.withTimezone(ZoneId.of("Europe/Berlin")));
    assertThat(a).isNotEqualTo(TimeWindowPartitionsDefinition.daily("2024-01-02"));
  }

  @Test
  void shouldRejectUnreadableStartWhenCreated() {
    assertThatThrownBy(() -> TimeWindowPartitionsDefinition.daily("01/02/2024"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Start '01/02/2024' of daily partitions is not a time in format yyyy-MM-dd, e.g."
                + " \"2024-01-01\"");
    assertThatThrownBy(() -> TimeWindowPartitionsDefinition.hourly("2024-02-30"))
        .hasMessageContaining("yyyy-MM-dd-HH:mm or yyyy-MM-dd");
    assertThatThrownBy(() -> TimeWindowPartitionsDefinition.daily(" "))
        .hasMessageContaining("must not be blank");
  }

  @Test
  void shouldRejectEndNotAfterStartWhenEndSet() {
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-01");

    assertThatThrownBy(() -> daily.withEnd("2024-01-01"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("End '2024-01-01' of daily partitions from 2024-01-01 in UTC")
        .hasMessageContaining("is not after its start '2024-01-01'");
    assertThatThrownBy(() -> daily.withEnd("soon")).hasMessageContaining("End 'soon'");
  }

  @Test
  void shouldRejectOffsetsOutOfRangeWhenSet() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2024-01-01");
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-01");

    assertThatThrownBy(() -> hourly.withMinuteOffset(60)).hasMessageContaining("must be 0 to 59");
    assertThatThrownBy(() -> hourly.withHourOffset(1))
        .hasMessageContaining("Hourly partitions have no hour offset");
    assertThatThrownBy(() -> daily.withHourOffset(24)).hasMessageContaining("must be 0 to 23");
    assertThatThrownBy(() -> daily.withDayOffset(1))
        .hasMessageContaining("daily partitions have no day offset");
    assertThatThrownBy(() -> TimeWindowPartitionsDefinition.weekly("2024-01-01").withDayOffset(7))
        .hasMessageContaining("0 (Sunday) to 6 (Saturday)");
    assertThatThrownBy(() -> TimeWindowPartitionsDefinition.monthly("2024-01-01").withDayOffset(29))
        .hasMessageContaining("must be 1 to 28");
    assertThatThrownBy(() -> TimeWindowPartitionsDefinition.monthly("2024-01-01").withDayOffset(0))
        .hasMessageContaining("must be 1 to 28");
  }

  @Test
  void shouldRejectFormatsThatCannotTellWindowsApartWhenFormatSet() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2024-01-01");

    assertThatThrownBy(() -> hourly.withFormat("yyyy-MM-dd"))
        .hasMessageContaining("lacks an hour of day (HH)");
    assertThatThrownBy(
            () -> TimeWindowPartitionsDefinition.daily("2024-01-01").withFormat("yyyy-MM"))
        .hasMessageContaining("lacks a month and day");
    assertThatThrownBy(
            () -> TimeWindowPartitionsDefinition.monthly("2024-01-01").withFormat("yyyy"))
        .hasMessageContaining("lacks a month (MM)");
    assertThatThrownBy(() -> hourly.withFormat("MM-dd HH")).hasMessageContaining("lacks a year");
  }

  @Test
  void shouldRejectBadPatternsWhenFormatSet() {
    var daily = TimeWindowPartitionsDefinition.daily("2024-01-01");

    assertThatThrownBy(() -> daily.withFormat("YYYY-MM-dd"))
        .hasMessageContaining("week-based year");
    assertThatThrownBy(() -> daily.withFormat("yyyy|MM|dd"))
        .hasMessageContaining("contains '|' or ','");
    assertThatThrownBy(() -> daily.withFormat("yyyy-MM-dd, EEE"))
        .hasMessageContaining("contains '|' or ','");
    assertThatThrownBy(() -> daily.withFormat("yyyy-MM-dd'"))
        .hasMessageContaining("is not a valid java.time pattern");
    assertThatThrownBy(() -> daily.withFormat(" ")).hasMessageContaining("is blank");
  }
}
