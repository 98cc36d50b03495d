package io.pipewright.protocol;

import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.AssetCheckSnapshot;
import io.pipewright.core.snapshot.AssetDependencySnapshot;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ConfigFieldSnapshot;
import io.pipewright.core.snapshot.ConfigSchemaSnapshot;
import io.pipewright.core.snapshot.DefaultStatus;
import io.pipewright.core.snapshot.ExecutorSnapshot;
import io.pipewright.core.snapshot.GraphNodeSnapshot;
import io.pipewright.core.snapshot.InputSnapshot;
import io.pipewright.core.snapshot.InputSourceSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.LoadError;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.pipewright.core.snapshot.OpNodeSnapshot;
import io.pipewright.core.snapshot.OutputMappingSnapshot;
import io.pipewright.core.snapshot.OutputSnapshot;
import io.pipewright.core.snapshot.PartitionMappingSnapshot;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.core.snapshot.ResourceSnapshot;
import io.pipewright.core.snapshot.RetryPolicySnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.core.snapshot.TableColumnSnapshot;
import io.pipewright.core.snapshot.TableSchemaSnapshot;
import io.pipewright.core.snapshot.TargetSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Snapshots with one of everything, for round-trip and client tests: every kind of node, config
 * type, partitions definition, partition mapping, metadata value, target and sensor, with optional
 * parts both set and left out.
 */
public final class Fixtures {

  public static final Instant T0 = Instant.parse("2024-03-01T06:00:00.123456789Z");

  private Fixtures() {}

  public static AssetKeySnapshot key(String... path) {
    return AssetKeySnapshot.of(path);
  }

