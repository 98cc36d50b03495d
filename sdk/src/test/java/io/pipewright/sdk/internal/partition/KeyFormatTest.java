package io.pipewright.sdk.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFormatTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yyyy-MM-dd-HH:mm",
        "yyyy-MM-dd",
        "uuuuMMddHHmmss",
        "yyyy/MM/dd 'at' HH'h'",
        "dd.MM.yyyy",
        "yyyy-MM-dd'T'HH:mmxx",
        "''yyyy''-MM"
      })
  void shouldFormatLikeDateTimeFormatterWhenFastPattern(String pattern) {
    KeyFormat format = KeyFormat.compile(pattern);
    DateTimeFormatter reference = DateTimeFormatter.ofPattern(pattern, Locale.US);
    ZoneId zone = ZoneId.of("America/St_Johns");
    Random random = new Random(7);

    assertThat(format.isFast()).isTrue();
    for (int i = 0; i < 5000; i++) {
      long epoch = -2_000_000_000L + (long) (random.nextDouble() * 6_000_000_000L);
      ZonedDateTime at = Instant.ofEpochSecond(epoch).atZone(zone);
      int offset = at.getOffset().getTotalSeconds();

      String key = format.format(epoch, offset, zone, false);

      assertThat(key).isEqualTo(reference.format(at));
      KeyFormat.Parsed parsed = format.parse(key);
      assertThat(parsed).isNotNull();
      LocalDateTime local = LocalDateTime.ofEpochSecond(parsed.localSeconds(), 0, ZoneOffset.UTC);
      ZoneOffset parsedOffset =
          parsed.hasOffset() ? ZoneOffset.ofTotalSeconds(parsed.offsetSeconds()) : at.getOffset();
      assertThat(reference.format(OffsetDateTime.of(local, parsedOffset))).isEqualTo(key);
    }
  }

  @Test
  void shouldParseFieldsAndDefaultsWhenFastPattern() {
    KeyFormat format = KeyFormat.compile("yyyy-MM");

    KeyFormat.Parsed parsed = format.parse("2024-03");

    assertThat(parsed.localSeconds())
        .isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 0).toEpochSecond(ZoneOffset.UTC));
    assertThat(parsed.hasOffset()).isFalse();
  }

  @Test
  void shouldRejectInvalidFieldsWhenParsing() {
    KeyFormat format = KeyFormat.compile("yyyy-MM-dd-HH:mm");

    assertThat(format.parse("2024-02-30-00:00")).isNull();
    assertThat(format.parse("2023-02-29-00:00")).isNull();
    assertThat(format.parse("2024-13-01-00:00")).isNull();
    assertThat(format.parse("2024-01-01-24:00")).isNull();
    assertThat(format.parse("2024-01-01-00:60")).isNull();
    assertThat(format.parse("2024-01-01T00:00")).isNull();
    assertThat(format.parse("2024-01-01-0a:00")).isNull();
    assertThat(format.parse("2024-01-01-00:00 ")).isNull();
    assertThat(format.parse("2024-02-29-00:00")).isNotNull();
  }

  @Test
  void shouldAppendAndReadOffsetSuffixWhenRepeatedLocalTime() {
    KeyFormat format = KeyFormat.compile("yyyy-MM-dd-HH:mm");
    long epoch = Instant.parse("2024-11-03T06:00:00Z").getEpochSecond();

    String key = format.format(epoch, -5 * 3600, ZoneId.of("America/New_York"), true);
    KeyFormat.Parsed parsed = format.parse(key);

    assertThat(key).isEqualTo("2024-11-03-01:00-0500");
    assertThat(parsed.hasOffset()).isTrue();
    assertThat(parsed.offsetSeconds()).isEqualTo(-5 * 3600);
    assertThat(parsed.localSeconds() - parsed.offsetSeconds()).isEqualTo(epoch);
    assertThat(format.parse("2024-11-03-01:00+9900")).isNull();
  }

  @Test
  void shouldFormatThroughFormatterWhenPatternHasText() {
    KeyFormat format = KeyFormat.compile("EEE d MMMM yyyy");
    long epoch = Instant.parse("2024-01-05T00:00:00Z").getEpochSecond();

    assertThat(format.isFast()).isFalse();
    assertThat(format.format(epoch, 0, ZoneOffset.UTC, false)).isEqualTo("Fri 5 January 2024");
    assertThat(format.parse("Fri 5 January 2024").localSeconds()).isEqualTo(epoch);
    assertThat(format.parse("Fri 5 Janvier 2024")).isNull();
  }

  @Test
  void shouldRewriteDigitsWhenRepairing() {
    KeyFormat hourly = KeyFormat.compile("yyyy-MM-dd-HH:mm");
    KeyFormat daily = KeyFormat.compile("yyyy-MM-dd");

    assertThat(daily.repair("2024/1/5")).isEqualTo("2024-01-05");
    assertThat(daily.repair("2024-01-05")).isNull();
    assertThat(hourly.repair("2024-01-05")).isEqualTo("2024-01-05-00:00");
    assertThat(hourly.repair("2024-01-05 7:00")).isEqualTo("2024-01-05-07:00");
    assertThat(daily.repair("2024-01-05-00-00")).isNull();
    assertThat(daily.repair("20240-01-05")).isNull();
    assertThat(daily.repair("tomorrow")).isNull();
    assertThat(KeyFormat.compile("MMM yyyy").repair("2024 1")).isNull();
  }

  @Test
  void shouldReportLettersWhenAsked() {
    KeyFormat format = KeyFormat.compile("yyyy-MM-dd'T'HH 'Day'");

    assertThat(format.hasLetter('y')).isTrue();
    assertThat(format.hasLetter('H')).isTrue();
    assertThat(format.hasLetter('D')).isFalse();
    assertThat(format.offsetInPattern()).isFalse();
    assertThat(KeyFormat.compile("yyyyMMddHHX").offsetInPattern()).isTrue();
    assertThatThrownBy(() -> KeyFormat.compile("yyyy-MM-dd'"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
