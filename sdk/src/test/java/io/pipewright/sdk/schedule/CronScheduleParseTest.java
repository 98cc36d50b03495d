package io.pipewright.sdk.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleParseTest {

  private static List<Instant> firstThree(String expression, String from) {
    return CronSchedule.parse(expression)
        .fireTimesBetween(
            Instant.parse(from), Instant.parse(from).plusSeconds(400L * 86400), ZoneOffset.UTC)
        .limit(3)
        .toList();
  }

  private static List<Instant> instants(String... texts) {
    return java.util.Arrays.stream(texts).map(Instant::parse).toList();
  }

  @Test
  void shouldReadListsRangesAndStepsWhenFieldsCombineThem() {
    assertThat(firstThree("5,10-12,40/10 * * * *", "2024-01-01T00:00:00Z"))
        .containsExactlyElementsOf(
            instants("2024-01-01T00:05:00Z", "2024-01-01T00:10:00Z", "2024-01-01T00:11:00Z"));
    assertThat(firstThree("40/10 * * * *", "2024-01-01T00:41:00Z"))
        .containsExactlyElementsOf(
            instants("2024-01-01T00:50:00Z", "2024-01-01T01:40:00Z", "2024-01-01T01:50:00Z"));
    assertThat(firstThree("0 0-12/6 * * *", "2024-01-01T00:00:00Z"))
        .containsExactlyElementsOf(
            instants("2024-01-01T06:00:00Z", "2024-01-01T12:00:00Z", "2024-01-02T00:00:00Z"));
  }

  @Test
  void shouldReadNamesCaseInsensitivelyWhenMonthsAndDaysAreNamed() {
    assertThat(CronSchedule.parse("0 9 * jan-Mar mon-fri"))
        .isEqualTo(CronSchedule.parse("0 9 * 1-3 1-5"));
    assertThat(CronSchedule.parse("0 0 * * FRI-SUN")).isEqualTo(CronSchedule.parse("0 0 * * 5-7"));
    assertThat(CronSchedule.parse("0 0 * * 5,6,0")).isEqualTo(CronSchedule.parse("0 0 * * 5-7"));
  }

  @Test
  void shouldTreatSevenAsSundayWhenDayOfWeekIsSeven() {
    assertThat(CronSchedule.parse("0 0 * * 7")).isEqualTo(CronSchedule.parse("0 0 * * 0"));
    // 2024-01-07 is a Sunday.
    assertThat(firstThree("0 0 * * 7", "2024-01-01T00:00:00Z").get(0))
        .isEqualTo(Instant.parse("2024-01-07T00:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource({
    "@hourly, 0 * * * *",
    "@daily, 0 0 * * *",
    "@midnight, 0 0 * * *",
    "@weekly, 0 0 * * 0",
    "@monthly, 0 0 1 * *",
    "@yearly, 0 0 1 1 *",
    "@ANNUALLY, 0 0 1 1 *"
  })
  void shouldExpandMacrosWhenExpressionIsAMacro(String macro, String fields) {
    CronSchedule schedule = CronSchedule.parse(macro);
    assertThat(schedule).isEqualTo(CronSchedule.parse(fields));
    assertThat(schedule.expression()).isEqualTo(macro);
    assertThat(schedule.toString()).isEqualTo(macro);
  }

  @Test
  void shouldKeepExpressionWhenSpacesSurroundIt() {
    CronSchedule schedule = CronSchedule.parse("  0  2\t* * *  ");
    assertThat(schedule.expression()).isEqualTo("0  2\t* * *");
    assertThat(schedule).isEqualTo(CronSchedule.parse("0 2 * * *"));
    assertThat(schedule.hashCode()).isEqualTo(CronSchedule.parse("0 2 * * *").hashCode());
  }

  @Test
  void shouldReportFiresEveryHourOnlyWhenHourFieldAllowsAllHours() {
    assertThat(CronSchedule.parse("*/15 * * * *").firesEveryHour()).isTrue();
    assertThat(CronSchedule.parse("0 0-23 * * 1").firesEveryHour()).isTrue();
    assertThat(CronSchedule.parse("0 */2 * * *").firesEveryHour()).isFalse();
    assertThat(CronSchedule.parse("@daily").firesEveryHour()).isFalse();
  }

  @Test
  void shouldNameFieldRangeAndCaretWhenValueIsOutOfRange() {
    InvalidCronException e =
        catchThrowableOfType(InvalidCronException.class, () -> CronSchedule.parse("0 25 * * *"));
    assertThat(e.getMessage())
        .isEqualTo(
            "Invalid cron expression '0 25 * * *': the hour field (2nd) has 25, outside its range"
                + " 0-23.\n"
                + "  0 25 * * *\n"
                + "    ^^");
    assertThat(e.expression()).isEqualTo("0 25 * * *");
    assertThat(e.field()).contains("hour");
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      quoteCharacter = '"',
      value = {
        "60 * * * *|the minute field (1st) has 60, outside its range 0-59|^^|minute",
        "0 0 0 * *|the day-of-month field (3rd) has 0, outside its range 1-31|    ^|day-of-month",
        "0 0 * 13 *|the month field (4th) has 13, outside its range 1-12 or JAN-DEC|      ^^|month",
        "0 0 * * 8|the day-of-week field (5th) has 8, outside its range 0-7 (0 and 7 are Sunday) or"
            + " SUN-SAT|        ^|day-of-week",
        "0 0 * JAM *|the month field (4th) has 'JAM', which is not a month; it takes 1-12 or"
            + " JAN-DEC|      ^^^|month",
        "0 0 * * MOO|the day-of-week field (5th) has 'MOO', which is not a day|        ^^^|day-of-week",
        "x 0 * * *|the minute field (1st) has 'x', which is not a number; it takes 0-59|^|minute",
        "*/0 * * * *|the minute field (1st) has the step /0; a step must be at least 1| ^^|minute",
        "*/x * * * *|the minute field (1st) has the step '/x'; a step is a positive whole"
            + " number| ^^|minute",
        "0 5-2 * * *|the hour field (2nd) has the range 5-2, which runs backwards|  ^^^|hour",
        "0 1,,2 * * *|the hour field (2nd) has an empty list item|    ^|hour",
        "0 0 L * *|'L', which is not supported|    ^|day-of-month",
        "0 0 * * 5#3|'5#3', which is not supported|        ^^^|day-of-week",
      })
  void shouldExplainWhenAFieldIsInvalid(
      String expression, String problem, String caret, String field) {
    InvalidCronException e =
        catchThrowableOfType(InvalidCronException.class, () -> CronSchedule.parse(expression));
    assertThat(e.getMessage())
        .startsWith("Invalid cron expression '" + expression + "': ")
        .contains(problem)
        .endsWith("\n  " + expression + "\n  " + caret);
    assertThat(e.field()).contains(field);
  }

  @Test
  void shouldCountFieldsWhenThereAreTooFewOrTooMany() {
    assertThatThrownBy(() -> CronSchedule.parse("0 2 * *"))
        .isInstanceOf(InvalidCronException.class)
        .hasMessageContaining("it has 4 fields but needs 5: minute hour day-of-month month")
        .hasMessageEndingWith("\n  0 2 * *\n         ^");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 2 * * * 2024"))
        .isInstanceOf(InvalidCronException.class)
        .hasMessageContaining("it has more than 5 fields")
        .hasMessageContaining("without seconds or years")
        .hasMessageEndingWith("\n  0 0 2 * * * 2024\n  " + " ".repeat(10) + "^^^^^^");
    InvalidCronException e =
        catchThrowableOfType(InvalidCronException.class, () -> CronSchedule.parse("0 2 * *"));
    assertThat(e.field()).isEmpty();
  }

  @Test
  void shouldRejectWhenExpressionIsEmptyNullOrAnUnknownMacro() {
    assertThatThrownBy(() -> CronSchedule.parse("   "))
        .isInstanceOf(InvalidCronException.class)
        .hasMessageContaining("it is empty");
    assertThatThrownBy(() -> CronSchedule.parse(null))
        .isInstanceOf(InvalidCronException.class)
        .hasMessageContaining("A cron expression is required, got null");
    assertThatThrownBy(() -> CronSchedule.parse("@every_minute"))
        .isInstanceOf(InvalidCronException.class)
        .hasMessageContaining("'@every_minute' is not a macro; the macros are @hourly, @daily")
        .hasMessageEndingWith("\n  @every_minute\n  ^^^^^^^^^^^^^");
  }

  @Test
  void shouldRejectWhenNoChosenMonthHasTheChosenDay() {
    assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *"))
        .isInstanceOf(InvalidCronException.class)
        .hasMessageContaining("it never fires")
        .hasMessageContaining("February 30");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 31 4,6,9,11 *"))
        .isInstanceOf(InvalidCronException.class)
        .hasMessageContaining("it never fires");
    // With a weekday too, either field can match, so it does fire.
    assertThat(CronSchedule.parse("0 0 30 2 MON")).isNotNull();
  }
}
