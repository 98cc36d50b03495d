package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimeWindowPartitionMappingTest {

  private static final PartitionContext MARCH_1 =
      PartitionContext.at(Instant.parse("2024-03-01T00:00:00Z"));
  private static final TimeWindowPartitionsDefinition HOURLY =
      TimeWindowPartitionsDefinition.hourly("2024-01-01");
  private static final TimeWindowPartitionsDefinition DAILY =
      TimeWindowPartitionsDefinition.daily("2024-01-01");
  private static final TimeWindowPartitionsDefinition DAILY_FROM_10TH =
      TimeWindowPartitionsDefinition.daily("2024-01-10");
  private static final TimeWindowPartitionsDefinition WEEKLY =
      TimeWindowPartitionsDefinition.weekly("2024-01-01");
  private static final TimeWindowPartitionsDefinition MONTHLY =
      TimeWindowPartitionsDefinition.monthly("2024-01-01");
  private static final TimeWindowPartitionsDefinition DAILY_SLASHED =
      DAILY.withFormat("yyyy/MM/dd");

  private static List<String> hoursOf(String day) {
    List<String> hours = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hours.add(String.format("%s-%02d:00", day, h));
    }
    return hours;
  }

  private static List<String> days(String first, int count) {
    List<String> days = new ArrayList<>();
    java.time.LocalDate day = java.time.LocalDate.parse(first);
    for (int i = 0; i < count; i++) {
      days.add(day.plusDays(i).toString());
    }
    return days;
  }

  /** Downstream keys, downstream definition, upstream definition, offsets, expected upstream. */
  static Stream<Arguments> upstreamTable() {
    return Stream.of(
        Arguments.of("same day", List.of("2024-01-05"), DAILY, DAILY, 0, 0, List.of("2024-01-05")),
        Arguments.of(
            "previous day", List.of("2024-01-05"), DAILY, DAILY, -1, -1, List.of("2024-01-04")),
        Arguments.of(
            "previous day of first", List.of("2024-01-01"), DAILY, DAILY, -1, -1, List.of()),
        Arguments.of(
            "previous and same day",
            List.of("2024-01-05"),
            DAILY,
            DAILY,
            -1,
            0,
            List.of("2024-01-04", "2024-01-05")),
        Arguments.of(
            "previous and same day clamped at start",
            List.of("2024-01-01"),
            DAILY,
            DAILY,
            -1,
            0,
            List.of("2024-01-01")),
        Arguments.of(
            "same and next day",
            List.of("2024-01-05"),
            DAILY,
            DAILY,
            0,
            1,
            List.of("2024-01-05", "2024-01-06")),
        Arguments.of(
            "same and next day clamped at now",
            List.of("2024-02-29"),
            DAILY,
            DAILY,
            0,
            1,
            List.of("2024-02-29")),
        Arguments.of(
            "merged windows of several keys",
            List.of("2024-01-06", "2024-01-05"),
            DAILY,
            DAILY,
            -1,
            0,
            List.of("2024-01-04", "2024-01-05", "2024-01-06")),
        Arguments.of(
            "day of hours", List.of("2024-01-05"), DAILY, HOURLY, 0, 0, hoursOf("2024-01-05")),
        Arguments.of(
            "previous day of hours",
            List.of("2024-01-05"),
            DAILY,
            HOURLY,
            -1,
            -1,
            hoursOf("2024-01-04")),
        Arguments.of(
            "hour in day", List.of("2024-01-05-13:00"), HOURLY, DAILY, 0, 0, List.of("2024-01-05")),
        Arguments.of(
            "previous hour crosses midnight",
            List.of("2024-01-05-00:00"),
            HOURLY,
            DAILY,
            -1,
            -1,
            List.of("2024-01-04")),
        Arguments.of(
            "previous hour within day",
            List.of("2024-01-05-13:00"),
            HOURLY,
            DAILY,
            -1,
            -1,
            List.of("2024-01-05")),
        Arguments.of(
            "week of days", List.of("2024-01-07"), WEEKLY, DAILY, 0, 0, days("2024-01-07", 7)),
        Arguments.of(
            "month of days", List.of("2024-02-01"), MONTHLY, DAILY, 0, 0, days("2024-02-01", 29)),
        Arguments.of(
            "day in week", List.of("2024-01-09"), DAILY, WEEKLY, 0, 0, List.of("2024-01-07")),
        Arguments.of(
            "day before upstream start",
            List.of("2024-01-05"),
            DAILY,
            DAILY_FROM_10TH,
            0,
            0,
            List.of()),
        Arguments.of(
            "day at upstream start",
            List.of("2024-01-10"),
            DAILY,
            DAILY_FROM_10TH,
            0,
            0,
            List.of("2024-01-10")),
        Arguments.of(
            "days before week start", List.of("2024-01-03"), DAILY, WEEKLY, 0, 0, List.of()),
        Arguments.of(
            "format conversion",
            List.of("2024-01-05"),
            DAILY,
            DAILY_SLASHED,
            0,
            0,
            List.of("2024/01/05")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("upstreamTable")
  void shouldMapDownstreamToOverlappingUpstreamWhenTableRow(
      String name,
      List<String> downstreamKeys,
      PartitionsDefinition downstream,
      PartitionsDefinition upstream,
      int startOffset,
      int endOffset,
      List<String> expected) {
    Set<String> actual =
        PartitionMapping.timeWindow(startOffset, endOffset)
            .upstreamKeys(downstreamKeys, downstream, upstream, MARCH_1);

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  /** Upstream keys, upstream definition, downstream definition, offsets, expected downstream. */
  static Stream<Arguments> downstreamTable() {
    List<String> fourthToFifth = new ArrayList<>(hoursOf("2024-01-04").subList(1, 24));
    fourthToFifth.add("2024-01-05-00:00");
    return Stream.of(
        Arguments.of(
            "next day", List.of("2024-01-04"), DAILY, DAILY, -1, -1, List.of("2024-01-05")),
        Arguments.of("next day after now", List.of("2024-02-29"), DAILY, DAILY, -1, -1, List.of()),
        Arguments.of(
            "same and next day",
            List.of("2024-01-04"),
            DAILY,
            DAILY,
            -1,
            0,
            List.of("2024-01-04", "2024-01-05")),
        Arguments.of(
            "hour to its day",
            List.of("2024-01-05-13:00"),
            HOURLY,
            DAILY,
            0,
            0,
            List.of("2024-01-05")),
        Arguments.of(
            "last hour to its day",
            List.of("2024-01-05-23:00"),
            HOURLY,
            DAILY,
            0,
            0,
            List.of("2024-01-05")),
        Arguments.of(
            "day to its hours", List.of("2024-01-05"), DAILY, HOURLY, 0, 0, hoursOf("2024-01-05")),
        Arguments.of(
            "day to hours an hour later",
            List.of("2024-01-04"),
            DAILY,
            HOURLY,
            -1,
            -1,
            fourthToFifth),
        Arguments.of(
            "day to its week",
            List.of("2024-01-09", "2024-01-10"),
            DAILY,
            WEEKLY,
            0,
            0,
            List.of("2024-01-07")),
        Arguments.of(
            "day before downstream start",
            List.of("2024-01-05"),
            DAILY,
            DAILY_FROM_10TH,
            0,
            0,
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("downstreamTable")
  void shouldMapUpstreamToDependentDownstreamWhenTableRow(
      String name,
      List<String> upstreamKeys,
      PartitionsDefinition upstream,
      PartitionsDefinition downstream,
      int startOffset,
      int endOffset,
      List<String> expected) {
    Set<String> actual =
        PartitionMapping.timeWindow(startOffset, endOffset)
            .downstreamKeys(upstreamKeys, upstream, downstream, MARCH_1);

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> inversePairs() {
    return Stream.of(
        Arguments.of(DAILY, DAILY, -1, -1),
        Arguments.of(DAILY, DAILY, -2, 0),
        Arguments.of(DAILY, DAILY_FROM_10TH, 0, 1),
        Arguments.of(DAILY_FROM_10TH, DAILY, -3, -1),
        Arguments.of(DAILY, HOURLY, -1, 0),
        Arguments.of(HOURLY, DAILY, 0, 0),
        Arguments.of(HOURLY, DAILY, -5, 3),
        Arguments.of(WEEKLY, DAILY, -1, 0),
        Arguments.of(DAILY, WEEKLY, 0, 2));
  }

  @ParameterizedTest
  @MethodSource("inversePairs")
  void shouldInvertExactlyWhenMappingBothWays(
      TimeWindowPartitionsDefinition downstream,
      TimeWindowPartitionsDefinition upstream,
      int startOffset,
      int endOffset) {
    var ctx = PartitionContext.at(Instant.parse("2024-01-20T00:00:00Z"));
    var mapping = PartitionMapping.timeWindow(startOffset, endOffset);

    for (String down : downstream.keys(ctx)) {
      Set<String> ups = mapping.upstreamKeys(List.of(down), downstream, upstream, ctx);
      for (String up : upstream.keys(ctx)) {
        boolean dependsOn = ups.contains(up);
        boolean feeds =
            mapping.downstreamKeys(List.of(up), upstream, downstream, ctx).contains(down);
        assertThat(feeds)
            .as("%s feeds %s iff %s depends on it", up, down, down)
            .isEqualTo(dependsOn);
      }
    }
  }

  @Test
  void shouldDropUpstreamHoursAfterNowWhenDownstreamDayInProgress() {
    var ctx = PartitionContext.at(Instant.parse("2024-03-01T05:30:00Z"));

    Set<String> upstream =
        PartitionMapping.timeWindow(0, 0)
            .upstreamKeys(List.of("2024-03-01"), DAILY.withEndOffset(1), HOURLY, ctx);

    assertThat(upstream).containsExactlyElementsOf(hoursOf("2024-03-01").subList(0, 5));
  }

  @Test
  void shouldRejectUnknownKeysWhenMapping() {
    var mapping = PartitionMapping.timeWindow(0, 0);

    assertThatThrownBy(() -> mapping.upstreamKeys(List.of("2024-03-05"), DAILY, HOURLY, MARCH_1))
        .isInstanceOf(UnknownPartitionKeyException.class)
        .hasMessageContaining("'2024-03-05'");
    assertThatThrownBy(() -> mapping.downstreamKeys(List.of("nope"), HOURLY, DAILY, MARCH_1))
        .isInstanceOf(UnknownPartitionKeyException.class);
  }

  @Test
  void shouldExplainWhenDefinitionsAreNotTimeWindows() {
    var mapping = PartitionMapping.timeWindow(-1, -1);
    var regions = StaticPartitionsDefinition.of("eu");

    assertThat(mapping.incompatibility(regions, DAILY))
        .contains(
            "the time window mapping needs time-window partitions on both sides, but the upstream"
                + " asset has static partitions; use identity(), allPartitions() or staticMap(...)"
                + " instead");
    assertThat(mapping.incompatibility(DAILY, null))
        .get()
        .asString()
        .contains("downstream asset has none");
    assertThat(mapping.incompatibility(DAILY.withTimezone(ZoneId.of("Europe/Berlin")), HOURLY))
        .contains(
            "the time zones differ (upstream Europe/Berlin, downstream UTC); as in Dagster, windows"
                + " are only related within one time zone, so give both definitions the same one");
    assertThat(mapping.incompatibility(HOURLY, DAILY)).isEmpty();
    assertThat(mapping.incompatibility(DAILY.withTimezone(ZoneId.of("Z")), DAILY)).isEmpty();
    assertThatThrownBy(() -> mapping.upstreamKeys(List.of("eu"), regions, DAILY, MARCH_1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "The time window partition mapping with offsets (-1, -1) cannot relate upstream daily"
                + " partitions from 2024-01-01 in UTC to downstream static partitions [eu]: the time"
                + " window mapping needs");
  }

  @Test
  void shouldDescribeOffsetsWhenDescribed() {
    assertThat(PartitionMapping.timeWindow(0, 0).describe())
        .isEqualTo("time window partition mapping");
    assertThat(PartitionMapping.timeWindow(-1, 0).describe())
        .isEqualTo("time window partition mapping with offsets (-1, 0)");
    assertThat(PartitionMapping.timeWindow(-1, 0)).isEqualTo(new TimeWindowPartitionMapping(-1, 0));
  }
}
