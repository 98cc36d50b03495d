package io.pipewright.examples.etl.docs;

import static io.pipewright.sdk.event.EventType.ASSET_MATERIALIZATION;
import static io.pipewright.sdk.event.EventType.ASSET_MATERIALIZATION_PLANNED;
import static io.pipewright.sdk.event.EventType.LOG_MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetJobDefinition;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.LogData;
import io.pipewright.sdk.execution.ExecutionResult;
import io.pipewright.sdk.execution.JobExecution;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.partition.DynamicPartitionsDefinition;
import io.pipewright.sdk.partition.DynamicPartitionsStore;
import io.pipewright.sdk.partition.InMemoryDynamicPartitionsStore;
import io.pipewright.sdk.partition.MultiPartitionKey;
import io.pipewright.sdk.partition.MultiPartitionsDefinition;
import io.pipewright.sdk.partition.PartitionContext;
import io.pipewright.sdk.partition.PartitionKeyRange;
import io.pipewright.sdk.partition.PartitionTags;
import io.pipewright.sdk.partition.PartitionedConfig;
import io.pipewright.sdk.partition.StaticPartitionsDefinition;
import io.pipewright.sdk.partition.TimeWindow;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import io.pipewright.sdk.testing.RunAssertions;
import io.pipewright.sdk.types.Types;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the snippets of the "Partitions" and "Partitioned runs" sections of {@code
 * docs/concepts.md}.
 */
class PartitionsDocTest {

  /** Stands in for a query of the day's revenue: the day of the month times 100. */
  static double revenueOn(String day) {
    return Integer.parseInt(day.substring(8, 10)) * 100.0;
  }

  /** Stands in for a count query on a table. */
  static int rowsIn(String table) {
    return table.endsWith("_05") ? 120 : 100;
  }

  // tag::partitioned-asset[]
  /** The first week of 2026; the end is exclusive. */
  static final TimeWindowPartitionsDefinition DAILY =
      TimeWindowPartitionsDefinition.daily("2026-01-01").withEnd("2026-01-08");

  static final AssetKey DAILY_REVENUE = AssetKey.of("analytics", "daily_revenue");

  static final AssetDefinition DAILY_REVENUE_ASSET =
      AssetDefinition.builder(DAILY_REVENUE)
          .group("sales")
          .partitions(DAILY)
          .type(Types.DOUBLE) // the type of one partition's value
          .compute(
              (ctx, in) -> {
                if (ctx.partitionKeys().size() == 1) { // the usual case: one day per run
                  return revenueOn(ctx.partitionKey().orElseThrow());
                }
                Map<String, Double> byDay = new LinkedHashMap<>(); // a range in one run
                for (String day : ctx.partitionKeys()) {
                  byDay.put(day, revenueOn(day));
                }
                return byDay;
              })
          .build();

  // end::partitioned-asset[]

  @Test
  void shouldListTheKeysOfEachKindOfDefinition() {
    // tag::partitions[]
    StaticPartitionsDefinition regions = StaticPartitionsDefinition.of("north", "south", "east");
    TimeWindowPartitionsDefinition daily =
        TimeWindowPartitionsDefinition.daily("2026-01-01").withTimezone(ZoneId.of("Europe/Berlin"));
    TimeWindowPartitionsDefinition hourly =
        TimeWindowPartitionsDefinition.hourly("2026-01-01-00:00");
    TimeWindowPartitionsDefinition weekly = // Sunday to Sunday, as in Dagster
        TimeWindowPartitionsDefinition.weekly("2026-01-04");
    TimeWindowPartitionsDefinition monthly =
        TimeWindowPartitionsDefinition.monthly("2025-01-01").withEnd("2026-01-01");

    // Time windows grow with time: a window is a partition once it has ended.
    PartitionContext now = PartitionContext.at(Instant.parse("2026-01-04T12:00:00Z"));
    List<String> days = daily.keys(now); // [2026-01-01, 2026-01-02, 2026-01-03]
    List<String> hours = hourly.keys(now); // [2026-01-01-00:00, ..., 2026-01-04-11:00]
    List<String> months = monthly.keys(now); // [2025-01-01, ..., 2025-12-01]: 12, the end is fixed
    // end::partitions[]

    assertThat(regions.keys()).containsExactly("north", "south", "east");
    assertThat(days).containsExactly("2026-01-01", "2026-01-02", "2026-01-03");
    assertThat(hours)
        .hasSize(3 * 24 + 12)
        .startsWith("2026-01-01-00:00")
        .endsWith("2026-01-04-11:00");
    assertThat(weekly.keys(now)).isEmpty();
    assertThat(weekly.keys(PartitionContext.at(Instant.parse("2026-01-11T00:00:00Z"))))
        .containsExactly("2026-01-04");
    assertThat(months).hasSize(12).startsWith("2025-01-01").endsWith("2025-12-01");
    assertThat(daily.timeWindowFor("2026-01-02").start())
        .isEqualTo(Instant.parse("2026-01-01T23:00:00Z"));
  }

