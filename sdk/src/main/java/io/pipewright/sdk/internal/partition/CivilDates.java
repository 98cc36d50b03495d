package io.pipewright.sdk.internal.partition;

/**
 * Proleptic Gregorian calendar arithmetic on epoch days without allocating {@code LocalDate}s, for
 * the key formatting hot path. The algorithms are Howard Hinnant's {@code days_from_civil} and
 * {@code civil_from_days}, valid for every year a {@code long} epoch day can reach.
 */
final class CivilDates {

  static final long SECONDS_PER_DAY = 86_400L;

  private CivilDates() {}

  /**
   * Returns the epoch day (days since 1970-01-01) of a date.
   *
   * @param year the proleptic year
   * @param month 1 to 12
   * @param day 1 to 31, not checked against the month
   * @return the epoch day
   */
  static long epochDay(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  /**
   * Returns the date of an epoch day packed into one long, read back with {@link #year}, {@link
   * #month} and {@link #day}: packing avoids an allocation per key.
   *
   * @param epochDay days since 1970-01-01
   * @return the packed date
   */
  static long packedDate(long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return (year << 9) | ((long) month << 5) | day;
  }

  static long year(long packed) {
    return packed >> 9;
  }

  static int month(long packed) {
    return (int) ((packed >> 5) & 0xF);
  }

  static int day(long packed) {
    return (int) (packed & 0x1F);
  }

  static int lengthOfMonth(long year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  static boolean isLeap(long year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }
}
