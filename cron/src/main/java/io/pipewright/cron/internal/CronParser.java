package io.pipewright.cron.internal;

import io.pipewright.cron.CronSyntaxException;
import java.util.Locale;

/**
 * Parses standard five-field cron expressions (minute, hour, day of month, month, day of week) and
 * the macros {@code @hourly @daily @midnight @weekly @monthly @yearly @annually}. Errors name the
 * field, its allowed values, and point at the offending text with carets.
 */
public final class CronParser {

  private static final String[] MONTH_NAMES = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
  };
  private static final String[] DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  /** One of the five fields: its name, position, range and names. */
  private enum Field {
    MINUTE("minute", "1st", 0, 59, null, "0-59"),
    HOUR("hour", "2nd", 0, 23, null, "0-23"),
    DAY_OF_MONTH("day-of-month", "3rd", 1, 31, null, "1-31"),
    MONTH("month", "4th", 1, 12, MONTH_NAMES, "1-12 or JAN-DEC"),
    DAY_OF_WEEK("day-of-week", "5th", 0, 7, DAY_NAMES, "0-7 (0 and 7 are Sunday) or SUN-SAT");

    final String label;
    final String ordinal;
    final int min;
    final int max;
    final String[] names;
    final String allowed;

    Field(String label, String ordinal, int min, int max, String[] names, String allowed) {
      this.label = label;
      this.ordinal = ordinal;
      this.min = min;
      this.max = max;
      this.names = names;
      this.allowed = allowed;
    }

    String describe() {
      return "the " + label + " field (" + ordinal + ")";
    }
  }

  private final String expression;

  private CronParser(String expression) {
    this.expression = expression;
  }

  /**
   * Parses an expression.
   *
   * @param expression the cron expression
   * @return its fields
   * @throws CronSyntaxException if the expression is not valid, with a message naming the field
   */
  public static CronFields parse(String expression) {
    if (expression == null) {
      throw new CronSyntaxException(
          null,
          "A cron expression is required, got null. Write five fields (minute hour day-of-month"
              + " month day-of-week), e.g. \"0 2 * * *\" for 02:00 every day",
          null);
    }
    return new CronParser(expression).parse();
  }

  /** Returns the five-field form of a macro, or null when the text is not one. */
  private static String macro(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "@hourly":
        return "0 * * * *";
      case "@daily":
      case "@midnight":
        return "0 0 * * *";
      case "@weekly":
        return "0 0 * * 0";
      case "@monthly":
        return "0 0 1 * *";
      case "@yearly":
      case "@annually":
        return "0 0 1 1 *";
      default:
        return null;
    }
  }

  private CronFields parse() {
    String trimmed = expression.strip();
    if (trimmed.isEmpty()) {
      throw fail(
          "it is empty. Write five fields (minute hour day-of-month month day-of-week), e.g."
              + " \"0 2 * * *\" for 02:00 every day",
          -1,
          0);
    }
    if (trimmed.startsWith("@")) {
      String fields = macro(trimmed);
      if (fields == null) {
        int at = expression.indexOf('@');
        throw fail(
            "'"
                + trimmed
                + "' is not a macro; the macros are @hourly, @daily (or @midnight), @weekly,"
                + " @monthly and @yearly (or @annually)",
            at,
            trimmed.length());
      }
      return new CronParser(fields).parse();
    }
    int[] starts = new int[6];
    int[] ends = new int[6];
    int count = 0;
    int i = 0;
    int n = expression.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(expression.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(expression.charAt(i))) {
        i++;
      }
      if (count == 5) {
        throw fail(
            "it has more than 5 fields. Pipewright reads standard cron: minute hour day-of-month"
                + " month day-of-week, without seconds or years",
            start,
            n - start);
      }
      starts[count] = start;
      ends[count] = i;
      count++;
    }
    if (count < 5) {
      throw fail(
          "it has "
              + count
              + (count == 1 ? " field" : " fields")
              + " but needs 5: minute hour day-of-month month day-of-week (e.g. \"0 2 * * *\")",
          n,
          1);
    }
    Field[] fields = Field.values();
    long[] bits = new long[5];
    for (int f = 0; f < 5; f++) {
      bits[f] = parseField(fields[f], starts[f], ends[f]);
    }
    long daysOfWeek = bits[4];
    if ((daysOfWeek & (1L << 7)) != 0) {
      daysOfWeek = (daysOfWeek & ~(1L << 7)) | 1L; // 7 is Sunday, as 0
    }
    CronFields parsed = new CronFields(bits[0], bits[1], bits[2], bits[3], daysOfWeek);
    if (!parsed.canMatchSomeDay()) {
      throw fail(
          "it never fires: no month of the month field has a day of the day-of-month field (e.g."
              + " February 30). Choose days that exist in the chosen months",
          starts[2],
          ends[3] - starts[2]);
    }
    return parsed;
  }

  private long parseField(Field field, int start, int end) {
    long bits = 0;
    int itemStart = start;
    for (int i = start; i <= end; i++) {
      if (i == end || expression.charAt(i) == ',') {
        if (i == itemStart) {
          throw fail(
              field.describe() + " has an empty list item; write values separated by single commas",
              Math.min(i, expression.length() - 1),
              1,
              field);
        }
        bits |= parseItem(field, itemStart, i);
        itemStart = i + 1;
      }
    }
    return bits;
  }

  /**
   * Parses one list item: {@code *}, {@code a}, {@code a-b}, each optionally with {@code /step}.
   */
  private long parseItem(Field field, int start, int end) {
    int slash = indexOf('/', start, end);
    int rangeEnd = slash < 0 ? end : slash;
    int step = 1;
    if (slash >= 0) {
      step = parseStep(field, slash + 1, end);
    }
    int low;
    int high;
    if (rangeEnd - start == 1 && expression.charAt(start) == '*') {
      low = field.min;
      high = field == Field.DAY_OF_WEEK ? 6 : field.max;
    } else {
      int dash = indexOf('-', start, rangeEnd);
      if (dash < 0) {
        low = parseValue(field, start, rangeEnd, false);
        // croniter reads "a/n" as "a-max/n"; a single value keeps its own value.
        high = slash >= 0 ? (field == Field.DAY_OF_WEEK ? 6 : field.max) : low;
      } else {
        low = parseValue(field, start, dash, false);
        high = parseValue(field, dash + 1, rangeEnd, true);
        if (low > high) {
          throw fail(
              field.describe()
                  + " has the range "
                  + expression.substring(start, rangeEnd)
                  + ", which runs backwards; write the smaller value first (ranges do not wrap"
                  + " around)",
              start,
              rangeEnd - start,
              field);
        }
      }
    }
    long bits = 0;
    for (int v = low; v <= high; v += step) {
      bits |= 1L << v;
    }
    return bits;
  }

  private int parseStep(Field field, int start, int end) {
    if (start >= end || !allDigits(start, end)) {
      throw fail(
          field.describe()
              + " has the step '/"
              + expression.substring(start, end)
              + "'; a step is a positive whole number, as in */15",
          start - 1,
          Math.max(1, end - start + 1),
          field);
    }
    int step = parseSmallInt(start, end);
    if (step < 1) {
      throw fail(
          field.describe() + " has the step /0; a step must be at least 1",
          start - 1,
          end - start + 1,
          field);
    }
    return step;
  }

  private int parseValue(Field field, int start, int end, boolean rangeEnd) {
    if (start >= end) {
      throw fail(
          field.describe() + " has a range with a missing bound; ranges are written a-b",
          Math.min(start, expression.length() - 1),
          1,
          field);
    }
    String text = expression.substring(start, end);
    int value;
    if (allDigits(start, end)) {
      value = parseSmallInt(start, end);
    } else {
      value = nameValue(field, text.toUpperCase(Locale.ROOT), rangeEnd);
      if (value < 0) {
        throw fail(unknownValue(field, text), start, end - start, field);
      }
    }
    if (value < field.min || value > field.max) {
      throw fail(
          field.describe() + " has " + text + ", outside its range " + field.allowed,
          start,
          end - start,
          field);
    }
    return value;
  }

  private static int nameValue(Field field, String upper, boolean rangeEnd) {
    if (field.names == null) {
      return -1;
    }
    for (int i = 0; i < field.names.length; i++) {
      if (field.names[i].equals(upper)) {
        if (field == Field.MONTH) {
          return i + 1;
        }
        // FRI-SUN means Friday to Sunday: Sunday as a range end is 7.
        return i == 0 && rangeEnd ? 7 : i;
      }
    }
    return -1;
  }

  private static String unknownValue(Field field, String text) {
    String problem = field.describe() + " has '" + text + "', which is not ";
    if ((text.length() == 1 && "LW#?".contains(text))
        || text.endsWith("L")
        || text.endsWith("W")
        || text.contains("#")) {
      return problem
          + "supported: Pipewright reads standard cron (numbers, names, *, lists with ',',"
          + " ranges with '-', steps with '/'), without the L, W, # and ? extensions";
    }
    if (field.names == null) {
      return problem + "a number; it takes " + field.allowed;
    }
    return problem + (field == Field.MONTH ? "a month" : "a day") + "; it takes " + field.allowed;
  }

  private boolean allDigits(int start, int end) {
    for (int i = start; i < end; i++) {
      char c = expression.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Parses digits, saturating so that absurdly long numbers are reported as out of range. */
  private int parseSmallInt(int start, int end) {
    int value = 0;
    for (int i = start; i < end; i++) {
      value = Math.min(1_000_000, value * 10 + (expression.charAt(i) - '0'));
    }
    return value;
  }

  private int indexOf(char c, int start, int end) {
    for (int i = start; i < end; i++) {
      if (expression.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private CronSyntaxException fail(String problem, int column, int width) {
    return fail(problem, column, width, null);
  }

  private CronSyntaxException fail(String problem, int column, int width, Field field) {
    StringBuilder message =
        new StringBuilder("Invalid cron expression '")
            .append(expression)
            .append("': ")
            .append(problem)
            .append('.');
    if (column >= 0) {
      message.append("\n  ").append(expression).append("\n  ");
      message.append(" ".repeat(column)).append("^".repeat(Math.max(1, width)));
    }
    return new CronSyntaxException(
        expression, message.toString(), field == null ? null : field.label);
  }
}
