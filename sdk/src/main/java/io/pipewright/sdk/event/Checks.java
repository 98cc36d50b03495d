package io.pipewright.sdk.event;

/** Argument checks for the event records, with messages that name the record and the field. */
final class Checks {

  private Checks() {}

  static <T> T require(T value, String record, String field) {
    if (value == null) {
      throw new IllegalArgumentException(record + " needs a non-null " + field);
    }
    return value;
  }

  static int nonNegative(int value, String record, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(
          record + " needs a non-negative " + field + ", got " + value);
    }
    return value;
  }

  static long nonNegative(long value, String record, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(
          record + " needs a non-negative " + field + ", got " + value);
    }
    return value;
  }

  static double nonNegativeFinite(double value, String record, String field) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          record + " needs a finite, non-negative " + field + ", got " + value);
    }
    return value;
  }

  static String nonBlankOrNull(String value, String record, String field) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(
          record + " got a blank " + field + "; pass null for none, or a non-blank value");
    }
    return value;
  }
}
