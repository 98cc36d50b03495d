package io.pipewright.webserver.testlocation;

import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.In;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.asset.AssetCheckDefinition;
import io.pipewright.sdk.asset.AssetCheckResult;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetJobDefinition;
import io.pipewright.sdk.partition.DynamicPartitionsDefinition;
import io.pipewright.sdk.partition.StaticPartitionsDefinition;
import io.pipewright.sdk.partition.TimeWindowPartitionsDefinition;
import io.pipewright.sdk.types.Types;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The definitions the test code location serves: {@code etl} (config, a nested graph, a dependency
 * chain) and {@code hello} (one op, no config); and assets: {@code raw/numbers} (static partitions,
 * with a check), {@code summary} (depends on it), {@code daily_events} (daily partitions) and
 * {@code tenant_report} (dynamic partitions {@code tenants}), with the asset job {@code
 * numbers_job}.
 */
@ApplicationScoped
public class TestDefinitions {

  static final OpDefinition EXTRACT =
      OpDefinition.builder("extract")
          .description("Reads rows.")
          .config(ExtractConfig.class)
          .output(Types.list(Types.INT))
          .tag("kind", "source")
          .compute((ctx, in) -> List.of(1, 2, 3))
          .build();

  static final OpDefinition DOUBLE =
      OpDefinition.builder("double_rows")
          .input("rows", Types.list(Types.INT))
          .output(Types.list(Types.INT))
          .compute((ctx, in) -> in.getList("rows", Integer.class).stream().map(i -> 2 * i).toList())
          .build();

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

  static final OpDefinition LOAD =
      OpDefinition.builder("load")
          .input("rows", Types.list(Types.INT))
          .output(Types.NOTHING)
          .compute((ctx, in) -> null)
          .build();

  static final GraphDefinition ETL_GRAPH =
      GraphDefinition.builder("etl_graph")
          .compose(
              g -> {
                var extract = g.add(EXTRACT);
                var clean = g.add(CLEAN).in("rows", extract.out());
                g.add(LOAD).in("rows", clean.out());
              })
          .build();

  /** The ETL job: config on extract, a nested graph, tags. */
  public static final JobDefinition ETL =
      JobDefinition.builder("etl", ETL_GRAPH)
          .description("Extracts, cleans and loads rows.")
          .tag("team", "data")
          .build();

  /** A job of one op without config. */
  public static final JobDefinition HELLO =
      JobDefinition.builder(
              "hello",
              OpDefinition.builder("say_hello").noOutputs().compute((ctx, in) -> null).build())
          .build();

  /** Statically partitioned, in group {@code raw}, with a check. */
  public static final AssetDefinition NUMBERS =
      AssetDefinition.builder("raw", "numbers")
          .description("Numbers per letter.")
          .group("raw")
          .kinds("java")
          .owners("team:data", "ann@example.com")
          .tag("tier", "bronze")
          .partitions(StaticPartitionsDefinition.of("a", "b", "c"))
          .compute((ctx, in) -> 1)
          .build();

  /** Unpartitioned, downstream of {@link #NUMBERS}. */
  public static final AssetDefinition SUMMARY =
      AssetDefinition.builder("summary")
          .description("Sums the numbers.")
          .input("numbers", io.pipewright.sdk.AssetKey.of("raw", "numbers"))
          .compute((ctx, in) -> 2)
          .build();

  /** Three daily partitions: the code location lists their keys. */
  public static final AssetDefinition DAILY_EVENTS =
      AssetDefinition.builder("daily_events")
          .partitions(TimeWindowPartitionsDefinition.daily("2026-01-01").withEnd("2026-01-04"))
          .compute((ctx, in) -> 3)
          .build();

  /** Partitioned by the dynamic partitions {@code tenants}. */
  public static final AssetDefinition TENANT_REPORT =
      AssetDefinition.builder("tenant_report")
          .partitions(DynamicPartitionsDefinition.named("tenants"))
          .compute((ctx, in) -> 4)
          .build();

  /** A check on {@link #NUMBERS}. */
  public static final AssetCheckDefinition NUMBERS_POSITIVE =
      AssetCheckDefinition.builder("positive", io.pipewright.sdk.AssetKey.of("raw", "numbers"))
          .description("Numbers are positive.")
          .compute((ctx, value) -> AssetCheckResult.passed())
          .build();

  /**
   * Produces the definitions, as a user's code location app does.
   *
   * @return the definitions
   */
  @Produces
  @Singleton
  Definitions definitions() {
    return Definitions.builder()
        .jobs(ETL, HELLO)
        .assets(NUMBERS, SUMMARY, DAILY_EVENTS, TENANT_REPORT)
        .assetChecks(NUMBERS_POSITIVE)
        .assetJob(AssetJobDefinition.builder("numbers_job").selection("key:raw/numbers").build())
        .build();
  }
}