  @Test
  void shouldFollowTheLocalCalendarAcrossDaylightSavingTime() {
    // tag::partitions-dst[]
    ZoneId newYork = ZoneId.of("America/New_York");
    PartitionContext later = PartitionContext.at(Instant.parse("2024-11-04T00:00:00Z"));

    // Clocks go back at 2:00 on 3 November 2024: the hour from 1:00 happens twice.
    List<String> hours =
        TimeWindowPartitionsDefinition.hourly("2024-11-03-00:00")
            .withTimezone(newYork)
            .withEnd("2024-11-03-03:00")
            .keys(later);
    // [2024-11-03-00:00, 2024-11-03-01:00, 2024-11-03-01:00-0500, 2024-11-03-02:00]

    // A daily window runs from local midnight to local midnight: 25 hours that day.
    TimeWindow fallBack =
        TimeWindowPartitionsDefinition.daily("2024-11-01")
            .withTimezone(newYork)
            .timeWindowFor("2024-11-03");
    Duration length = fallBack.duration(); // PT25H
    // end::partitions-dst[]

    assertThat(hours)
        .containsExactly(
            "2024-11-03-00:00", "2024-11-03-01:00", "2024-11-03-01:00-0500", "2024-11-03-02:00");
    assertThat(length).isEqualTo(Duration.ofHours(25));
    assertThat(
            TimeWindowPartitionsDefinition.daily("2024-03-01")
                .withTimezone(newYork)
                .timeWindowFor("2024-03-10")
                .duration())
        .isEqualTo(Duration.ofHours(23));
  }

  @Test
  void shouldCombineTwoDefinitionsAndListRanges() {
    PartitionContext now = PartitionContext.at(Instant.parse("2026-01-04T12:00:00Z"));
    // tag::partitions-multi[]
    MultiPartitionsDefinition dayAndRegion =
        MultiPartitionsDefinition.of(
            "date", TimeWindowPartitionsDefinition.daily("2026-01-01"),
            "region", StaticPartitionsDefinition.of("north", "south"));
    List<String> keys = dayAndRegion.keys(now); // [2026-01-01|north, 2026-01-01|south, ...]
    String region = MultiPartitionKey.parse("2026-01-02|south", dayAndRegion).keyOf("region");

    // A range of keys, inclusive at both ends (what a backfill or a range run targets):
    List<String> firstTwoDays =
        DAILY.keysInRange(PartitionKeyRange.of("2026-01-01", "2026-01-02"), now);
    // end::partitions-multi[]

    assertThat(keys)
        .containsExactly(
            "2026-01-01|north",
            "2026-01-01|south",
            "2026-01-02|north",
            "2026-01-02|south",
            "2026-01-03|north",
            "2026-01-03|south");
    assertThat(region).isEqualTo("south");
    assertThat(firstTwoDays).containsExactly("2026-01-01", "2026-01-02");
    assertThat(dayAndRegion.dimensionNames()).containsExactly("date", "region");
  }

