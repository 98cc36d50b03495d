package io.pipewright.sdk.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DefinitionsException;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.MaterializationData;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.partition.PartitionMapping;
import io.pipewright.sdk.partition.PartitionTags;
import io.pipewright.sdk.partition.PartitionedConfig;
import io.pipewright.sdk.partition.StaticPartitionsDefinition;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import io.pipewright.sdk.types.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionedAssetTest {
  static final TimeWindowPartitionsDefinition DAILY =
      TimeWindowPartitionsDefinition.daily("2026-01-01").withEnd("2026-01-11");
  static final AssetKey SALES = AssetKey.of("raw", "sales");
  static final AssetKey DELTA = AssetKey.of("analytics", "delta");
  static final AssetKey SUMMARY = AssetKey.of("analytics", "summary");

  /** Sales of a day: the day of month times ten, so every partition is recognisable. */
  static AssetDefinition sales() {
    return AssetDefinition.builder(SALES)
        .partitions(DAILY)
        .type(Types.INT)
        .compute(
            (ctx, in) -> {
              if (ctx.partitionKeys().size() == 1) {
                return day(ctx.partitionKey().orElseThrow());
              }
              Map<String, Integer> byDay = new LinkedHashMap<>();
              ctx.partitionKeys().forEach(k -> byDay.put(k, day(k)));
              return byDay;
            })
        .build();
  }

  static int day(String key) {
    return Integer.parseInt(key.substring(8)) * 10;
  }

  /** Today's sales minus yesterday's: the previous partition, through a time-window mapping. */
  static AssetDefinition delta() {
    return AssetDefinition.builder(DELTA)
        .partitions(DAILY)
        .input("today", AssetIn.of(SALES, Types.INT))
        .input(
            "yesterday",
            AssetIn.of(SALES, Types.INT).withPartitionMapping(PartitionMapping.timeWindow(-1, -1)))
        .type(Types.INT)
        .compute((ctx, in) -> in.getInt("today") - in.getInt("yesterday"))
        .build();
  }

  /** Unpartitioned: loads every partition of sales as a map. */
  static AssetDefinition summary() {
    return AssetDefinition.builder(SUMMARY)
        .input("sales", SALES)
        .compute((ctx, in) -> ((Map<?, ?>) in.get("sales")).size())
        .build();
  }

  private static Definitions defs(Path dir) {
    return Definitions.builder()
        .assets(sales(), delta(), summary())
        .assetJob(
            AssetJobDefinition.builder("daily")
                .selection("raw/sales or analytics/delta")
                .partitionedConfig(
                    PartitionedConfig.of(key -> RunConfig.empty())
                        .withTags(key -> Map.of("day", key)))
                .build())
        .resource("io_manager", IOManagers.filesystem(dir))
        .build();
  }

  @Test
  void shouldStoreOnePartitionPerFileAndTagTheRun(@TempDir Path dir) throws Exception {
    ExecutionResult result =
        JobExecution.of(defs(dir).job("daily")).partitionKey("2026-01-03").execute();

    assertThat(result.isSuccess()).isFalse().as("delta needs 2026-01-02 which is not stored yet");
    assertThat(Files.readString(dir.resolve("raw/sales/2026-01-03.json"))).isEqualTo("30");
    MaterializationData data =
        result
            .eventsOfType(EventType.ASSET_MATERIALIZATION)
            .get(0)
            .data(MaterializationData.class)
            .orElseThrow();
    assertThat(data.materialization().partition()).isEqualTo("2026-01-03");
  }

  @Test
  void shouldLoadThePreviousPartitionThroughATimeWindowMapping(@TempDir Path dir) {
    Definitions defs = defs(dir);
    JobExecution.materialize(defs, "raw/sales").partitionKey("2026-01-02").execute();

    ExecutionResult result =
        JobExecution.of(defs.job("daily")).partitionKey("2026-01-03").execute();

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.assetValue(DELTA, "2026-01-03")).isEqualTo(10);
    assertThat(result.events().get(0).runId()).isEqualTo(result.runId());
  }

  @Test
  void shouldRunARangeInOneRunWithAMapFromPartitionToValue(@TempDir Path dir) throws Exception {
    Definitions defs = defs(dir);
    ExecutionResult range =
        JobExecution.materialize(defs, "raw/sales")
            .partitionRange("2026-01-01", "2026-01-10")
            .execute();

    assertThat(range.isSuccess()).isTrue();
    assertThat(range.eventsOfType(EventType.ASSET_MATERIALIZATION)).hasSize(10);
    assertThat(Files.readString(dir.resolve("raw/sales/2026-01-07.json"))).isEqualTo("70");

    ExecutionResult all = JobExecution.materialize(defs, "analytics/summary").execute();
    assertThat(all.assetValue(SUMMARY)).isEqualTo(10);
  }

  @Test
  void shouldRejectAnUnknownPartitionKeyShowingTheValidRange(@TempDir Path dir) {
    Definitions defs = defs(dir);

    assertThatThrownBy(
            () -> JobExecution.of(defs.job("daily")).partitionKey("2025-12-31").execute())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2025-12-31")
        .hasMessageContaining("2026-01-01");
    assertThatThrownBy(() -> JobExecution.of(defs.job("daily")).execute())
        .hasMessageContaining("give a partition key");
  }

  @Test
  void shouldTagPartitionedRuns(@TempDir Path dir) {
    Definitions defs = defs(dir);
    java.util.Map<String, String> seen = new java.util.HashMap<>();
    AssetDefinition tagged =
        AssetDefinition.builder("tagged")
            .partitions(DAILY)
            .compute(
                (ctx, in) -> {
                  seen.putAll(ctx.runTags());
                  return 1;
                })
            .build();
    Definitions withTagged =
        Definitions.builder()
            .assets(tagged)
            .assetJob(
                AssetJobDefinition.builder("t")
                    .partitionedConfig(
                        PartitionedConfig.of(k -> RunConfig.empty())
                            .withTags(k -> Map.of("day", k)))
                    .build())
            .build();
    JobExecution.of(withTagged.job("t")).partitionKey("2026-01-05").execute();

    assertThat(seen)
        .containsEntry(PartitionTags.PARTITION, "2026-01-05")
        .containsEntry("day", "2026-01-05");
    assertThat(defs.assets()).hasSize(3);
  }

  @Test
  void shouldRejectSelectionsMixingPartitionsDefinitionsAndIncompatibleMappings() {
    AssetDefinition regional =
        AssetDefinition.builder("regional")
            .partitions(StaticPartitionsDefinition.of("eu", "us"))
            .compute((ctx, in) -> 1)
            .build();
    Definitions mixed = Definitions.builder().assets(sales(), regional).build();
    assertThatThrownBy(() -> JobExecution.materialize(mixed, "*"))
        .isInstanceOf(DefinitionsException.class)
        .hasMessageContaining("different partitions");

    AssetDefinition badMapping =
        AssetDefinition.builder("bad")
            .partitions(StaticPartitionsDefinition.of("eu", "us"))
            .input(
                "sales",
                AssetIn.of(SALES).withPartitionMapping(PartitionMapping.timeWindow(-1, -1)))
            .compute((ctx, in) -> 1)
            .build();
    assertThatThrownBy(() -> Definitions.builder().assets(sales(), badMapping).build())
        .isInstanceOf(DefinitionsException.class)
        .hasMessageContaining("partition mapping");
    assertThat(List.of(regional)).hasSize(1);
  }
}
