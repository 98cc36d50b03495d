package io.pipewright.bench;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.asset.AssetGraphView;
import io.pipewright.sdk.asset.AssetSelection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Resolves asset selections on a generated graph of 10,000 assets: 100 layers of 100 assets, each
 * asset depending on three assets of the layer before, with groups, kinds, tags and owners. The
 * target is at most 50 ms per resolution.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am package exec:exec -Dbench.args="-f 1 -wi 3 -i 5
 * AssetSelectionBenchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AssetSelectionBenchmark {

  private static final int LAYERS = 100;
  private static final int WIDTH = 100;

  // Not final: JMH must not let the JIT constant-fold the inputs away.
  private GeneratedGraph graph;
  private AssetSelection groupAndKind;
  private AssetSelection oneLevelBothWays;
  private AssetSelection allUpstream;
  private AssetSelection allDownstream;
  private AssetSelection wildcard;
  private AssetSelection combined;
  private String combinedExpression;

  /** Builds the graph and parses the selections once. */
  @Setup
  public void setUp() {
    graph = new GeneratedGraph();
    groupAndKind = AssetSelection.parse("group:g3 and kind:sql");
    oneLevelBothWays = AssetSelection.parse("+key:layer_50_asset_7+");
    allUpstream = AssetSelection.parse("*key:layer_99_asset_42");
    allDownstream = AssetSelection.parse("key:\"layer_0_asset_0\"*");
    wildcard = AssetSelection.parse("key:layer_5*_asset_1*");
    combinedExpression =
        "(group:g1 or group:g2) and not tag:tier=gold and *key:\"layer_60_asset_3\"*"
            + " or owner:\"team:t2\" and kind:dbt";
    combined = AssetSelection.parse(combinedExpression);
  }

  /**
   * Resolves {@code group:g3 and kind:sql}: two full scans of the attributes.
   *
   * @return the selection, so that JMH consumes it
   */
  @Benchmark
  public Set<AssetKey> groupAndKind() {
    return groupAndKind.resolve(graph);
  }

  /**
   * Resolves {@code +key:layer_50_asset_7+}: a key lookup and two one-level walks.
   *
   * @return the selection, so that JMH consumes it
   */
  @Benchmark
  public Set<AssetKey> oneLevelBothWays() {
    return oneLevelBothWays.resolve(graph);
  }

  /**
   * Resolves {@code *key:layer_99_asset_42}: a walk over the ancestors of a sink (most of the
   * graph).
   *
   * @return the selection, so that JMH consumes it
   */
  @Benchmark
  public Set<AssetKey> allUpstream() {
    return allUpstream.resolve(graph);
  }

  /**
   * Resolves {@code key:"layer_0_asset_0"*}: a walk over the descendants of a root.
   *
   * @return the selection, so that JMH consumes it
   */
  @Benchmark
  public Set<AssetKey> allDownstream() {
    return allDownstream.resolve(graph);
  }

  /**
   * Resolves {@code key:layer_5*_asset_1*}: a wildcard matched against every key.
   *
   * @return the selection, so that JMH consumes it
   */
  @Benchmark
  public Set<AssetKey> wildcard() {
    return wildcard.resolve(graph);
  }

  /**
   * Resolves a selection that uses every operator and both unbounded traversals.
   *
   * @return the selection, so that JMH consumes it
   */
  @Benchmark
  public Set<AssetKey> combined() {
    return combined.resolve(graph);
  }

  /**
   * Parses the combined expression, without resolving it.
   *
   * @return the selection, so that JMH consumes it
   */
  @Benchmark
  public AssetSelection parseCombined() {
    return AssetSelection.parse(combinedExpression);
  }

  /** The generated graph; every answer is a map lookup, as a real graph's should be. */
  static final class GeneratedGraph implements AssetGraphView {

    private static final List<String> KINDS = List.of("sql", "python", "dbt");

    private final Set<AssetKey> keys = new LinkedHashSet<>();
    private final Map<AssetKey, Set<AssetKey>> upstream = new HashMap<>();
    private final Map<AssetKey, Set<AssetKey>> downstream = new HashMap<>();
    private final Map<AssetKey, Optional<String>> groups = new HashMap<>();
    private final Map<AssetKey, Map<String, String>> tags = new HashMap<>();
    private final Map<AssetKey, Set<String>> kinds = new HashMap<>();
    private final Map<AssetKey, Set<String>> owners = new HashMap<>();

    GeneratedGraph() {
      AssetKey[][] grid = new AssetKey[LAYERS][WIDTH];
      for (int layer = 0; layer < LAYERS; layer++) {
        for (int i = 0; i < WIDTH; i++) {
          AssetKey key = AssetKey.of("layer_" + layer + "_asset_" + i);
          grid[layer][i] = key;
          keys.add(key);
          upstream.put(key, new LinkedHashSet<>());
          downstream.put(key, new LinkedHashSet<>());
          groups.put(key, Optional.of("g" + (layer % 10)));
          kinds.put(key, Set.of(KINDS.get(i % 3)));
          tags.put(key, Map.of("tier", i % 2 == 0 ? "gold" : "silver", "domain", "d" + i % 5));
          owners.put(key, Set.of("team:t" + layer % 4));
          if (layer > 0) {
            for (int parent : new int[] {i, (i + 7) % WIDTH, (i * 13 + 5) % WIDTH}) {
              AssetKey from = grid[layer - 1][parent];
              upstream.get(key).add(from);
              downstream.get(from).add(key);
            }
          }
        }
      }
      upstream.replaceAll((k, v) -> Collections.unmodifiableSet(v));
      downstream.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    }

    @Override
    public Set<AssetKey> keys() {
      return keys;
    }

    @Override
    public Set<AssetKey> upstreamOf(AssetKey key) {
      return upstream.get(key);
    }

    @Override
    public Set<AssetKey> downstreamOf(AssetKey key) {
      return downstream.get(key);
    }

    @Override
    public Optional<String> groupOf(AssetKey key) {
      return groups.get(key);
    }

    @Override
    public Map<String, String> tagsOf(AssetKey key) {
      return tags.get(key);
    }

    @Override
    public Set<String> kindsOf(AssetKey key) {
      return kinds.get(key);
    }

    @Override
    public Set<String> ownersOf(AssetKey key) {
      return owners.get(key);
    }
  }
}
