package io.pipewright.examples.etl.docs;

import static io.pipewright.examples.etl.docs.PartitionsDocTest.DAILY;
import static io.pipewright.examples.etl.docs.PartitionsDocTest.DAILY_REVENUE;
import static io.pipewright.examples.etl.docs.PartitionsDocTest.DAILY_REVENUE_ASSET;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetIn;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.partition.MultiPartitionsDefinition;
import io.pipewright.sdk.partition.PartitionContext;
import io.pipewright.sdk.partition.PartitionMapping;
import io.pipewright.sdk.partition.StaticPartitionsDefinition;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import io.pipewright.sdk.testing.RunAssertions;
import io.pipewright.sdk.types.Types;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the snippets of the "Partition mappings" section of {@code docs/concepts.md}. */
class PartitionMappingsDocTest {

  // tag::partition-mapping[]
  /** Today's revenue minus yesterday's: the same partition, and the one before it. */
  static final AssetDefinition REVENUE_CHANGE =
      AssetDefinition.builder("analytics", "revenue_change")
          .partitions(DAILY)
          .input("today", AssetIn.of(DAILY_REVENUE, Types.DOUBLE)) // default: the same day
          .input(
              "yesterday",
              AssetIn.of(DAILY_REVENUE, Types.DOUBLE)
                  .withPartitionMapping(PartitionMapping.timeWindow(-1, -1)))
          .type(Types.DOUBLE)
          .compute((ctx, in) -> in.getDouble("today") - in.getDouble("yesterday"))
          .build();

  /** Revenue of the last three days: an input of several partitions is a Map, day to value. */
  static final AssetDefinition REVENUE_3D =
      AssetDefinition.builder("analytics", "revenue_3d")
          .partitions(DAILY)
          .input(
              "days",
              AssetIn.of(DAILY_REVENUE, Types.DOUBLE)
                  .withPartitionMapping(PartitionMapping.timeWindow(-2, 0)))
          .type(Types.DOUBLE)
          .compute(
              (ctx, in) ->
                  in.get("days", Map.class).values().stream()
                      .mapToDouble(v -> ((Number) v).doubleValue())
                      .sum())
          .build();

  /** Unpartitioned: depends on every partition (the default), loaded as one Map. */
  static final AssetDefinition WEEK_TOTAL =
      AssetDefinition.builder("analytics", "week_total")
          .input("days", DAILY_REVENUE)
          .type(Types.DOUBLE)
          .compute(
              (ctx, in) ->
                  in.get("days", Map.class).values().stream()
                      .mapToDouble(v -> ((Number) v).doubleValue())
                      .sum())
          .build();

  // end::partition-mapping[]

  @Test
  void shouldLoadTheMappedPartitionsOfTheUpstreamAsset(@TempDir Path storage) {
    Definitions defs =
        Definitions.builder()
            .assets(DAILY_REVENUE_ASSET, REVENUE_CHANGE, REVENUE_3D, WEEK_TOTAL)
            .resource("io_manager", IOManagers.filesystem(storage))
            .build();
    // tag::partition-mapping-run[]
    JobExecution.materialize(defs, "analytics/daily_revenue")
        .partitionRange("2026-01-01", "2026-01-07")
        .execute();

    ExecutionResult day =
        JobExecution.materialize(defs, "analytics/revenue_change or analytics/revenue_3d")
            .partitionKey("2026-01-05")
            .execute();
    ExecutionResult week = JobExecution.materialize(defs, "analytics/week_total").execute();

    assertThat(day.assetValue(AssetKey.of("analytics", "revenue_change"), "2026-01-05"))
        .isEqualTo(100.0); // 500 - 400
    assertThat(week.assetValue(AssetKey.of("analytics", "week_total"))).isEqualTo(2800.0);
    // end::partition-mapping-run[]

    RunAssertions.assertThat(day).succeeded();
    assertThat(day.assetValue(AssetKey.of("analytics", "revenue_change"), "2026-01-05"))
        .isEqualTo(100.0);
    assertThat(day.assetValue(AssetKey.of("analytics", "revenue_3d"), "2026-01-05"))
        .isEqualTo(300.0 + 400.0 + 500.0);
    RunAssertions.assertThat(week).succeeded();
    assertThat(week.assetValue(AssetKey.of("analytics", "week_total"))).isEqualTo(2800.0);
  }

  @Test
  void shouldMapKeysWithEachBuiltInMapping() {
    // tag::partition-mapping-api[]
    PartitionContext ctx = PartitionContext.at(Instant.parse("2026-02-01T00:00:00Z"));
    StaticPartitionsDefinition countries = StaticPartitionsDefinition.of("de", "fr", "us");
    StaticPartitionsDefinition markets = StaticPartitionsDefinition.of("eu", "na");
    MultiPartitionsDefinition dayAndRegion =
        MultiPartitionsDefinition.of(
            "date", DAILY, "region", StaticPartitionsDefinition.of("north", "south"));
    TimeWindowPartitionsDefinition hourly =
        TimeWindowPartitionsDefinition.hourly("2026-01-01-00:00").withEnd("2026-01-08-00:00");

    // Which upstream partitions does a downstream partition read?
    Set<String> yesterday =
        PartitionMapping.timeWindow(-1, -1).upstreamKeys(List.of("2026-01-05"), DAILY, DAILY, ctx);
    // [2026-01-04]
    Set<String> hoursOfTheDay = // the default between two time-window definitions
        PartitionMapping.defaultFor(hourly, DAILY)
            .upstreamKeys(List.of("2026-01-05"), DAILY, hourly, ctx);
    // [2026-01-05-00:00, ..., 2026-01-05-23:00]
    Set<String> lastTwo = // for an unpartitioned downstream asset (null)
        PartitionMapping.lastPartitions(2).upstreamKeys(List.of(), null, DAILY, ctx);
    // [2026-01-06, 2026-01-07]
    Set<String> euCountries =
        PartitionMapping.staticMap(
                Map.of("de", Set.of("eu"), "fr", Set.of("eu"), "us", Set.of("na")))
            .upstreamKeys(List.of("eu"), markets, countries, ctx);
    // [de, fr]
    Set<String> bothRegions =
        PartitionMapping.multiToSingleDimension("date")
            .upstreamKeys(List.of("2026-01-05"), DAILY, dayAndRegion, ctx);
    // [2026-01-05|north, 2026-01-05|south]
    // end::partition-mapping-api[]

    assertThat(yesterday).containsExactly("2026-01-04");
    assertThat(hoursOfTheDay)
        .hasSize(24)
        .startsWith("2026-01-05-00:00")
        .endsWith("2026-01-05-23:00");
    assertThat(lastTwo).containsExactly("2026-01-06", "2026-01-07");
    assertThat(euCountries).containsExactly("de", "fr");
    assertThat(bothRegions).containsExactly("2026-01-05|north", "2026-01-05|south");
    assertThat(PartitionMapping.defaultFor(DAILY, DAILY).describe()).contains("time window");
    assertThat(PartitionMapping.defaultFor(DAILY, null))
        .isEqualTo(PartitionMapping.allPartitions());
    assertThat(PartitionMapping.defaultFor(countries, countries))
        .isEqualTo(PartitionMapping.identity());
    assertThat(PartitionMapping.defaultFor(dayAndRegion, DAILY).describe()).contains("date");
  }
}
