package io.pipewright.sdk.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Compares the field-jumping search with a slow reference that walks every local minute and applies
 * the daylight-saving rules directly, for random expressions and instants (fixed seed).
 */
class CronScheduleReferenceTest {
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Australia/Lord_Howe")); // half-hour daylight saving

  /** A random expression that fires at least every few weeks, so the reference stays fast. */
  private static String randomExpression(Random random) {
    String minute = random.nextBoolean() ? "*/" + (1 + random.nextInt(30)) : pick(random, 0, 59, 3);
    String hour =
        switch (random.nextInt(3)) {
          case 0 -> "*";
          case 1 -> pick(random, 0, 23, 3);
          default -> random.nextInt(3) + "-" + (2 + random.nextInt(3));
        };
    String dom = random.nextInt(3) == 0 ? pick(random, 1, 31, 4) : "*";
    String dow = random.nextInt(3) == 0 ? pick(random, 0, 6, 2) : "*";
    return minute + " " + hour + " " + dom + " * " + dow;
  }

  private static String pick(Random random, int min, int max, int count) {
    TreeSet<Integer> values = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      values.add(min + random.nextInt(max - min + 1));
    }
    return String.join(",", values.stream().map(String::valueOf).toList());
  }

  /** The expression's fields as lookup tables, read by the simplest possible parser. */
  private record Fields(
      boolean[] minutes, boolean[] hours, boolean[] days, boolean[] weekdays, boolean dayOr) {
    static Fields of(String expression) {
      String[] f = expression.split(" ");
      return new Fields(
          table(f[0], 60),
          table(f[1], 24),
          table(f[2], 32),
          table(f[4], 7),
          !f[2].equals("*") && !f[4].equals("*"));
    }

    boolean matches(LocalDateTime t) {
      boolean dom = days[t.getDayOfMonth()];
      boolean dow =
          weekdays[t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue()];
      return minutes[t.getMinute()] && hours[t.getHour()] && (dayOr ? dom || dow : dom && dow);
    }
  }

  private static boolean[] table(String text, int size) {
    boolean[] table = new boolean[size];
    for (int v = 0; v < size; v++) {
      table[v] = field(text, v);
    }
    return table;
  }

  private static boolean field(String text, int value) {
    if (text.equals("*")) {
      return true;
    }
    if (text.startsWith("*/")) {
      return value % Integer.parseInt(text.substring(2)) == 0;
    }
    if (text.contains("-")) {
      String[] range = text.split("-");
      return value >= Integer.parseInt(range[0]) && value <= Integer.parseInt(range[1]);
    }
    for (String v : text.split(",")) {
      if (Integer.parseInt(v) == value) {
        return true;
      }
    }
    return false;
  }

  /** The fire times of local minutes in [from, to), by the documented rules. */
  private static TreeSet<Long> reference(
      String expression, LocalDateTime from, LocalDateTime to, ZoneRules rules) {
    boolean everyHour = expression.split(" ")[1].equals("*");
    Fields fields = Fields.of(expression);
    TreeSet<Long> times = new TreeSet<>();
    for (LocalDateTime t = from; t.isBefore(to); t = t.plusMinutes(1)) {
      if (!fields.matches(t)) {
        continue;
      }
      List<ZoneOffset> offsets = rules.getValidOffsets(t);
      if (offsets.isEmpty()) {
        if (!everyHour) {
          times.add(rules.getTransition(t).getInstant().getEpochSecond());
        }
      } else if (offsets.size() == 1 || !everyHour) {
        // The later occurrence: the smaller offset.
        ZoneOffset later = offsets.size() == 1 ? offsets.get(0) : min(offsets);
        times.add(t.toEpochSecond(later));
      } else {
        times.add(t.toEpochSecond(offsets.get(0)));
        times.add(t.toEpochSecond(offsets.get(1)));
      }
    }
    return times;
  }

  private static ZoneOffset min(List<ZoneOffset> offsets) {
    return offsets.get(0).getTotalSeconds() < offsets.get(1).getTotalSeconds()
        ? offsets.get(0)
        : offsets.get(1);
  }

  @Test
  void shouldAgreeWithMinuteByMinuteReferenceWhenExpressionsAndInstantsAreRandom() {
    Random random = new Random(20240310);
    // For each zone, instants from about an hour before its changes of 2024 (Lord Howe moves by
    // half an hour), so that many fall inside a gap's surroundings or a repeated hour.
    Map<ZoneId, List<Instant>> anchors =
        Map.of(
            ZoneOffset.UTC,
            List.of(Instant.parse("2024-07-15T12:00:00Z")),
            ZoneId.of("Europe/Berlin"),
            List.of(Instant.parse("2024-03-31T00:00:00Z"), Instant.parse("2024-10-27T00:00:00Z")),
            ZoneId.of("America/New_York"),
            List.of(Instant.parse("2024-03-10T06:00:00Z"), Instant.parse("2024-11-03T05:00:00Z")),
            ZoneId.of("Australia/Lord_Howe"),
            List.of(Instant.parse("2024-04-06T14:00:00Z"), Instant.parse("2024-10-06T14:30:00Z")));
    int checked = 0;
    for (int i = 0; i < 300; i++) {
      String expression = randomExpression(random);
      CronSchedule cron = CronSchedule.parse(expression);
      ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
      List<Instant> near = anchors.get(zone);
      Instant t = near.get(random.nextInt(near.size())).plusSeconds(60L * random.nextInt(150));
      ZoneRules rules = zone.getRules();
      LocalDateTime local = LocalDateTime.ofInstant(t, zone).withSecond(0);
      TreeSet<Long> times = reference(expression, local.minusDays(40), local.plusDays(40), rules);
      Long next = times.higher(t.getEpochSecond());
      Long previous = times.lower(t.getEpochSecond());
      String what = expression + " in " + zone + " around " + t;
      assertThat(cron.nextAfter(t, zone)).as(what).isEqualTo(Instant.ofEpochSecond(next));
      assertThat(cron.previousBefore(t, zone)).as(what).isEqualTo(Instant.ofEpochSecond(previous));
      checked++;
    }
    assertThat(checked).isEqualTo(300);
  }
}