  @Test
  void shouldRunOneDayOrARangeAndStoreEachPartitionInItsOwnFile(@TempDir Path storage) {
    Definitions defs =
        Definitions.builder()
            .assets(DAILY_REVENUE_ASSET)
            .resource("io_manager", IOManagers.filesystem(storage))
            .build();
    // tag::partitioned-run[]
    ExecutionResult day =
        JobExecution.materialize(defs, "analytics/daily_revenue")
            .partitionKey("2026-01-05")
            .execute();

    ExecutionResult week = // one run, one call of the function, seven partitions stored
        JobExecution.materialize(defs, "analytics/daily_revenue")
            .partitionRange("2026-01-01", "2026-01-07")
            .execute();

    assertThat(day.assetValue(DAILY_REVENUE, "2026-01-05")).isEqualTo(500.0);
    assertThat(storage.resolve("analytics/daily_revenue/2026-01-05.json")).hasContent("500.0");
    assertThat(week.eventsOfType(ASSET_MATERIALIZATION)).hasSize(7); // one per partition
    // end::partitioned-run[]
    RunAssertions.assertThat(day).succeeded();
    RunAssertions.assertThat(week).succeeded();
    assertThat(week.eventsOfType(ASSET_MATERIALIZATION_PLANNED)).hasSize(7);
    assertThat(week.assetValue(DAILY_REVENUE, "2026-01-07")).isEqualTo(700.0);
  }

  // tag::partitioned-config[]
  /** Which table holds the day's orders. */
  public record DailyOrdersConfig(String table) {}

  static final AssetDefinition DAILY_ORDER_COUNT =
      AssetDefinition.builder("analytics", "daily_order_count")
          .partitions(DAILY)
          .config(DailyOrdersConfig.class) // at ops.analytics__daily_order_count.config
          .type(Types.INT)
          .compute(
              (ctx, in) -> {
                DailyOrdersConfig config = ctx.config(DailyOrdersConfig.class);
                ctx.log().info("Counting " + config.table(), ctx.runTags());
                return rowsIn(config.table());
              })
          .build();

  static final AssetJobDefinition DAILY_COUNT_JOB =
      AssetJobDefinition.builder("daily_order_count_job")
          .selection("analytics/daily_order_count")
          .partitionedConfig(
              PartitionedConfig.of(
                      day ->
                          RunConfig.builder()
                              .opConfig(
                                  "analytics__daily_order_count",
                                  Map.of("table", "orders_" + day.replace("-", "_")))
                              .build())
                  .withTags(day -> Map.of("month", day.substring(0, 7))))
          .build();

  // end::partitioned-config[]

  @Test
  void shouldGiveEachPartitionItsConfigAndTags() {
    Definitions defs =
        Definitions.builder().assets(DAILY_ORDER_COUNT).assetJob(DAILY_COUNT_JOB).build();

    ExecutionResult result =
        JobExecution.of(defs.job("daily_order_count_job")).partitionKey("2026-01-05").execute();

    RunAssertions.assertThat(result).succeeded();
    assertThat(result.assetValue(AssetKey.of("analytics", "daily_order_count"), "2026-01-05"))
        .isEqualTo(120);
    LogData log = result.eventsOfType(LOG_MESSAGE).get(0).data(LogData.class).orElseThrow();
    assertThat(result.eventsOfType(LOG_MESSAGE).get(0).message())
        .isEqualTo("Counting orders_2026_01_05");
    assertThat(log.fields())
        .containsEntry(PartitionTags.PARTITION, "2026-01-05")
        .containsEntry("month", "2026-01");
  }

  @Test
  void shouldRunAPartitionThatWasAddedToTheStore(@TempDir Path storage) {
    // tag::partitions-dynamic[]
    DynamicPartitionsDefinition customers = DynamicPartitionsDefinition.named("customers");
    AssetDefinition customerReport =
        AssetDefinition.builder("reports", "customer_report")
            .partitions(customers)
            .compute((ctx, in) -> "Report for " + ctx.partitionKey().orElseThrow())
            .build();

    DynamicPartitionsStore store = new InMemoryDynamicPartitionsStore();
    Definitions defs =
        Definitions.builder()
            .assets(customerReport)
            .dynamicPartitions(store) // where the keys live
            .resource("io_manager", IOManagers.filesystem(storage))
            .build();
    store.add("customers", List.of("acme", "globex")); // at run time: a sensor, an op, a person

    ExecutionResult result =
        JobExecution.materialize(defs, "reports/customer_report").partitionKey("globex").execute();
    // end::partitions-dynamic[]

    RunAssertions.assertThat(result).succeeded();
    assertThat(result.assetValue(AssetKey.of("reports", "customer_report"), "globex"))
        .isEqualTo("Report for globex");
    assertThat(storage.resolve("reports/customer_report/globex.json")).exists();
  }
}
