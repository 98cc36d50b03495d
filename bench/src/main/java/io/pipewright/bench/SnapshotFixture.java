package io.pipewright.bench;

import io.pipewright.core.snapshot.AssetCheckSnapshot;
import io.pipewright.core.snapshot.AssetDependencySnapshot;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ConfigFieldSnapshot;
import io.pipewright.core.snapshot.ConfigSchemaSnapshot;
import io.pipewright.core.snapshot.DefaultStatus;
import io.pipewright.core.snapshot.ExecutorSnapshot;
import io.pipewright.core.snapshot.InputSnapshot;
import io.pipewright.core.snapshot.InputSourceSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import io.pipewright.core.snapshot.NodeSnapshot;
import io.pipewright.core.snapshot.OpNodeSnapshot;
import io.pipewright.core.snapshot.OutputSnapshot;
import io.pipewright.core.snapshot.PartitionMappingSnapshot;
import io.pipewright.core.snapshot.PartitionsSnapshot;
import io.pipewright.core.snapshot.ResourceSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.core.snapshot.TargetSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generated 10,000-asset code location, shaped like {@link AssetPlanningBenchmark}'s graph: 100
 * layers of 100 daily-partitioned assets, each loading two assets of the layer above, with the
 * descriptions, kinds, owners, tags, metadata and code versions real assets carry, one check per
 * ten assets, the implicit asset job over all of them (10,000 op nodes), 10 group jobs' schedules
 * and a few sensors.
 */
final class SnapshotFixture {

  static final int LAYERS = 100;
  static final int WIDTH = 100;

  private SnapshotFixture() {}

  static AssetKeySnapshot key(int layer, int i) {
    return AssetKeySnapshot.of("layer_" + layer, "asset_" + i);
  }

  static CodeLocationSnapshot location() {
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
    ConfigSchemaSnapshot opConfig =
        new ConfigSchemaSnapshot.Shape(
            List.of(
                new ConfigFieldSnapshot(
                    "limit",
                    new ConfigSchemaSnapshot.Scalar(ConfigSchemaSnapshot.ScalarKind.INT),
                    false,
                    1000,
                    "rows per batch")));
    List<AssetNodeSnapshot> assets = new ArrayList<>(LAYERS * WIDTH);
    List<NodeSnapshot> nodes = new ArrayList<>(LAYERS * WIDTH);
    List<AssetCheckSnapshot> checks = new ArrayList<>();
    for (int layer = 0; layer < LAYERS; layer++) {
      for (int i = 0; i < WIDTH; i++) {
        AssetKeySnapshot key = key(layer, i);
        String name = "layer_" + layer + "__asset_" + i;
        List<AssetDependencySnapshot> deps = new ArrayList<>(2);
        List<InputSnapshot> inputs = new ArrayList<>(2);
        if (layer > 0) {
          int[] ups = {i, (i + 1) % WIDTH};
          for (int u = 0; u < ups.length; u++) {
            AssetKeySnapshot up = key(layer - 1, ups[u]);
            deps.add(new AssetDependencySnapshot(up, new PartitionMappingSnapshot.Identity()));
            inputs.add(
                new InputSnapshot(
                    u == 0 ? "a" : "b",
                    "Any",
                    null,
                    List.of(
                        new InputSourceSnapshot.NodeOutput(
                            "layer_" + (layer - 1) + "__asset_" + ups[u], "result", false)),
                    false,
                    up,
                    List.of()));
          }
        }
        String group = "g" + (layer % 10);
        assets.add(
            new AssetNodeSnapshot(
                key,
                group,
                "Daily aggregate " + i + " of layer " + layer + ", built from the layer above",
                List.of(i % 2 == 0 ? "sql" : "java", "parquet"),
                List.of("team:data"),
                Map.of("tier", i % 3 == 0 ? "gold" : "silver"),
                List.of(
                    new MetadataEntrySnapshot(
                        "table", new MetadataValueSnapshot.Text("warehouse.l" + layer + "_a" + i)),
                    new MetadataEntrySnapshot("expected_rows", new MetadataValueSnapshot.Int(i)),
                    new MetadataEntrySnapshot(
                        "docs", new MetadataValueSnapshot.Url("https://docs.example.com/" + i))),
                "v" + (i % 7),
                deps,
                daily,
                name,
                "result",
                true,
                false,
                List.of("__ASSET_JOB", group + "_job")));
        nodes.add(
            new OpNodeSnapshot(
                name,
                name,
                null,
                inputs,
                List.of(
                    new OutputSnapshot(
                        "result", "Any", null, false, false, "io_manager", key, List.of())),
                Map.of(),
                List.of("io_manager", "warehouse"),
                null,
                opConfig));
        if (i % 10 == 0) {
          checks.add(
              new AssetCheckSnapshot(
                  key, "not_empty", "at least one row", i % 20 == 0, null, List.of("__ASSET_JOB")));
        }
      }
    }
    List<ResourceSnapshot> resources =
        List.of(
            new ResourceSnapshot("io_manager", null, null, true, ResourceSnapshot.Scope.STEP),
            new ResourceSnapshot(
                "warehouse", "the warehouse", opConfig, false, ResourceSnapshot.Scope.STEP));
    JobSnapshot assetJob =
        new JobSnapshot(
            "__ASSET_JOB",
            null,
            Map.of(),
            "__ASSET_JOB",
            nodes,
            new ConfigSchemaSnapshot.Shape(List.of()),
            resources,
            new ExecutorSnapshot("MULTI_THREAD", 8),
            Map.of(),
            List.of(),
            "*",
            daily);
    List<ScheduleSnapshot> schedules = new ArrayList<>();
    List<SensorSnapshot> sensors = new ArrayList<>();
    for (int g = 0; g < 10; g++) {
      schedules.add(
          new ScheduleSnapshot(
              "g" + g + "_daily",
              "0 " + g + " * * *",
              "UTC",
              new TargetSnapshot.AssetSelection("group:g" + g),
              DefaultStatus.RUNNING,
              null,
              Map.of()));
      sensors.add(
          new SensorSnapshot(
              "g" + g + "_fresh",
              SensorSnapshot.Kind.ASSET,
              Duration.ofSeconds(30),
              DefaultStatus.STOPPED,
              null,
              List.of(new TargetSnapshot.AssetSelection("group:g" + g)),
              List.of(key(0, g)),
              List.of(),
              null));
    }
    return new CodeLocationSnapshot(
        "bench",
        "server-bench",
        "registry.example.com/bench:1",
        "sha256:bench",
        List.of(assetJob),
        assets,
        checks,
        resources,
        schedules,
        sensors,
        List.of());
  }
}
