package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiToSingleDimensionPartitionMappingTest {

  private static final PartitionContext JAN_4 =
      PartitionContext.at(Instant.parse("2024-01-04T00:00:00Z"));
  private static final TimeWindowPartitionsDefinition DAILY =
      TimeWindowPartitionsDefinition.daily("2024-01-01");
  private static final TimeWindowPartitionsDefinition HOURLY =
      TimeWindowPartitionsDefinition.hourly("2024-01-01");
  private static final StaticPartitionsDefinition REGIONS =
      StaticPartitionsDefinition.of("us", "eu");
  private static final MultiPartitionsDefinition BY_DATE =
      MultiPartitionsDefinition.of("date", DAILY, "region", REGIONS);
  private static final MultiPartitionsDefinition BY_HOUR =
      MultiPartitionsDefinition.of("hour", HOURLY, "region", REGIONS);
  private static final MultiToSingleDimensionPartitionMapping THROUGH_DATE =
      PartitionMapping.multiToSingleDimension("date");

  @Test
  void shouldDependOnEveryCellOfTheDayWhenUpstreamIsMulti() {
    assertThat(THROUGH_DATE.upstreamKeys(List.of("2024-01-02"), DAILY, BY_DATE, JAN_4))
        .containsExactly("2024-01-02|us", "2024-01-02|eu");
    assertThat(
            THROUGH_DATE.upstreamKeys(List.of("2024-01-03", "2024-01-01"), DAILY, BY_DATE, JAN_4))
        .containsExactly("2024-01-01|us", "2024-01-01|eu", "2024-01-03|us", "2024-01-03|eu");
  }

  @Test
  void shouldFeedTheDayOfEachCellWhenUpstreamIsMulti() {
    assertThat(
            THROUGH_DATE.downstreamKeys(
                List.of("2024-01-03|us", "2024-01-02|eu", "2024-01-02|us"), BY_DATE, DAILY, JAN_4))
        .containsExactly("2024-01-02", "2024-01-03");
  }

  @Test
  void shouldDependOnTheDayOfEachCellWhenDownstreamIsMulti() {
    assertThat(THROUGH_DATE.upstreamKeys(List.of("2024-01-02|eu"), BY_DATE, DAILY, JAN_4))
        .containsExactly("2024-01-02");
  }

  @Test
  void shouldFeedEveryCellOfTheDayWhenDownstreamIsMulti() {
    assertThat(THROUGH_DATE.downstreamKeys(List.of("2024-01-02"), DAILY, BY_DATE, JAN_4))
        .containsExactly("2024-01-02|us", "2024-01-02|eu");
  }

  @Test
  void shouldMapThroughStaticDimensionWhenItMatches() {
    var throughRegion = PartitionMapping.multiToSingleDimension("region");

    assertThat(throughRegion.upstreamKeys(List.of("eu"), REGIONS, BY_DATE, JAN_4))
        .containsExactly("2024-01-01|eu", "2024-01-02|eu", "2024-01-03|eu");
    assertThat(throughRegion.downstreamKeys(List.of("2024-01-02|eu"), BY_DATE, REGIONS, JAN_4))
        .containsExactly("eu");
  }

  @Test
  void shouldRelateByOverlapWhenTimeDimensionHasAnotherCadence() {
    var throughHour = PartitionMapping.multiToSingleDimension("hour");

    var upstream = throughHour.upstreamKeys(List.of("2024-01-02"), DAILY, BY_HOUR, JAN_4);
    assertThat(upstream).hasSize(48).startsWith("2024-01-02-00:00|us", "2024-01-02-00:00|eu");
    assertThat(upstream).endsWith("2024-01-02-23:00|eu");
    assertThat(throughHour.downstreamKeys(List.of("2024-01-02-23:00|us"), BY_HOUR, DAILY, JAN_4))
        .containsExactly("2024-01-02");
    assertThat(throughHour.incompatibility(BY_HOUR, DAILY)).isEmpty();
  }

  @Test
  void shouldExplainWhenDimensionCannotRelate() {
    assertThat(PartitionMapping.multiToSingleDimension("color").incompatibility(BY_DATE, DAILY))
        .contains(
            "the multi-partitions definition has no dimension 'color'; its dimensions are [date,"
                + " region]");
    assertThat(
            PartitionMapping.multiToSingleDimension("region")
                .incompatibility(BY_DATE, StaticPartitionsDefinition.of("us", "eu", "ap")))
        .contains(
            "dimension 'region' has static partitions [us, eu] but the single-dimension asset has"
                + " static partitions [us, eu, ap]; they must be equal (or both time windows in one"
                + " time zone)");
    assertThat(THROUGH_DATE.incompatibility(BY_DATE, BY_DATE))
        .contains(
            "the multi-to-single-dimension mapping needs exactly one multi-partitioned asset, but"
                + " both are");
    assertThat(THROUGH_DATE.incompatibility(DAILY, DAILY)).get().asString().endsWith("neither is");
    assertThat(THROUGH_DATE.incompatibility(BY_DATE, null)).get().asString().contains("not");
    assertThat(THROUGH_DATE.incompatibility(BY_DATE, DAILY.withTimezone(ZoneId.of("Asia/Tokyo"))))
        .get()
        .asString()
        .contains("is in time zone UTC but the single-dimension asset in Asia/Tokyo");
    assertThatThrownBy(() -> PartitionMapping.multiToSingleDimension(" "))
        .hasMessageContaining("needs the name of a dimension");
  }

  @Test
  void shouldRejectUnknownKeysWhenMapping() {
    assertThatThrownBy(
            () -> THROUGH_DATE.upstreamKeys(List.of("2024-01-02|ap"), BY_DATE, DAILY, JAN_4))
        .isInstanceOf(UnknownPartitionKeyException.class)
        .hasMessageContaining("[dimension 'region']");
    assertThatThrownBy(
            () -> THROUGH_DATE.upstreamKeys(List.of("2024-01-09"), DAILY, BY_DATE, JAN_4))
        .isInstanceOf(UnknownPartitionKeyException.class);
  }
}
