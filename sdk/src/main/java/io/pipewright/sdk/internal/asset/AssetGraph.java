package io.pipewright.sdk.internal.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.asset.AssetCheckDefinition;
import io.pipewright.sdk.asset.AssetCheckSpec;
import io.pipewright.sdk.asset.AssetGraphView;
import io.pipewright.sdk.asset.AssetIn;
import io.pipewright.sdk.asset.AssetSpec;
import io.pipewright.sdk.asset.AssetsDefinition;
import io.pipewright.sdk.partition.PartitionMapping;
import io.pipewright.sdk.partition.PartitionsDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every asset and check of a set of definitions, indexed: which definition computes each key, its
 * spec, its upstream and downstream assets, its checks. Also the view that asset selections resolve
 * against. {@link #problems()} lists what is wrong with the graph as a whole.
 */
public final class AssetGraph implements AssetGraphView {
  private final Map<AssetKey, AssetsDefinition> definitions = new LinkedHashMap<>();
  private final Map<AssetKey, AssetSpec> specs = new LinkedHashMap<>();
  private final Map<AssetKey, Set<AssetKey>> upstream = new HashMap<>();
  private final Map<AssetKey, Set<AssetKey>> downstream = new HashMap<>();
  private final Map<AssetKey, List<AssetCheckSpec>> checksByAsset = new HashMap<>();
  private final List<AssetCheckDefinition> checks;
  private final List<DefinitionError> problems = new ArrayList<>();

  private AssetGraph(List<AssetsDefinition> assets, List<AssetCheckDefinition> checks) {
    this.checks = List.copyOf(checks);
    for (AssetsDefinition def : assets) {
      problems.addAll(def.problems());
      for (AssetSpec spec : def.specs()) {
        if (definitions.containsKey(spec.key())) {
          problems.add(
              new DefinitionError(
                  "asset '" + spec.key().toUserString() + "'",
                  "two definitions define this key ("
                      + definitions.get(spec.key()).nodeName()
                      + " and "
                      + def.nodeName()
                      + ")",
                  "give each asset its own key, or remove one definition"));
          continue;
        }
        definitions.put(spec.key(), def);
        specs.put(spec.key(), spec);
      }
    }
    for (AssetsDefinition def : assets) {
      Set<AssetKey> ups = new LinkedHashSet<>();
      for (AssetIn in : def.inputs().values()) {
        ups.add(in.key());
      }
      for (AssetSpec spec : def.specs()) {
        ups.addAll(spec.deps());
      }
      for (AssetSpec spec : def.specs()) {
        upstream.computeIfAbsent(spec.key(), k -> new LinkedHashSet<>()).addAll(ups);
        for (AssetKey up : ups) {
          downstream.computeIfAbsent(up, k -> new LinkedHashSet<>()).add(spec.key());
          if (!specs.containsKey(up)) {
            problems.add(
                new DefinitionError(
                    "asset '" + spec.key().toUserString() + "'",
                    "it depends on asset '" + up.toUserString() + "', which nothing defines",
                    "define it, or declare it as ExternalAssetDefinition.of(\""
                        + String.join("\", \"", up.path())
                        + "\") if another system produces it"));
          }
        }
      }
      checkPartitionMappings(def);
    }
    checkCycles();
    for (AssetCheckDefinition check : checks) {
      problems.addAll(check.problems());
      for (AssetCheckSpec spec : check.specs()) {
        String element = "asset check '" + spec.name() + "' on " + spec.asset().toUserString();
        if (!specs.containsKey(spec.asset())) {
          problems.add(
              new DefinitionError(
                  element, "it checks an asset that nothing defines", "check a defined asset"));
          continue;
        }
        List<AssetCheckSpec> onAsset =
            checksByAsset.computeIfAbsent(spec.asset(), k -> new ArrayList<>());
        if (onAsset.stream().anyMatch(s -> s.name().equals(spec.name()))) {
          problems.add(
              new DefinitionError(
                  element,
                  "two checks on this asset have this name",
                  "give each check its own name"));
        }
        onAsset.add(spec);
      }
    }
  }

  /**
   * Indexes assets and checks.
   *
   * @param assets the asset definitions
   * @param checks the check definitions
   * @return the graph; see {@link #problems()}
   */
  public static AssetGraph of(List<AssetsDefinition> assets, List<AssetCheckDefinition> checks) {
    return new AssetGraph(assets, checks);
  }

  private void checkPartitionMappings(AssetsDefinition def) {
    Optional<PartitionsDefinition> downstreamParts = def.partitions();
    for (Map.Entry<String, AssetIn> in : def.inputs().entrySet()) {
      AssetsDefinition up = definitions.get(in.getValue().key());
      if (up == null) {
        continue;
      }
      Optional<PartitionsDefinition> upstreamParts = up.partitions();
      PartitionMapping mapping = in.getValue().partitionMapping();
      if (mapping == null || upstreamParts.isEmpty() || downstreamParts.isEmpty()) {
        continue;
      }
      mapping
          .incompatibility(upstreamParts.get(), downstreamParts.get())
          .ifPresent(
              why ->
                  problems.add(
                      new DefinitionError(
                          "asset '"
                              + def.specs().get(0).key().toUserString()
                              + "' > input '"
                              + in.getKey()
                              + "'",
                          "its partition mapping "
                              + mapping.describe()
                              + " cannot map "
                              + downstreamParts.get().describe()
                              + " to "
                              + upstreamParts.get().describe()
                              + ": "
                              + why,
                          "use a mapping that fits both partitions definitions")));
    }
  }

  /** Kahn's algorithm over asset keys; what remains is on a cycle. */
  private void checkCycles() {
    Map<AssetKey, Integer> indegree = new HashMap<>();
    for (AssetKey key : specs.keySet()) {
      int n = 0;
      for (AssetKey up : upstream.getOrDefault(key, Set.of())) {
        if (specs.containsKey(up) && !up.equals(key)) {
          n++;
        }
      }
      indegree.put(key, n);
    }
    Deque<AssetKey> ready = new ArrayDeque<>();
    indegree.forEach(
        (k, n) -> {
          if (n == 0) {
            ready.add(k);
          }
        });
    int seen = 0;
    while (!ready.isEmpty()) {
      AssetKey key = ready.poll();
      seen++;
      for (AssetKey down : downstream.getOrDefault(key, Set.of())) {
        if (indegree.containsKey(down)
            && !down.equals(key)
            && indegree.merge(down, -1, Integer::sum) == 0) {
          ready.add(down);
        }
      }
    }
    List<String> onCycle = new ArrayList<>();
    for (AssetKey key : specs.keySet()) {
      boolean self = upstream.getOrDefault(key, Set.of()).contains(key);
      if (indegree.get(key) > 0 || self) {
        onCycle.add(key.toUserString());
      }
    }
    if (seen < specs.size() || !onCycle.isEmpty()) {
      problems.add(
          new DefinitionError(
              "assets " + String.join(", ", onCycle),
              "their dependencies form a cycle",
              "remove one of the dependencies between these assets"));
    }
  }

  /**
   * What is wrong with the graph: each definition's own problems, duplicate keys, undefined
   * dependencies, cycles, checks on unknown assets, incompatible partition mappings.
   *
   * @return the problems
   */
  public List<DefinitionError> problems() {
    return Collections.unmodifiableList(problems);
  }

  /**
   * The definition that computes (or declares) an asset.
   *
   * @param key the asset
   * @return the definition, or {@code null}
   */
  public AssetsDefinition definitionOf(AssetKey key) {
    return definitions.get(key);
  }

  /**
   * An asset's spec.
   *
   * @param key the asset
   * @return the spec, or {@code null}
   */
  public AssetSpec specOf(AssetKey key) {
    return specs.get(key);
  }

  /**
   * Every check definition.
   *
   * @return the checks
   */
  public List<AssetCheckDefinition> checks() {
    return checks;
  }

  /**
   * The checks declared on an asset.
   *
   * @param key the asset
   * @return the checks
   */
  public List<AssetCheckSpec> checksOf(AssetKey key) {
    return checksByAsset.getOrDefault(key, List.of());
  }

  @Override
  public Set<AssetKey> keys() {
    return Collections.unmodifiableSet(specs.keySet());
  }

  @Override
  public boolean isExternal(AssetKey key) {
    return definitions.get(key) instanceof io.pipewright.sdk.asset.ExternalAssetDefinition;
  }

  @Override
  public Set<AssetKey> upstreamOf(AssetKey key) {
    return upstream.getOrDefault(key, Set.of());
  }

  @Override
  public Set<AssetKey> downstreamOf(AssetKey key) {
    return downstream.getOrDefault(key, Set.of());
  }

  @Override
  public Optional<String> groupOf(AssetKey key) {
    AssetSpec spec = specs.get(key);
    return spec == null ? Optional.empty() : Optional.of(spec.group());
  }

  @Override
  public Map<String, String> tagsOf(AssetKey key) {
    AssetSpec spec = specs.get(key);
    return spec == null ? Map.of() : spec.tags();
  }

  @Override
  public Set<String> kindsOf(AssetKey key) {
    AssetSpec spec = specs.get(key);
    return spec == null ? Set.of() : spec.kinds();
  }

  @Override
  public Set<String> ownersOf(AssetKey key) {
    AssetSpec spec = specs.get(key);
    return spec == null ? Set.of() : spec.owners();
  }
}
