package io.pipewright.codelocation.snapshot;

import io.pipewright.core.snapshot.AssetCheckSnapshot;
import io.pipewright.core.snapshot.AssetDependencySnapshot;
import io.pipewright.core.snapshot.AssetNodeSnapshot;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.asset.AssetCheckDefinition;
import io.pipewright.sdk.asset.AssetCheckSpec;
import io.pipewright.sdk.asset.AssetIn;
import io.pipewright.sdk.asset.AssetSpec;
import io.pipewright.sdk.asset.AssetsDefinition;
import io.pipewright.sdk.asset.ExternalAssetDefinition;
import io.pipewright.sdk.partition.PartitionMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/** Translates assets and asset checks into {@link AssetNodeSnapshot}s and checks. */
final class AssetSnapshots {

  private AssetSnapshots() {}

  /**
   * Translates every asset, in the order of the definitions.
   *
   * @param definitions the definitions
   * @param jobsByAsset the jobs that run each asset
   * @return the snapshots
   */
  static List<AssetNodeSnapshot> assets(
      Definitions definitions, Map<AssetKey, SortedSet<String>> jobsByAsset) {
    List<AssetNodeSnapshot> out = new ArrayList<>();
    for (AssetsDefinition definition : definitions.assets()) {
      for (AssetSpec spec : definition.specs()) {
        out.add(asset(definitions, definition, spec, jobsByAsset));
      }
    }
    return out;
  }

  /**
   * Translates every check, in the order of the definitions.
   *
   * @param definitions the definitions
   * @param jobsByCheck the jobs that run each check, by {@link #checkId(AssetCheckSpec)}
   * @return the snapshots
   */
  static List<AssetCheckSnapshot> checks(
      Definitions definitions, Map<String, SortedSet<String>> jobsByCheck) {
    List<AssetCheckSnapshot> out = new ArrayList<>();
    for (AssetCheckDefinition check : definitions.assetChecks()) {
      for (AssetCheckSpec spec : check.specs()) {
        out.add(
            new AssetCheckSnapshot(
                MetadataSnapshots.key(spec.asset()),
                spec.name(),
                spec.description(),
                spec.blocking(),
                check.name(),
                List.copyOf(
                    jobsByCheck.getOrDefault(
                        checkId(spec), java.util.Collections.emptySortedSet()))));
      }
    }
    return out;
  }

  /** The identity of a check: its asset and its name, as hosts write it. */
  static String checkId(AssetCheckSpec spec) {
    return spec.asset().toUserString() + ":" + spec.name();
  }

  private static AssetNodeSnapshot asset(
      Definitions definitions,
      AssetsDefinition definition,
      AssetSpec spec,
      Map<AssetKey, SortedSet<String>> jobsByAsset) {
    List<AssetDependencySnapshot> dependencies = new ArrayList<>();
    for (AssetKey upstream : definitions.assetGraph().upstreamOf(spec.key())) {
      PartitionMapping mapping = null;
      for (AssetIn in : definition.inputs().values()) {
        if (in.key().equals(upstream) && in.partitionMapping() != null) {
          mapping = in.partitionMapping();
          break;
        }
      }
      dependencies.add(
          new AssetDependencySnapshot(
              MetadataSnapshots.key(upstream), PartitionSnapshots.mapping(mapping)));
    }
    boolean hasNode = definition.node().isPresent();
    boolean external = definition instanceof ExternalAssetDefinition;
    return new AssetNodeSnapshot(
        MetadataSnapshots.key(spec.key()),
        spec.group(),
        spec.description(),
        sorted(spec.kinds()),
        sorted(spec.owners()),
        JobSnapshots.sorted(spec.tags()),
        MetadataSnapshots.entries(spec.metadata()),
        spec.codeVersion(),
        dependencies,
        PartitionSnapshots.of(definition.partitions().orElse(null)),
        hasNode ? definition.nodeName() : null,
        hasNode && !external ? definition.outputNames().get(spec.key()) : null,
        definition.isMaterializable(),
        external && ((ExternalAssetDefinition) definition).isObservable(),
        List.copyOf(jobsByAsset.getOrDefault(spec.key(), java.util.Collections.emptySortedSet())));
  }

  /** Sets from {@code Set.of} iterate in an order that changes between JVMs: sort them. */
  private static List<String> sorted(Set<String> values) {
    List<String> out = new ArrayList<>(values);
    out.sort(null);
    return out;
  }
}
