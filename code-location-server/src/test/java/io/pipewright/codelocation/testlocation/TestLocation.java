package io.pipewright.codelocation.testlocation;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Backoff;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.DynamicOutputs;
import io.pipewright.sdk.ExecutorConfig;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.RetryPolicy;
import io.pipewright.sdk.asset.AssetCheckDefinition;
import io.pipewright.sdk.asset.AssetCheckResult;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetIn;
import io.pipewright.sdk.asset.AssetJobDefinition;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.asset.AssetSpec;
import io.pipewright.sdk.asset.ExternalAssetDefinition;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.io.IOManagers;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.partition.PartitionMapping;
import io.pipewright.sdk.partition.PartitionedConfig;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import io.pipewright.sdk.resource.ResourceDefinition;
import io.pipewright.sdk.schedule.DefaultStatus;
import io.pipewright.sdk.schedule.DynamicPartitionsRequest;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import io.pipewright.sdk.schedule.ScheduleResult;
import io.pipewright.sdk.schedule.SensorDefinition;
import io.pipewright.sdk.schedule.SensorResult;
import io.pipewright.sdk.types.Types;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The definitions the server's tests serve: two op jobs (one with config, a nested graph, a dynamic
 * fan-out, a resource and a retry policy), a daily-partitioned asset graph with a check and an
 * external asset, an asset job with partitioned config, a schedule that skips on Sundays, a sensor
 * that requests runs and one that throws.
 */
public final class TestLocation {

  private TestLocation() {}

  /** Five days, the end excluded: the keys do not depend on the clock. */
  public static final TimeWindowPartitionsDefinition DAILY =
      TimeWindowPartitionsDefinition.daily("2026-01-01").withEnd("2026-01-06");

  /** The raw orders asset. */
  public static final AssetKey ORDERS = AssetKey.of("raw", "orders");

  /** The daily revenue asset. */
  public static final AssetKey REVENUE = AssetKey.of("analytics", "daily_revenue");

  /** The unpartitioned summary asset. */
  public static final AssetKey SUMMARY = AssetKey.of("analytics", "summary");

  /** The external asset. */
  public static final AssetKey RATES = AssetKey.of("vendor", "rates");

  static final OpDefinition EXTRACT =
      OpDefinition.builder("extract")
          .description("Reads rows.")
          .config(ExtractConfig.class)
          .output(Types.list(Types.INT))
          .tag("kind", "source")
          .retryPolicy(
              RetryPolicy.builder()
                  .maxRetries(2)
                  .delay(Duration.ofSeconds(1))
                  .backoff(Backoff.EXPONENTIAL)
                  .build())
          .compute((ctx, in) -> List.of(1, 2, 3))
          .build();

  static final OpDefinition DOUBLE =
      OpDefinition.builder("double_rows")
          .input("rows", Types.list(Types.INT))
          .output(Types.list(Types.INT))
          .compute((ctx, in) -> in.getList("rows", Integer.class).stream().map(i -> 2 * i).toList())
          .build();

  /** A nested graph with an input and an output mapping. */
  static final GraphDefinition CLEAN =
      GraphDefinition.builder("clean")
          .description("Doubles the rows.")
          .compose(
              g -> {
                var rows = g.input(In.of("rows", Types.list(Types.INT)));
                var doubled = g.add(DOUBLE).in("rows", rows);
                g.output("result", doubled.out());
              })
          .build();

  static final OpDefinition SPLIT =
      OpDefinition.builder("split")
          .input("rows", Types.list(Types.INT))
          .output(Out.dynamic("parts", Types.INT))
          .compute(
              (ctx, in) -> {
                DynamicOutputs.Builder out = DynamicOutputs.builder();
                for (Integer row : in.getList("rows", Integer.class)) {
                  out.add("r" + row, row);
                }
                return out.build();
              })
          .build();

  static final OpDefinition SQUARE =
      OpDefinition.builder("square")
          .input("n", Types.INT)
          .output(Types.INT)
          .compute((ctx, in) -> in.get("n", Integer.class) * in.get("n", Integer.class))
          .build();

  static final OpDefinition LOAD =
      OpDefinition.builder("load")
          .input("values", Types.list(Types.INT))
          .output(Types.NOTHING)
          .requiredResources("warehouse")
          .compute((ctx, in) -> null)
          .build();

  static final GraphDefinition ETL_GRAPH =
      GraphDefinition.builder("etl")
          .compose(
              g -> {
                var extract = g.add(EXTRACT);
                var clean = g.add(CLEAN).in("rows", extract.out());
                var split = g.add(SPLIT).in("rows", clean.out());
                var square = g.add(SQUARE).in("n", split.out("parts")).tag("mapped", "yes");
                g.add(LOAD).in("values", square.out().collect());
              })
          .build();

  static final ResourceDefinition<String> WAREHOUSE =
      ResourceDefinition.<String>builder(ctx -> ctx.config(WarehouseConfig.class).url())
          .description("The warehouse.")
          .config(WarehouseConfig.class)
          .build();

  /** The ETL job: config, nested graph, fan-out, resource. */
  public static final JobDefinition ETL =
      JobDefinition.builder("etl", ETL_GRAPH)
          .description("Extracts, cleans and loads rows.")
          .resource("warehouse", WAREHOUSE)
          .tag("team", "data")
          .executor(ExecutorConfig.multiThread(4))
          .build();

