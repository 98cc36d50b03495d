package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.config.RunConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionedConfigTest {

  private static final PartitionedConfig CONFIG =
      PartitionedConfig.of(
          day -> RunConfig.builder().opConfig("load", Map.of("date", day)).build());

  @Test
  void shouldBuildRunConfigPerKeyWhenAsked() {
    assertThat(CONFIG.runConfigFor("2024-01-05").opConfig("load"))
        .isEqualTo(Map.of("date", "2024-01-05"));
  }

  @Test
  void shouldTagWithPartitionKeyWhenNoUserTags() {
    assertThat(CONFIG.tagsFor("2024-01-05"))
        .containsExactly(Map.entry("dagster/partition", "2024-01-05"));
  }

  @Test
  void shouldPutUserTagsFirstAndLetPartitionTagWinWhenTagsGiven() {
    var tagged =
        CONFIG.withTags(day -> Map.of("team", "finance", PartitionTags.PARTITION, "forged"));

    Map<String, String> tags = tagged.tagsFor("2024-01-05");

    assertThat(tags)
        .containsEntry("team", "finance")
        .containsEntry(PartitionTags.PARTITION, "2024-01-05")
        .hasSize(2);
    assertThat(tags.keySet()).last().isEqualTo(PartitionTags.PARTITION);
    assertThatThrownBy(() -> tags.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldTagRangeBoundsWhenRangeRun() {
    var tagged = CONFIG.withTags(day -> Map.of("first", day));

    assertThat(tagged.tagsFor(PartitionKeyRange.of("2024-01-01", "2024-01-31")))
        .containsExactly(
            Map.entry("first", "2024-01-01"),
            Map.entry("dagster/asset_partition_range_start", "2024-01-01"),
            Map.entry("dagster/asset_partition_range_end", "2024-01-31"));
  }

  @Test
  void shouldTagEachDimensionWhenMultiPartitioned() {
    var multi =
        MultiPartitionsDefinition.of(
            "region",
            StaticPartitionsDefinition.of("eu"),
            "date",
            TimeWindowPartitionsDefinition.daily("2024-01-01"));

    assertThat(CONFIG.tagsFor("2024-01-05|eu", multi))
        .containsExactly(
            Map.entry("dagster/partition", "2024-01-05|eu"),
            Map.entry("dagster/partition/date", "2024-01-05"),
            Map.entry("dagster/partition/region", "eu"));
    assertThat(CONFIG.tagsFor("eu", StaticPartitionsDefinition.of("eu")))
        .containsExactly(Map.entry("dagster/partition", "eu"));
  }

  @Test
  void shouldRejectNullRunConfigWhenFunctionReturnsNull() {
    var broken = PartitionedConfig.of(key -> null);

    assertThatThrownBy(() -> broken.runConfigFor("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("returned null for partition 'a'; return RunConfig.empty()");
    assertThat(PartitionedConfig.of(key -> RunConfig.empty()).withTags(key -> null).tagsFor("a"))
        .containsExactly(Map.entry("dagster/partition", "a"));
    assertThatThrownBy(() -> new PartitionedConfig(null, key -> Map.of()))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void shouldNameDimensionTagWhenAsked() {
    assertThat(PartitionTags.dimension("region")).isEqualTo("dagster/partition/region");
  }
}
