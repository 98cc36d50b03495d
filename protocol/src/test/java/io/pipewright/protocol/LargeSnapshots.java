package io.pipewright.protocol;

import io.pipewright.core.snapshot.AssetDependencySnapshot;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.ConfigSchemaSnapshot;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A generated location of many assets in chains, plus the implicit asset job over all of them. */
public final class LargeSnapshots {

  private LargeSnapshots() {}

  public static CodeLocationSnapshot withAssets(int count) {
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
    List<AssetNodeSnapshot> assets = new ArrayList<>(count);
    List<NodeSnapshot> nodes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      AssetKeySnapshot key = AssetKeySnapshot.of("group_" + (i % 50), "asset_" + i);
      List<AssetDependencySnapshot> deps = new ArrayList<>(2);
      List<InputSnapshot> inputs = new ArrayList<>(2);
      for (int up : new int[] {i - 1, i - 7}) {
        if (up >= 0 && up / 100 == i / 100) {
          AssetKeySnapshot upKey = AssetKeySnapshot.of("group_" + (up % 50), "asset_" + up);
          deps.add(new AssetDependencySnapshot(upKey, new PartitionMappingSnapshot.Identity()));
          inputs.add(
              new InputSnapshot(
                  "asset_" + up,
                  "Any",
                  null,
                  List.of(new InputSourceSnapshot.NodeOutput("asset_" + up, "result", false)),
                  false,
                  upKey,
                  List.of()));
        }
      }
      assets.add(
          new AssetNodeSnapshot(
              key,
              "group_" + (i % 50),
              "Asset number " + i + ", computed from its upstream assets",
              List.of("sql"),
              List.of("team:data"),
              Map.of("tier", i % 3 == 0 ? "gold" : "silver"),
              List.of(
                  new MetadataEntrySnapshot("owner_note", new MetadataValueSnapshot.Text("x")),
                  new MetadataEntrySnapshot("expected_rows", new MetadataValueSnapshot.Int(i))),
              "v1",
              deps,
              daily,
              "asset_" + i,
              "result",
              true,
              false,
              List.of("__ASSET_JOB")));
      nodes.add(
          new OpNodeSnapshot(
              "asset_" + i,
              "asset_" + i,
              null,
              inputs,
              List.of(
                  new OutputSnapshot(
                      "result", "Any", null, false, false, "io_manager", key, List.of())),
              Map.of(),
              List.of("io_manager"),
              null,
              null));
    }
    JobSnapshot assetJob =
        new JobSnapshot(
            "__ASSET_JOB",
            null,
            Map.of(),
            "__ASSET_JOB",
            nodes,
            new ConfigSchemaSnapshot.Shape(List.of()),
            List.of(),
            new ExecutorSnapshot("MULTI_THREAD", 8),
            Map.of(),
            List.of(),
            "*",
            daily);
    return new CodeLocationSnapshot(
        "large",
        "server-large",
        null,
        "sha256:large",
        List.of(assetJob),
        assets,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }
}