  /** A job of one op without config. */
  public static final JobDefinition HELLO =
      JobDefinition.builder(
              "hello",
              OpDefinition.builder("say_hello").noOutputs().compute((ctx, in) -> null).build())
          .build();

  static final AssetDefinition RAW_ORDERS =
      AssetDefinition.builder(ORDERS)
          .description("Orders of one day.")
          .group("ingest")
          .kinds("java", "json")
          .owners("team:data")
          .tag("tier", "bronze")
          .metadata(Metadata.of("source", "shop", "rows_expected", 10))
          .codeVersion("1")
          .partitions(DAILY)
          .type(Types.list(Types.INT))
          .compute((ctx, in) -> List.of(1, 2))
          .build();

  static final AssetDefinition DAILY_REVENUE =
      AssetDefinition.builder(REVENUE)
          .group("sales")
          .partitions(DAILY)
          .input("orders", AssetIn.of(ORDERS).withPartitionMapping(PartitionMapping.identity()))
          .dep(RATES)
          .type(Types.INT)
          .compute((ctx, in) -> 3)
          .build();

  static final AssetDefinition SUMMARY_ASSET =
      AssetDefinition.builder(SUMMARY)
          .group("sales")
          .input("revenue", AssetIn.of(REVENUE))
          .compute((ctx, in) -> "ok")
          .build();

  static final ExternalAssetDefinition VENDOR_RATES =
      ExternalAssetDefinition.of(AssetSpec.of(RATES).withGroup("vendor"));

  static final AssetCheckDefinition ORDERS_NOT_EMPTY =
      AssetCheckDefinition.builder("orders_not_empty", ORDERS)
          .blocking(true)
          .description("At least one order a day.")
          .compute(
              (ctx, value) ->
                  ((List<?>) value).isEmpty()
                      ? AssetCheckResult.failed("no orders")
                      : AssetCheckResult.passed())
          .build();

  /** Requests a run of {@code hello} at each tick, except on Sundays, when it skips. */
  public static final ScheduleDefinition NIGHTLY =
      ScheduleDefinition.builder("nightly_hello", "0 3 * * *")
          .timezone("Europe/Berlin")
          .description("Says hello every night but Sunday.")
          .job("hello")
          .defaultStatus(DefaultStatus.RUNNING)
          .evaluation(
              ctx ->
                  ctx.localScheduledTime().getDayOfWeek() == DayOfWeek.SUNDAY
                      ? ScheduleResult.skip("No hello on Sundays")
                      : ScheduleResult.runs(
                          RunRequest.builder()
                              .runKey("hello-" + ctx.localScheduledTime().toLocalDate())
                              .tag("day", ctx.localScheduledTime().toLocalDate().toString())
                              .build()))
          .build();

  /** Requests one ETL run per tick, keyed by the cursor, and advances the cursor. */
  public static final SensorDefinition NEW_FILES =
      SensorDefinition.builder(
              "new_files",
              ctx -> {
                int next = ctx.cursor().map(Integer::parseInt).orElse(0) + 1;
                return SensorResult.runs(
                        RunRequest.builder()
                            .runKey("file-" + next)
                            .runConfig(
                                RunConfig.builder()
                                    .opConfig("extract", Map.of("limit", next))
                                    .resourceConfig("warehouse", Map.of("url", "jdbc:test"))
                                    .build())
                            .build())
                    .withCursor(Integer.toString(next))
                    .withDynamicPartitions(
                        DynamicPartitionsRequest.add("files", List.of("file-" + next)));
              })
          .job("etl")
          .minimumInterval(Duration.ofSeconds(60))
          .build();

  /** A sensor whose code throws. */
  public static final SensorDefinition BROKEN =
      SensorDefinition.builder(
              "broken_sensor",
              ctx -> {
                throw new IllegalStateException("the file server is down");
              })
          .assets(AssetSelection.keys(SUMMARY))
          .build();

  /** The partitioned config of {@code daily_sales}: the last day's function fails. */
  private static RunConfig configOfDay(String day) {
    if (day.equals(BROKEN_DAY)) {
      throw new IllegalArgumentException("no config for " + day);
    }
    return RunConfig.empty();
  }

  /** The day whose partitioned config throws. */
  public static final String BROKEN_DAY = "2026-01-05";

  /**
   * Builds the test location's definitions.
   *
   * @return the definitions
   */
  public static Definitions definitions() {
    return Definitions.builder()
        .jobs(ETL, HELLO)
        .assets(RAW_ORDERS, DAILY_REVENUE, SUMMARY_ASSET, VENDOR_RATES)
        .assetChecks(ORDERS_NOT_EMPTY)
        .assetJob(
            AssetJobDefinition.builder("daily_sales")
                .description("The partitioned assets of one day.")
                .selection("key:raw/orders or key:analytics/daily_revenue")
                .tag("team", "sales")
                .partitionedConfig(
                    PartitionedConfig.of(TestLocation::configOfDay)
                        .withTags(day -> Map.of("day", day)))
                .build())
        .resource("io_manager", IOManagers.inMemory())
        .schedules(NIGHTLY)
        .sensors(NEW_FILES, BROKEN)
        .build();
  }
}
