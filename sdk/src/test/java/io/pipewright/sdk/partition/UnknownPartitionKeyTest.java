package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wording of unknown-key errors: they show valid keys or the valid range, and near misses. */
class UnknownPartitionKeyTest {

  private static final PartitionContext MARCH_10 =
      PartitionContext.at(Instant.parse("2024-03-10T12:00:00Z"));
  private static final TimeWindowPartitionsDefinition DAILY =
      TimeWindowPartitionsDefinition.daily("2024-01-01");

  private static UnknownPartitionKeyException unknown(PartitionsDefinition def, String key) {
    return catchThrowableOfType(
        () -> def.checkKey(key, MARCH_10), UnknownPartitionKeyException.class);
  }

  @Test
  void shouldShowFormatAndRangeWhenKeyDoesNotParse() {
    UnknownPartitionKeyException e = unknown(DAILY, "2024-13-01");

    assertThat(e)
        .hasMessage(
            "Partition key '2024-13-01' is not a partition of daily partitions from 2024-01-01 in"
                + " UTC: it is not a time in format yyyy-MM-dd. Valid keys run from 2024-01-01 to"
                + " 2024-03-09 (69 partitions as of 2024-03-10T12:00:00Z), in format yyyy-MM-dd.");
    assertThat(e.key()).isEqualTo("2024-13-01");
    assertThat(e.definition()).isEqualTo("daily partitions from 2024-01-01 in UTC");
    assertThat(e.suggestion()).isEmpty();
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldSuggestReformattedKeyWhenSeparatorsDiffer() {
    UnknownPartitionKeyException e = unknown(DAILY, "2024/2/5");

    assertThat(e.getMessage()).contains("Did you mean '2024-02-05'?");
    assertThat(e.suggestion()).contains("2024-02-05");
  }

  @Test
  void shouldSuggestHourKeyWhenDateGivenForHourly() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2024-01-01");

    assertThat(unknown(hourly, "2024-02-05").suggestion()).contains("2024-02-05-00:00");
    assertThat(unknown(hourly, "2024-02-05 07:00").suggestion()).contains("2024-02-05-07:00");
  }

  @Test
  void shouldSuggestWindowStartWhenKeyIsInsideAWindow() {
    var hourly = TimeWindowPartitionsDefinition.hourly("2024-01-01");

    UnknownPartitionKeyException e = unknown(hourly, "2024-02-05-07:30");

    assertThat(e.getMessage())
        .contains("it is not the start of a window. Did you mean '2024-02-05-07:00'?");
  }

  @Test
  void shouldSayBeforeFirstWhenKeyPrecedesStart() {
    assertThat(unknown(DAILY, "2023-12-31").getMessage())
        .contains(": it is before the first partition. Valid keys run from 2024-01-01");
  }

  @Test
  void shouldSayWindowNotEndedWhenKeyIsInTheFuture() {
    assertThat(unknown(DAILY, "2024-03-10").getMessage())
        .contains(
            "its window ends at 2024-03-11T00:00:00Z, after now (2024-03-10T12:00:00Z), and the"
                + " definition has no positive end offset");
  }

  @Test
  void shouldSayAfterEndWhenKeyIsPastTheEnd() {
    var bounded = DAILY.withEnd("2024-02-01");

    assertThat(unknown(bounded, "2024-02-01").getMessage())
        .contains("it is at or after the end, 2024-02-01")
        .contains("Valid keys run from 2024-01-01 to 2024-01-31 (31 partitions");
  }

  @Test
  void shouldSayAfterLastWhenNegativeEndOffsetDropsIt() {
    assertThat(unknown(DAILY.withEndOffset(-1), "2024-03-09").getMessage())
        .contains("it is after the last partition (end offset -1)")
        .contains("to 2024-03-08");
  }

  @Test
  void shouldSayThereAreNoneWhenFirstWindowHasNotEnded() {
    var late = TimeWindowPartitionsDefinition.daily("2024-03-10");

    assertThat(unknown(late, "2024-03-10").getMessage())
        .endsWith(
            "There are no partitions as of 2024-03-10T12:00:00Z: the first one, 2024-03-10,"
                + " exists once its window ends at 2024-03-11T00:00:00Z.");
  }

  @Test
  void shouldShowTenKeysAndCountWhenStaticSetIsLarge() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      keys.add("shard-" + i);
    }

    UnknownPartitionKeyException e = unknown(StaticPartitionsDefinition.of(keys), "shard-99");

    assertThat(e.getMessage())
        .endsWith(
            "Did you mean 'shard-9'? Valid keys (15): shard-0, shard-1, shard-2, shard-3, shard-4,"
                + " shard-5, shard-6, shard-7, shard-8, shard-9 and 5 more.");
  }

  @Test
  void shouldNotSuggestWhenNothingIsClose() {
    UnknownPartitionKeyException e =
        unknown(StaticPartitionsDefinition.of("alpha", "beta"), "zzzzzz");

    assertThat(e.suggestion()).isEmpty();
    assertThat(e.getMessage()).doesNotContain("Did you mean");
  }

  @Test
  void shouldSuggestOtherCaseWhenOnlyCaseDiffers() {
    assertThat(
            unknown(StaticPartitionsDefinition.of("alpha", "Europe-West"), "europe-west")
                .suggestion())
        .contains("Europe-West");
  }

  @Test
  void shouldReportNullKeyWhenChecked() {
    assertThatThrownBy(() -> StaticPartitionsDefinition.of("a").checkKey(null, MARCH_10))
        .isInstanceOf(UnknownPartitionKeyException.class)
        .hasMessageStartingWith("Partition key null is not a partition");
    assertThatThrownBy(() -> DAILY.checkKey(null, MARCH_10))
        .isInstanceOf(UnknownPartitionKeyException.class);
  }

  @Test
  void shouldRejectUnknownOrReversedBoundsWhenTimeRange() {
    assertThatThrownBy(
            () -> DAILY.keysInRange(PartitionKeyRange.of("2024-03-01", "2024-02-01"), MARCH_10))
        .isNotInstanceOf(UnknownPartitionKeyException.class)
        .hasMessageContaining("is reversed: '2024-03-01' comes after '2024-02-01'");
    assertThatThrownBy(
            () -> DAILY.keysInRange(PartitionKeyRange.of("2024-02-01", "2024-03-20"), MARCH_10))
        .isInstanceOf(UnknownPartitionKeyException.class)
        .hasMessageContaining("'2024-03-20'");
    assertThat(DAILY.keysInRange(PartitionKeyRange.of("2024-02-27", "2024-03-01"), MARCH_10))
        .containsExactly("2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01");
  }
}
