package io.pipewright.bench;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.asset.AssetDefinition;
import io.pipewright.sdk.asset.AssetSelection;
import io.pipewright.sdk.asset.AssetsDefinition;
import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.internal.plan.GraphFlattener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 3's figure "planning a run of all assets <= 200 ms" on a generated 10,000-asset graph: 100
 * layers of 100 assets, each loading two assets of the layer above. {@code planAllAssets} compiles
 * the selection "*" into a job and plans it (what a run launch does); {@code loadDefinitions}
 * builds and validates the definitions (what a code location does once at start-up).
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package exec:exec -Dbench.args="AssetPlanningBenchmark"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class AssetPlanningBenchmark {
  static final int LAYERS = 100;
  static final int WIDTH = 100;

  private List<AssetsDefinition> assets;
  private Definitions defs;

  /** Generates the graph once. */
  @Setup
  public void setUp() {
    assets = generate();
    defs = Definitions.builder().assets(assets.toArray(AssetsDefinition[]::new)).build();
  }

  static List<AssetsDefinition> generate() {
    List<AssetsDefinition> out = new ArrayList<>(LAYERS * WIDTH);
    for (int layer = 0; layer < LAYERS; layer++) {
      for (int i = 0; i < WIDTH; i++) {
        AssetDefinition.Builder b =
            AssetDefinition.builder("layer_" + layer, "asset_" + i)
                .group("g" + (layer % 10))
                .kinds(i % 2 == 0 ? "sql" : "java")
                .compute((ctx, in) -> 1);
        if (layer > 0) {
          b.input("a", AssetKey.of("layer_" + (layer - 1), "asset_" + i));
          b.input("b", AssetKey.of("layer_" + (layer - 1), "asset_" + ((i + 1) % WIDTH)));
        }
        out.add(b.build());
      }
    }
    return out;
  }

  /**
   * Compiles "*" into a job and plans its 10,000 steps.
   *
   * @return the plan
   */
  @Benchmark
  public ExecutionPlan planAllAssets() {
    JobDefinition job = defs.assetJob(AssetSelection.all());
    return ExecutionPlan.of(GraphFlattener.flatten(job.graph()), null);
  }

  /**
   * Builds and validates definitions of 10,000 assets.
   *
   * @return the definitions
   */
  @Benchmark
  public Definitions loadDefinitions() {
    return Definitions.builder().assets(assets.toArray(AssetsDefinition[]::new)).build();
  }
}
