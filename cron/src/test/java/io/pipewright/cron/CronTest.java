package io.pipewright.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

// The matcher's rules are tested in depth through its two wrappers (the sdk's CronSchedule tests
// and core's CronExpressionTest); these cases pin what the wrappers rely on from this module.
class CronTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void shouldFindTheNextAndPreviousFireTimeWhenGivenAnInstant() {
    Cron nightly = Cron.parse("  30 2 * * *  ");

    assertThat(nightly.expression()).isEqualTo("30 2 * * *");
    assertThat(nightly.nextAfter(Instant.parse("2026-01-10T02:30:00Z"), ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-01-11T02:30:00Z"));
    assertThat(nightly.previousBefore(Instant.parse("2026-01-10T02:30:00Z"), ZoneOffset.UTC))
        .isEqualTo(Instant.parse("2026-01-09T02:30:00Z"));
  }

  @Test
  void shouldFireAtTheEndOfTheGapWhenTheLocalTimeDoesNotExist() {
    // 2026-03-08: New York springs forward from 02:00 to 03:00 EDT (07:00Z).
    Instant next =
        Cron.parse("30 2 * * *").nextAfter(Instant.parse("2026-03-07T12:00:00Z"), NEW_YORK);

    assertThat(next).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
  }

  @Test
  void shouldBeEqualWhenTwoExpressionsFireAtTheSameTimes() {
    assertThat(Cron.parse("0 0 * * 0")).isEqualTo(Cron.parse("@weekly"));
    assertThat(Cron.parse("0 0 * * SUN").hashCode()).isEqualTo(Cron.parse("@weekly").hashCode());
    assertThat(Cron.parse("0 * * * *").firesEveryHour()).isTrue();
    assertThat(Cron.parse("0 9 * * *").firesEveryHour()).isFalse();
  }

  @Test
  void shouldNameTheFieldWhenAValueIsOutOfRange() {
    assertThatThrownBy(() -> Cron.parse("0 25 * * *"))
        .isInstanceOfSatisfying(
            CronSyntaxException.class,
            e -> {
              assertThat(e.expression()).isEqualTo("0 25 * * *");
              assertThat(e.field()).contains("hour");
              assertThat(e.getMessage()).contains("Invalid cron expression '0 25 * * *'");
            });
  }

  @Test
  void shouldSayWhatToWriteWhenTheExpressionIsNull() {
    assertThatThrownBy(() -> Cron.parse(null))
        .isInstanceOf(CronSyntaxException.class)
        .hasMessageContaining("Write five fields");
  }
}
