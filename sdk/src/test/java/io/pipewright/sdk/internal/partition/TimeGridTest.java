package io.pipewright.sdk.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the grids' arithmetic against a slow reference built from {@code ZonedDateTime}, in zones
 * chosen for their oddities: 30-minute DST (Lord Howe), DST at midnight (Sao Paulo 2018), a skipped
 * day (Apia 2011), half-hour offsets (Kolkata, St John's), and the usual suspects.
 */
class TimeGridTest {

  private static final Instant FROM = Instant.parse("2011-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2012-12-31T00:00:00Z");

  static Stream<Arguments> zones() {
    return Stream.of(
            "UTC",
            "Europe/Berlin",
            "America/New_York",
            "Australia/Lord_Howe",
            "America/Sao_Paulo",
            "Pacific/Apia",
            "Asia/Kolkata",
            "America/St_Johns")
        .map(id -> Arguments.of(ZoneId.of(id)));
  }

  /** Reference hourly boundaries: every whole minute whose local time is HH:minute:00. */
  private static List<Long> hourlyReference(ZoneId zone, int minute, Instant from, Instant to) {
    List<Long> boundaries = new ArrayList<>();
    for (long t = from.getEpochSecond(); t < to.getEpochSecond(); t += 60) {
      LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochSecond(t), zone);
      if (local.getMinute() == minute && local.getSecond() == 0) {
        boundaries.add(t);
      }
    }
    return boundaries;
  }

  /** Reference calendar boundaries: one per aligned local date, gap to its end, overlap first. */
  private static List<Long> calendarReference(
      ZoneId zone, CalendarGrid.Period period, int hour, int minute, int day) {
    ZoneRules rules = zone.getRules();
    List<Long> boundaries = new ArrayList<>();
    for (LocalDate date = LocalDate.of(2010, 12, 1);
        date.isBefore(LocalDate.of(2013, 2, 1));
        date = date.plusDays(1)) {
      boolean aligned =
          switch (period) {
            case DAY -> true;
            case WEEK -> date.getDayOfWeek().getValue() % 7 == day;
            case MONTH -> date.getDayOfMonth() == day;
          };
      if (!aligned) {
        continue;
      }
      LocalDateTime local = date.atTime(hour, minute);
      List<ZoneOffset> offsets = rules.getValidOffsets(local);
      long instant =
          offsets.isEmpty()
              ? rules.getTransition(local).toEpochSecond()
              : ZonedDateTime.ofLocal(local, zone, null)
                  .withEarlierOffsetAtOverlap()
                  .toEpochSecond();
      // A skipped day (Apia, 2011-12-30) resolves to the same instant as the next: no window.
      if (boundaries.isEmpty() || boundaries.get(boundaries.size() - 1) != instant) {
        boundaries.add(instant);
      }
    }
    return boundaries;
  }

  @ParameterizedTest
  @MethodSource("zones")
  void shouldMatchReferenceWhenHourly(ZoneId zone) {
    for (int minute : new int[] {0, 30}) {
      TimeGrid grid = new HourlyGrid(new Zones(zone.getRules()), minute);
      List<Long> reference = hourlyReference(zone, minute, FROM, TO);

      checkAgainstReference(grid, reference);
    }
  }

  @ParameterizedTest
  @MethodSource("zones")
  void shouldMatchReferenceWhenDaily(ZoneId zone) {
    for (int[] time : new int[][] {{0, 0}, {2, 30}, {23, 45}}) {
      TimeGrid grid =
          new CalendarGrid(
              new Zones(zone.getRules()), CalendarGrid.Period.DAY, time[0], time[1], 0);

      checkAgainstReference(
          grid, calendarReference(zone, CalendarGrid.Period.DAY, time[0], time[1], 0));
    }
  }

  @ParameterizedTest
  @MethodSource("zones")
  void shouldMatchReferenceWhenWeeklyAndMonthly(ZoneId zone) {
    Zones zones = new Zones(zone.getRules());
    for (int day = 0; day < 7; day += 3) {
      checkAgainstReference(
          new CalendarGrid(zones, CalendarGrid.Period.WEEK, 0, 0, day),
          calendarReference(zone, CalendarGrid.Period.WEEK, 0, 0, day));
    }
    for (int day : new int[] {1, 15, 28}) {
      checkAgainstReference(
          new CalendarGrid(zones, CalendarGrid.Period.MONTH, 1, 0, day),
          calendarReference(zone, CalendarGrid.Period.MONTH, 1, 0, day));
    }
  }

  private static void checkAgainstReference(TimeGrid grid, List<Long> reference) {
    // Leave a margin so that every probe below has reference neighbours on both sides.
    List<Long> inner = reference.subList(3, reference.size() - 3);
    long from = inner.get(0);
    long to = inner.get(inner.size() - 1);

    List<Long> visited = new ArrayList<>();
    grid.forEach(from, to, (b, offset, repeated) -> visited.add(b));
    assertThat(visited).isEqualTo(inner.subList(0, inner.size() - 1));
    assertThat(grid.count(from, to)).isEqualTo(inner.size() - 1);

    Random random = new Random(42);
    for (int probe = 0; probe < 2000; probe++) {
      int i = 3 + random.nextInt(reference.size() - 8);
      long b = reference.get(i);
      assertThat(grid.ceil(b)).isEqualTo(b);
      assertThat(grid.floor(b)).isEqualTo(b);
      assertThat(grid.next(b)).isEqualTo(reference.get(i + 1));
      assertThat(grid.previous(b)).isEqualTo(reference.get(i - 1));
      int n = random.nextInt(5) - 2;
      assertThat(grid.shift(b, n)).isEqualTo(reference.get(i + n));
      long between = b + 1 + (long) (random.nextDouble() * (reference.get(i + 1) - b - 1));
      if (between < reference.get(i + 1)) {
        assertThat(grid.ceil(between)).isEqualTo(reference.get(i + 1));
        assertThat(grid.floor(between)).isEqualTo(b);
      }
    }
    // Long shifts cross many stretches.
    int middle = reference.size() / 2;
    assertThat(grid.shift(reference.get(3), middle - 3)).isEqualTo(reference.get(middle));
    assertThat(grid.shift(reference.get(middle), 3 - middle)).isEqualTo(reference.get(3));
  }

  @ParameterizedTest
  @MethodSource("zones")
  void shouldFlagSecondPassThroughRepeatedHourWhenHourly(ZoneId zone) {
    TimeGrid grid = new HourlyGrid(new Zones(zone.getRules()), 0);
    List<Boolean> flags = new ArrayList<>();
    List<Long> boundaries = new ArrayList<>();
    grid.forEach(
        FROM.getEpochSecond(),
        TO.getEpochSecond(),
        (b, offset, repeated) -> {
          boundaries.add(b);
          flags.add(repeated);
          assertThat(offset)
              .isEqualTo(zone.getRules().getOffset(Instant.ofEpochSecond(b)).getTotalSeconds());
        });

    for (int i = 0; i < boundaries.size(); i++) {
      ZonedDateTime at = Instant.ofEpochSecond(boundaries.get(i)).atZone(zone);
      boolean expected = !at.withEarlierOffsetAtOverlap().toInstant().equals(at.toInstant());
      assertThat(flags.get(i)).as("repeated flag at %s", at).isEqualTo(expected);
      assertThat(grid.isRepeatedLocalTime(boundaries.get(i))).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("zones")
  void shouldAlignWeeksOnSundayWhenDayOffsetZero(ZoneId zone) {
    TimeGrid grid = new CalendarGrid(new Zones(zone.getRules()), CalendarGrid.Period.WEEK, 0, 0, 0);
    long b = grid.ceil(FROM.getEpochSecond());

    DayOfWeek day = Instant.ofEpochSecond(b).atZone(zone).getDayOfWeek();

    // Apia skipped Friday 2011-12-30; everywhere else a week starts on Sunday.
    assertThat(day).isEqualTo(DayOfWeek.SUNDAY);
  }
}
