package io.pipewright.sdk.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiPartitionsDefinitionTest {

  private static final PartitionContext CTX =
      PartitionContext.at(Instant.parse("2024-01-03T00:00:00Z"));
  private static final TimeWindowPartitionsDefinition DAILY =
      TimeWindowPartitionsDefinition.daily("2024-01-01");
  private static final StaticPartitionsDefinition REGIONS =
      StaticPartitionsDefinition.of("us", "eu");

  private static final MultiPartitionsDefinition BY_DAY_AND_REGION =
      MultiPartitionsDefinition.of("region", REGIONS, "date", DAILY);

  @Test
  void shouldOrderDimensionsByNameWhenKeysListed() {
    assertThat(BY_DAY_AND_REGION.dimensionNames()).containsExactly("date", "region");
    assertThat(BY_DAY_AND_REGION.keys(CTX))
        .containsExactly("2024-01-01|us", "2024-01-01|eu", "2024-01-02|us", "2024-01-02|eu");
    assertThat(BY_DAY_AND_REGION.size(CTX)).isEqualTo(4);
    assertThat(BY_DAY_AND_REGION.dimensions()).containsOnlyKeys("date", "region");
    assertThat(BY_DAY_AND_REGION.dimension("region")).isEqualTo(REGIONS);
  }

  @Test
  void shouldCheckEveryPartWhenHasKey() {
    assertThat(BY_DAY_AND_REGION.hasKey("2024-01-02|eu", CTX)).isTrue();
    assertThat(BY_DAY_AND_REGION.hasKey("eu|2024-01-02", CTX)).isFalse();
    assertThat(BY_DAY_AND_REGION.hasKey("2024-01-03|eu", CTX)).isFalse();
    assertThat(BY_DAY_AND_REGION.hasKey("2024-01-02", CTX)).isFalse();
    assertThat(BY_DAY_AND_REGION.hasKey("2024-01-02|eu|x", CTX)).isFalse();
    assertThat(BY_DAY_AND_REGION.hasKey(null, CTX)).isFalse();
  }

  @Test
  void shouldUseDynamicKeysFromStoreWhenDimensionIsDynamic() {
    var store = new InMemoryDynamicPartitionsStore();
    store.add("files", List.of("f1", "f2"));
    var multi =
        MultiPartitionsDefinition.of(
            "file", DynamicPartitionsDefinition.named("files"), "region", REGIONS);
    var ctx = new PartitionContext(Instant.EPOCH, store);

    assertThat(multi.keys(ctx)).containsExactly("f1|us", "f1|eu", "f2|us", "f2|eu");
  }

  @Test
  void shouldSpanBoxWhenKeysInRange() {
    var ctx = PartitionContext.at(Instant.parse("2024-01-05T00:00:00Z"));
    var multi =
        MultiPartitionsDefinition.of(
            "region", StaticPartitionsDefinition.of("a", "b", "c"), "date", DAILY);

    assertThat(multi.keysInRange(PartitionKeyRange.of("2024-01-02|a", "2024-01-03|b"), ctx))
        .containsExactly("2024-01-02|a", "2024-01-02|b", "2024-01-03|a", "2024-01-03|b");
    assertThatThrownBy(
            () -> multi.keysInRange(PartitionKeyRange.of("2024-01-02|b", "2024-01-03|a"), ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is reversed in a dimension");
  }

  @Test
  void shouldNameTheBadPartAndSuggestWhenKeyUnknown() {
    assertThatThrownBy(() -> BY_DAY_AND_REGION.checkKey("2024-01-02|e", CTX))
        .isInstanceOf(UnknownPartitionKeyException.class)
        .hasMessageStartingWith(
            "Partition key '2024-01-02|e' is not a partition of multi-partitions of date (daily"
                + " partitions from 2024-01-01 in UTC) and region (static partitions [us, eu]):"
                + " [dimension 'region'] Partition key 'e' is not a partition of static"
                + " partitions [us, eu].")
        .hasMessageEndingWith("Did you mean '2024-01-02|eu'?")
        .satisfies(
            e ->
                assertThat(((UnknownPartitionKeyException) e).suggestion())
                    .contains("2024-01-02|eu"));
  }

  @Test
  void shouldExplainKeyShapeWhenPartsMissing() {
    assertThatThrownBy(() -> BY_DAY_AND_REGION.checkKey("eu", CTX))
        .isInstanceOf(UnknownPartitionKeyException.class)
        .hasMessageContaining(
            "a multi-partition key joins one key per dimension with '|', in"
                + " dimension-name order (date|region)");
  }

  @Test
  void shouldRejectInvalidDimensionsWhenCreated() {
    assertThatThrownBy(() -> MultiPartitionsDefinition.of("a", REGIONS, "a", DAILY))
        .hasMessageContaining("both dimensions are named 'a'");
    assertThatThrownBy(() -> MultiPartitionsDefinition.of("a", BY_DAY_AND_REGION, "b", DAILY))
        .hasMessageContaining("dimension 'a' is itself multi-partitioned");
    assertThatThrownBy(() -> MultiPartitionsDefinition.of(" ", REGIONS, "b", null))
        .hasMessage(
            "Invalid multi-partitions definition: a dimension name is blank; dimension 'b' has no"
                + " partitions definition (null)");
    assertThatThrownBy(() -> BY_DAY_AND_REGION.dimension("color"))
        .hasMessageContaining("has no dimension 'color'; its dimensions are [date, region]");
  }

  @Test
  void shouldBeEqualRegardlessOfArgumentOrderWhenCompared() {
    assertThat(MultiPartitionsDefinition.of("date", DAILY, "region", REGIONS))
        .isEqualTo(BY_DAY_AND_REGION)
        .hasSameHashCodeAs(BY_DAY_AND_REGION);
  }

  @Test
  void shouldJoinByDimensionNameWhenMultiPartitionKeyFormatted() {
    var key = new MultiPartitionKey(Map.of("region", "eu", "date", "2024-01-01"));

    assertThat(key.toKeyString()).isEqualTo("2024-01-01|eu");
    assertThat(key).hasToString("2024-01-01|eu");
    assertThat(key.keysByDimension().keySet()).containsExactly("date", "region");
    assertThat(key.keyOf("region")).isEqualTo("eu");
    assertThat(MultiPartitionKey.parse("2024-01-01|eu", BY_DAY_AND_REGION)).isEqualTo(key);
    assertThat(MultiPartitionKey.of("region", "eu", "date", "2024-01-01")).isEqualTo(key);
  }

  @Test
  void shouldRejectBadPartsWhenMultiPartitionKeyBuilt() {
    assertThatThrownBy(() -> MultiPartitionKey.of("a", "x|y", "b", "z"))
        .hasMessageContaining("The key of dimension 'a'")
        .hasMessageContaining("contains '|'");
    assertThatThrownBy(() -> new MultiPartitionKey(Map.of("a", "x")))
        .hasMessageContaining("needs a key for each of two dimensions");
    assertThatThrownBy(() -> MultiPartitionKey.of("a", "x", "a", "y"))
        .hasMessageContaining("two different dimension names");
    assertThatThrownBy(() -> MultiPartitionKey.parse("2024-01-01|", BY_DAY_AND_REGION))
        .isInstanceOf(UnknownPartitionKeyException.class);
    assertThatThrownBy(() -> MultiPartitionKey.of("a", "x", "b", "y").keyOf("c"))
        .hasMessageContaining("has no dimension 'c'");
  }
}
