package io.pipewright.sdk.internal.partition;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A compiled partition key format: a {@link DateTimeFormatter} pattern that formats window starts
 * as keys and parses keys back.
 *
 * <p>Patterns made only of fixed-width numeric fields ({@code yyyy uuuu MM dd HH mm ss xx}) and
 * literals, which covers Dagster's default formats, are formatted and parsed by hand: one char
 * array per key, no {@code ZonedDateTime}, no formatter. That is what lets a decade of hourly keys
 * be listed in a few milliseconds. Any other pattern goes through {@code DateTimeFormatter} (in
 * {@link Locale#US}, so that month names do not depend on the machine).
 *
 * <p>Keys of the second pass through a local hour repeated by a fall-back transition get the UTC
 * offset appended as {@code +HHMM} (Python's {@code %z}, which is what Dagster appends), and {@link
 * #parse} accepts that suffix.
 */
public final class KeyFormat {

  /** A parsed key: a local date-time and, when the key carries one, its UTC offset. */
  public record Parsed(long localSeconds, boolean hasOffset, int offsetSeconds) {}

  private static final int YEAR = 0;
  private static final int MONTH = 1;
  private static final int DAY = 2;
  private static final int HOUR = 3;
  private static final int MINUTE = 4;
  private static final int SECOND = 5;
  private static final int OFFSET = 6;
  private static final int OFFSET_WIDTH = 5;

  private final String pattern;
  private final DateTimeFormatter formatter;
  private final long letters;
  private final boolean offsetInPattern;
  // Fast path; fieldKinds is null when the pattern needs the DateTimeFormatter.
  private final char[] template;
  private final int[] fieldKinds;
  private final int[] fieldPositions;

  private KeyFormat(String pattern, DateTimeFormatter formatter, Scan scan) {
    this.pattern = pattern;
    this.formatter = formatter;
    this.letters = scan.letters;
    this.offsetInPattern =
        hasLetter(scan.letters, 'x')
            || hasLetter(scan.letters, 'X')
            || hasLetter(scan.letters, 'Z')
            || hasLetter(scan.letters, 'O')
            || hasLetter(scan.letters, 'z')
            || hasLetter(scan.letters, 'V');
    if (scan.fast) {
      this.template = scan.template.toString().toCharArray();
      this.fieldKinds = scan.kinds.stream().mapToInt(Integer::intValue).toArray();
      this.fieldPositions = scan.positions.stream().mapToInt(Integer::intValue).toArray();
    } else {
      this.template = null;
      this.fieldKinds = null;
      this.fieldPositions = null;
    }
  }

  /**
   * Compiles a pattern.
   *
   * @param pattern a {@link DateTimeFormatter} pattern such as {@code yyyy-MM-dd-HH:mm}
   * @return the compiled format
   * @throws IllegalArgumentException if the pattern is not a valid {@code DateTimeFormatter}
   *     pattern, with the formatter's own explanation
   */
  public static KeyFormat compile(String pattern) {
    DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.US);
    return new KeyFormat(pattern, formatter, scan(pattern));
  }

  /** Returns the pattern. */
  public String pattern() {
    return pattern;
  }

  /** Returns whether the pattern uses a pattern letter (outside quotes). */
  public boolean hasLetter(char letter) {
    return hasLetter(letters, letter);
  }

  /**
   * Returns whether the pattern itself prints a UTC offset or zone, so keys are never ambiguous.
   */
  public boolean offsetInPattern() {
    return offsetInPattern;
  }

  /** Returns whether keys are formatted by hand rather than through {@code DateTimeFormatter}. */
  public boolean isFast() {
    return fieldKinds != null;
  }

  /**
   * Formats the key of a window start.
   *
   * @param epochSecond the window start
   * @param offsetSeconds the zone's UTC offset at the window start
   * @param zone the zone, for patterns that print zone names
   * @param appendOffset whether to append {@code +HHMM} (a repeated local time)
   * @return the key
   */
  public String format(long epochSecond, int offsetSeconds, ZoneId zone, boolean appendOffset) {
    long local = epochSecond + offsetSeconds;
    String key = null;
    if (fieldKinds != null) {
      key = formatFast(local, offsetSeconds);
    }
    if (key == null) {
      key = formatter.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone));
    }
    if (!appendOffset) {
      return key;
    }
    char[] suffix = new char[OFFSET_WIDTH];
    writeOffset(suffix, 0, offsetSeconds);
    return key.concat(new String(suffix));
  }

  private String formatFast(long local, int offsetSeconds) {
    long epochDay = Math.floorDiv(local, CivilDates.SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(local, CivilDates.SECONDS_PER_DAY);
    long date = CivilDates.packedDate(epochDay);
    long year = CivilDates.year(date);
    if (year < 0 || year > 9999) {
      return null;
    }
    char[] out = template.clone();
    for (int i = 0; i < fieldKinds.length; i++) {
      int at = fieldPositions[i];
      switch (fieldKinds[i]) {
        case YEAR -> {
          int y = (int) year;
          out[at] = (char) ('0' + y / 1000);
          out[at + 1] = (char) ('0' + y / 100 % 10);
          out[at + 2] = (char) ('0' + y / 10 % 10);
          out[at + 3] = (char) ('0' + y % 10);
        }
        case MONTH -> writeTwo(out, at, CivilDates.month(date));
        case DAY -> writeTwo(out, at, CivilDates.day(date));
        case HOUR -> writeTwo(out, at, secondOfDay / 3600);
        case MINUTE -> writeTwo(out, at, secondOfDay / 60 % 60);
        case SECOND -> writeTwo(out, at, secondOfDay % 60);
        default -> writeOffset(out, at, offsetSeconds);
      }
    }
    return new String(out);
  }

  private static void writeTwo(char[] out, int at, int value) {
    out[at] = (char) ('0' + value / 10);
    out[at + 1] = (char) ('0' + value % 10);
  }

  private static void writeOffset(char[] out, int at, int offsetSeconds) {
    int abs = Math.abs(offsetSeconds);
    out[at] = offsetSeconds < 0 ? '-' : '+';
    writeTwo(out, at + 1, abs / 3600);
    writeTwo(out, at + 3, abs / 60 % 60);
  }

  /**
   * Parses a key, without checking that it is a window start.
   *
   * @param text the key
   * @return the local date-time (and offset) it names, or null if it does not match the pattern
   */
  public Parsed parse(String text) {
    Parsed parsed = parseExact(text);
    if (parsed != null || offsetInPattern || text.length() <= OFFSET_WIDTH) {
      return parsed;
    }
    int split = text.length() - OFFSET_WIDTH;
    int offset = readOffset(text, split);
    if (offset == Integer.MIN_VALUE) {
      return null;
    }
    Parsed base = parseExact(text.substring(0, split));
    return base == null ? null : new Parsed(base.localSeconds(), true, offset);
  }

  private Parsed parseExact(String text) {
    if (fieldKinds != null) {
      return parseFast(text);
    }
    try {
      return fromTemporal(formatter.parse(text));
    } catch (DateTimeException e) {
      // Not a key of this format; the caller reports it with the valid keys.
      return null;
    }
  }

  private Parsed parseFast(String text) {
    if (text.length() != template.length) {
      return null;
    }
    int kind = 0;
    for (int i = 0; i < template.length; i++) {
      boolean inField = kind < fieldKinds.length && i >= fieldPositions[kind];
      if (inField) {
        i = fieldPositions[kind] + width(fieldKinds[kind]) - 1;
        kind++;
      } else if (text.charAt(i) != template[i]) {
        return null;
      }
    }
    long year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    boolean hasOffset = false;
    int offset = 0;
    for (int i = 0; i < fieldKinds.length; i++) {
      int at = fieldPositions[i];
      if (fieldKinds[i] == OFFSET) {
        offset = readOffset(text, at);
        if (offset == Integer.MIN_VALUE) {
          return null;
        }
        hasOffset = true;
        continue;
      }
      int value = readDigits(text, at, width(fieldKinds[i]));
      if (value < 0) {
        return null;
      }
      switch (fieldKinds[i]) {
        case YEAR -> year = value;
        case MONTH -> month = value;
        case DAY -> day = value;
        case HOUR -> hour = value;
        case MINUTE -> minute = value;
        default -> second = value;
      }
    }
    if (month < 1
        || month > 12
        || day < 1
        || day > CivilDates.lengthOfMonth(year, month)
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    long local =
        CivilDates.epochDay(year, month, day) * CivilDates.SECONDS_PER_DAY
            + hour * 3600L
            + minute * 60L
            + second;
    return new Parsed(local, hasOffset, offset);
  }

  private static int readDigits(String text, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Reads {@code +HHMM} or {@code -HHMM}; returns {@link Integer#MIN_VALUE} if it is not one. */
  private static int readOffset(String text, int at) {
    if (text.length() < at + OFFSET_WIDTH) {
      return Integer.MIN_VALUE;
    }
    char sign = text.charAt(at);
    int hours = readDigits(text, at + 1, 2);
    int minutes = readDigits(text, at + 3, 2);
    if ((sign != '+' && sign != '-') || hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  private static Parsed fromTemporal(TemporalAccessor parsed) {
    LocalDate date = parsed.query(TemporalQueries.localDate());
    if (date == null) {
      if (!parsed.isSupported(ChronoField.YEAR)) {
        return null;
      }
      int month =
          parsed.isSupported(ChronoField.MONTH_OF_YEAR) ? parsed.get(ChronoField.MONTH_OF_YEAR) : 1;
      date = LocalDate.of(parsed.get(ChronoField.YEAR), month, 1);
    }
    LocalTime time = parsed.query(TemporalQueries.localTime());
    if (time == null) {
      int hour =
          parsed.isSupported(ChronoField.HOUR_OF_DAY) ? parsed.get(ChronoField.HOUR_OF_DAY) : 0;
      time = LocalTime.of(hour, 0);
    }
    long local = date.toEpochDay() * CivilDates.SECONDS_PER_DAY + time.toSecondOfDay();
    ZoneOffset offset = parsed.query(TemporalQueries.offset());
    return offset == null
        ? new Parsed(local, false, 0)
        : new Parsed(local, true, offset.getTotalSeconds());
  }

  /**
   * Rewrites a mistyped key into this format by its digits, for "did you mean" hints: {@code
   * 2024/1/5} becomes {@code 2024-01-05}, and {@code 2024-01-05} becomes {@code 2024-01-05-00:00}
   * for an hourly format. Only hand-formatted patterns are repaired.
   *
   * @param text the mistyped key
   * @return the rewritten key, or null when there is nothing sensible to suggest
   */
  public String repair(String text) {
    if (fieldKinds == null) {
      return null;
    }
    List<String> runs = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (Character.isDigit(text.charAt(i))) {
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
          i++;
        }
        runs.add(text.substring(start, i));
      } else {
        i++;
      }
    }
    int numeric = 0;
    for (int kind : fieldKinds) {
      numeric += kind == OFFSET ? 0 : 1;
    }
    if (runs.isEmpty() || runs.size() > numeric) {
      return null;
    }
    char[] out = template.clone();
    int run = 0;
    for (int f = 0; f < fieldKinds.length; f++) {
      int kind = fieldKinds[f];
      if (kind == OFFSET) {
        return null;
      }
      int width = width(kind);
      String digits =
          run < runs.size() ? runs.get(run++) : (kind == MONTH || kind == DAY ? "1" : "0");
      if (digits.length() > width) {
        return null;
      }
      int pad = width - digits.length();
      for (int p = 0; p < width; p++) {
        out[fieldPositions[f] + p] = p < pad ? '0' : digits.charAt(p - pad);
      }
    }
    String repaired = new String(out);
    return repaired.equals(text) ? null : repaired;
  }

  private static int width(int kind) {
    return switch (kind) {
      case YEAR -> 4;
      case OFFSET -> OFFSET_WIDTH;
      default -> 2;
    };
  }

  private static boolean hasLetter(long letters, char letter) {
    return (letters & bit(letter)) != 0;
  }

  private static long bit(char letter) {
    return 1L << (letter >= 'a' ? letter - 'a' + 26 : letter - 'A');
  }

  /** What a pattern is made of, and its hand-formatting plan when it has one. */
  private static final class Scan {
    long letters;
    boolean fast = true;
    final StringBuilder template = new StringBuilder();
    final List<Integer> kinds = new ArrayList<>();
    final List<Integer> positions = new ArrayList<>();
  }

  private static Scan scan(String pattern) {
    Scan scan = new Scan();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        int start = i;
        while (i < pattern.length() && pattern.charAt(i) == c) {
          i++;
        }
        scan.letters |= bit(c);
        int kind = fastKind(c, i - start);
        if (kind < 0) {
          scan.fast = false;
        } else {
          scan.kinds.add(kind);
          scan.positions.add(scan.template.length());
          scan.template.append("0".repeat(width(kind)));
        }
      } else if (c == '\'') {
        int end = pattern.indexOf('\'', i + 1);
        // ofPattern has already rejected an unterminated quote. '' is a quote character.
        while (end + 1 < pattern.length() && pattern.charAt(end + 1) == '\'') {
          end = pattern.indexOf('\'', end + 2);
        }
        String quoted = i + 1 == end ? "'" : pattern.substring(i + 1, end).replace("''", "'");
        scan.template.append(quoted);
        i = end + 1;
      } else {
        if ("[]{}#".indexOf(c) >= 0) {
          scan.fast = false;
        }
        scan.template.append(c);
        i++;
      }
    }
    return scan;
  }

  private static int fastKind(char letter, int count) {
    if (count == 4 && (letter == 'y' || letter == 'u')) {
      return YEAR;
    }
    if (count != 2) {
      return -1;
    }
    return switch (letter) {
      case 'M' -> MONTH;
      case 'd' -> DAY;
      case 'H' -> HOUR;
      case 'm' -> MINUTE;
      case 's' -> SECOND;
      case 'x' -> OFFSET;
      default -> -1;
    };
  }
}