  /** A JSON tree exercising every leaf kind, key order, nulls and numbers JSON doubles lose. */
  public static Map<String, Object> userJson() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("zeta", "last key first");
    tree.put("big", 9_007_199_254_740_993L);
    tree.put("int", 10);
    tree.put("float", 10.0);
    tree.put("decimal", new BigDecimal("12345678901234567890.123456789"));
    tree.put("flag", true);
    tree.put("nothing", null);
    tree.put("list", Arrays.asList(1, "two", null, List.of(3.5), Map.of("k", false)));
    tree.put("", "empty key");
    return tree;
  }

  public static List<MetadataEntrySnapshot> everyMetadataKind() {
    TableSchemaSnapshot schema =
        new TableSchemaSnapshot(
            List.of(
                new TableColumnSnapshot("id", "int", "the id"),
                new TableColumnSnapshot("name", "string", null)));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", 1);
    row.put("name", null);
    return List.of(
        new MetadataEntrySnapshot("text", new MetadataValueSnapshot.Text("hello")),
        new MetadataEntrySnapshot("md", new MetadataValueSnapshot.Markdown("# Title")),
        new MetadataEntrySnapshot("url", new MetadataValueSnapshot.Url("https://example.com")),
        new MetadataEntrySnapshot("path", new MetadataValueSnapshot.Path("/data/x.parquet")),
        new MetadataEntrySnapshot("json", new MetadataValueSnapshot.Json(userJson())),
        new MetadataEntrySnapshot("json_leaf", new MetadataValueSnapshot.Json(null)),
        new MetadataEntrySnapshot("rows", new MetadataValueSnapshot.Int(Long.MIN_VALUE)),
        new MetadataEntrySnapshot("ratio", new MetadataValueSnapshot.Float(Double.NaN)),
        new MetadataEntrySnapshot("ok", new MetadataValueSnapshot.Bool(true)),
        new MetadataEntrySnapshot("at", new MetadataValueSnapshot.Timestamp(T0)),
        new MetadataEntrySnapshot("table", new MetadataValueSnapshot.Table(List.of(row), schema)),
        new MetadataEntrySnapshot("bare_table", new MetadataValueSnapshot.Table(List.of(), null)),
        new MetadataEntrySnapshot("schema", new MetadataValueSnapshot.TableSchema(schema)),
        new MetadataEntrySnapshot("asset", new MetadataValueSnapshot.AssetKey(key("a", "b"))),
        new MetadataEntrySnapshot("run", new MetadataValueSnapshot.RunId("run-1")),
        new MetadataEntrySnapshot("none", new MetadataValueSnapshot.Null()));
  }

  /** A config type using every kind, with defaults and descriptions. */
  public static ConfigSchemaSnapshot everyConfigKind() {
    return new ConfigSchemaSnapshot.Shape(
        List.of(
            new ConfigFieldSnapshot(
                "limit",
                new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.INT),
                true,
                null,
                "how many rows"),
            new ConfigFieldSnapshot(
                "mode",
                new ConfigSchemaSnapshot.EnumType("Mode", List.of("FAST", "SAFE")),
                false,
                "SAFE",
                null),
            new ConfigFieldSnapshot(
                "tables",
                new ConfigSchemaSnapshot.Array(
                    new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.STRING)),
                false,
                List.of("a", "b"),
                null),
            new ConfigFieldSnapshot(
                "weights",
                new ConfigSchemaSnapshot.MapOf(
                    new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.FLOAT)),
                false,
                null,
                null),
            new ConfigFieldSnapshot(
                "maybe",
                new ConfigSchemaSnapshot.Noneable(
                    new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.LONG)),
                false,
                null,
                null),
            new ConfigFieldSnapshot(
                "extra", new ConfigSchemaSnapshot.Any(), false, userJson(), "anything"),
            new ConfigFieldSnapshot(
                "nested",
                new ConfigSchemaSnapshot.Shape(
                    List.of(
                        new ConfigFieldSnapshot(
                            "on",
                            new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.BOOL),
                            false,
                            true,
                            null))),
                false,
                null,
                null)));
  }

  public static List<PartitionsSnapshot> everyPartitionsKind() {
    PartitionsSnapshot daily =
        new PartitionsSnapshot.TimeWindow(
            "2024-01-01",
            null,
            PartitionsSnapshot.Cadence.DAILY,
            "0 0 * * *",
            "UTC",
            "yyyy-MM-dd",
            0,
            0,
            0,
            0);
    PartitionsSnapshot monthly =
        new PartitionsSnapshot.TimeWindow(
            "2024-01-01",
            "2025-01-01",
            PartitionsSnapshot.Cadence.MONTHLY,
            null,
            "Europe/Berlin",
            "yyyy-MM",
            -1,
            15,
            6,
            3);
    PartitionsSnapshot regions = new PartitionsSnapshot.Static(List.of("eu", "us"));
    return List.of(
        regions,
        daily,
        monthly,
        new PartitionsSnapshot.Dynamic("customers"),
        new PartitionsSnapshot.Multi(
            List.of(
                new PartitionsSnapshot.Dimension("date", daily),
                new PartitionsSnapshot.Dimension("region", regions))));
  }

  public static List<PartitionMappingSnapshot> everyPartitionMappingKind() {
    Map<String, List<String>> table = new LinkedHashMap<>();
    table.put("q1", List.of("jan", "feb", "mar"));
    table.put("q2", List.of());
    return List.of(
        new PartitionMappingSnapshot.Identity(),
        new PartitionMappingSnapshot.TimeWindow(-1, 0),
        new PartitionMappingSnapshot.All(),
        new PartitionMappingSnapshot.Last(3),
        new PartitionMappingSnapshot.Static(table),
        new PartitionMappingSnapshot.MultiToSingleDimension("date"));
  }

  public static RetryPolicySnapshot retryPolicy() {
    return new RetryPolicySnapshot(
        3,
        Duration.ofMillis(1500),
        RetryPolicySnapshot.Backoff.EXPONENTIAL,
        RetryPolicySnapshot.Jitter.PLUS_MINUS);
  }

  /** A job whose graph nests a graph, with every input source kind. */
  public static JobSnapshot nestedJob() {
    OutputSnapshot rows =
        new OutputSnapshot("rows", "List", "the rows", false, false, "io_manager", null, List.of());
    OpNodeSnapshot extract =
        new OpNodeSnapshot(
            "extract",
            "extract",
            "reads rows",
            List.of(),
            List.of(
                rows,
                new OutputSnapshot(
                    "parts", "Any", null, true, true, "fs", key("raw"), everyMetadataKind())),
            Map.of("team", "data"),
            List.of("db", "io_manager"),
            retryPolicy(),
            everyConfigKind());
    InputSnapshot graphIn =
        new InputSnapshot(
            "rows",
            "List",
            null,
            List.of(new InputSourceSnapshot.NodeOutput("extract", "rows", false)),
            false,
            null,
            List.of());
    OpNodeSnapshot clean =
        new OpNodeSnapshot(
            "clean",
            "clean_op",
            null,
            List.of(
                new InputSnapshot(
                    "rows",
                    "List",
                    "input rows",
                    List.of(new InputSourceSnapshot.GraphInput("rows")),
                    true,
                    key("upstream", "table"),
                    List.of(new MetadataEntrySnapshot("n", new MetadataValueSnapshot.Int(1))))),
            List.of(rows),
            Map.of(),
            List.of(),
            new RetryPolicySnapshot(0, Duration.ZERO, null, null),
            null);
    GraphNodeSnapshot transform =
        new GraphNodeSnapshot(
            "transform",
            "transform_graph",
            "cleans",
            List.of(graphIn),
            List.of(rows),
            Map.of("layer", "silver"),
            List.of(clean),
            List.of(new OutputMappingSnapshot("rows", "clean", "rows")));
    OpNodeSnapshot load =
        new OpNodeSnapshot(
            "load",
            "load",
            null,
            List.of(
                new InputSnapshot(
                    "parts",
                    "Any",
                    null,
                    List.of(
                        new InputSourceSnapshot.NodeOutput("extract", "parts", true),
                        new InputSourceSnapshot.NodeOutput("transform", "rows", false)),
                    false,
                    null,
                    List.of())),
            List.of(),
            Map.of(),
            List.of(),
            null,
            null);
    return new JobSnapshot(
        "etl",
        "extract, transform, load",
        Map.of("owner", "data"),
        "etl_graph",
        List.of(extract, transform, load),
        everyConfigKind(),
        List.of(resource("db", true), resource("io_manager", false)),
        new ExecutorSnapshot("MULTI_THREAD", 4),
        Map.of("ops", Map.of("extract", Map.of("config", Map.of("limit", 10)))),
        List.of("extract+"),
        null,
        everyPartitionsKind().get(1));
  }

  public static ResourceSnapshot resource(String key, boolean withEverything) {
    return withEverything
        ? new ResourceSnapshot(
            key, "a database", everyConfigKind(), false, ResourceSnapshot.Scope.RUN)
        : new ResourceSnapshot(key, null, null, true, ResourceSnapshot.Scope.STEP);
  }

  /** An asset per partitions kind, each upstream of the next, with every mapping kind. */
  public static List<AssetNodeSnapshot> assets() {
    List<AssetNodeSnapshot> assets = new ArrayList<>();
    List<PartitionsSnapshot> partitions = everyPartitionsKind();
    List<PartitionMappingSnapshot> mappings = everyPartitionMappingKind();
    assets.add(
        new AssetNodeSnapshot(
            key("external", "raw"),
            "default",
            null,
            List.of(),
            List.of(),
            Map.of(),
            List.of(),
            null,
            List.of(),
            null,
            null,
            null,
            false,
            false,
            List.of()));
    for (int i = 0; i < partitions.size(); i++) {
      List<AssetDependencySnapshot> deps = new ArrayList<>();
      deps.add(new AssetDependencySnapshot(assets.get(i).key(), mappings.get(i)));
      if (i == 0) {
        deps.add(AssetDependencySnapshot.on(key("external", "raw")));
      }
      assets.add(
          new AssetNodeSnapshot(
              key("sales", "asset_" + i),
              "sales",
              "asset number " + i,
              List.of("sql", "parquet"),
              List.of("team:data", "alice@example.com"),
              Map.of("tier", "gold"),
              i == 0 ? everyMetadataKind() : List.of(),
              "v" + i,
              deps,
              partitions.get(i),
              "asset_" + i,
              "result",
              true,
              i == 1,
              List.of("__ASSET_JOB", "sales_job")));
    }
    return assets;
  }

  public static CodeLocationSnapshot fullSnapshot() {
    JobSnapshot assetJob =
        new JobSnapshot(
            "sales_job",
            null,
            Map.of(),
            "sales_job",
            List.of(),
            new ConfigSchemaSnapshot.Shape(List.of()),
            List.of(),
            new ExecutorSnapshot("IN_PROCESS", 1),
            Map.of(),
            List.of(),
            "group:sales",
            null);
    return new CodeLocationSnapshot(
        "etl-location",
        "server-1",
        "registry.example.com/etl:1.2.3",
        "sha256:abc",
        List.of(nestedJob(), assetJob),
        assets(),
        List.of(
            new AssetCheckSnapshot(
                key("sales", "asset_0"), "not_empty", "rows > 0", true, "check_op", List.of("j")),
            new AssetCheckSnapshot(key("sales", "asset_1"), "fresh", null, false, null, List.of())),
        List.of(resource("db", true), resource("io_manager", false)),
        List.of(
            new ScheduleSnapshot(
                "daily_etl",
                "0 6 * * *",
                "Europe/Berlin",
                new TargetSnapshot.Job("etl"),
                DefaultStatus.RUNNING,
                "every morning",
                Map.of("kind", "scheduled")),
            new ScheduleSnapshot(
                "hourly_sales",
                "0 * * * *",
                "UTC",
                new TargetSnapshot.AssetSelection("group:sales"),
                DefaultStatus.STOPPED,
                null,
                Map.of())),
        List.of(
            new SensorSnapshot(
                "new_files",
                SensorSnapshot.Kind.STANDARD,
                Duration.ofSeconds(30),
                DefaultStatus.RUNNING,
                "watches a bucket",
                List.of(new TargetSnapshot.Job("etl"), new TargetSnapshot.AssetSelection("*")),
                List.of(),
                List.of(),
                null),
            new SensorSnapshot(
                "on_asset",
                SensorSnapshot.Kind.ASSET,
                Duration.ofMinutes(1),
                DefaultStatus.STOPPED,
                null,
                List.of(),
                List.of(key("sales", "asset_0")),
                List.of(),
                null),
            new SensorSnapshot(
                "on_assets",
                SensorSnapshot.Kind.MULTI_ASSET,
                Duration.ofMinutes(1),
                DefaultStatus.STOPPED,
                null,
                List.of(),
                List.of(key("sales", "asset_0"), key("sales", "asset_1")),
                List.of(),
                null),
            new SensorSnapshot(
                "on_failure",
                SensorSnapshot.Kind.RUN_STATUS,
                Duration.ofSeconds(5),
                DefaultStatus.RUNNING,
                null,
                List.of(),
                List.of(),
                List.of("etl"),
                RunStatus.FAILURE)),
        List.of(
            new LoadError(
                "job 'broken' > node 'x'", "input 'y' is not connected", "connect it or remove")));
  }
}
