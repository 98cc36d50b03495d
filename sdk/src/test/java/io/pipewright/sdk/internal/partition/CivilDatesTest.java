package io.pipewright.sdk.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CivilDatesTest {

  @Test
  void shouldAgreeWithLocalDateWhenConvertingEpochDays() {
    for (long day = LocalDate.of(1600, 1, 1).toEpochDay();
        day <= LocalDate.of(2500, 12, 31).toEpochDay();
        day += 7) {
      LocalDate date = LocalDate.ofEpochDay(day);
      long packed = CivilDates.packedDate(day);

      assertThat(CivilDates.year(packed)).isEqualTo(date.getYear());
      assertThat(CivilDates.month(packed)).isEqualTo(date.getMonthValue());
      assertThat(CivilDates.day(packed)).isEqualTo(date.getDayOfMonth());
      assertThat(CivilDates.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
          .isEqualTo(day);
      assertThat(CivilDates.lengthOfMonth(date.getYear(), date.getMonthValue()))
          .isEqualTo(date.lengthOfMonth());
    }
  }
}
