package io.pipewright.sdk.internal.asset;

import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.DefinitionError;
import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.GraphDefinition.NodeOutput;
import io.pipewright.sdk.In;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.NodeDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.asset.AssetCheckDefinition;
import io.pipewright.sdk.asset.AssetCheckSpec;
import io.pipewright.sdk.asset.AssetsDefinition;
import io.pipewright.sdk.asset.ExternalAssetDefinition;
import io.pipewright.sdk.partition.PartitionContext;
import io.pipewright.sdk.partition.PartitionedConfig;
import io.pipewright.sdk.partition.PartitionsDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Compiles a selection of assets (and their checks) into a job: one node per asset definition,
 * wired where an asset loads or depends on another selected asset, check ops after the assets they
 * check, and an order-only input on every downstream asset of a blocking check. Assets outside the
 * selection are loaded from their IO manager, by asset key.
 */
public final class AssetJobs {
  private AssetJobs() {}

  /**
   * The outcome of compiling a selection.
   *
   * @param job the job builder, ready for resources, tags and executor (null when problems)
   * @param problems what prevents the job
   */
  public record Compiled(JobDefinition.Builder job, List<DefinitionError> problems) {}

  /**
   * Compiles a selection.
   *
   * @param jobName the job's name
   * @param graph the asset graph
   * @param selected the assets to materialize (or observe, for observable external assets)
   * @param checked the assets whose checks run (usually the selected ones; a check-only job selects
   *     no asset and checks stored values)
   * @param partitionedConfig config and tags per partition, or {@code null}
   * @param context where partition keys are listed (the clock and the dynamic partitions store)
   * @return the job builder, or the problems
   */
  public static Compiled compile(
      String jobName,
      AssetGraph graph,
      Set<AssetKey> selected,
      Set<AssetKey> checked,
      PartitionedConfig partitionedConfig,
      Supplier<PartitionContext> context) {
    List<DefinitionError> problems = new ArrayList<>();
    String element = "asset job '" + jobName + "'";
    Map<AssetsDefinition, Set<AssetKey>> nodes = new LinkedHashMap<>();
    for (AssetKey key : graph.keys()) {
      if (!selected.contains(key)) {
        continue;
      }
      AssetsDefinition def = graph.definitionOf(key);
      if (def instanceof ExternalAssetDefinition external && !external.isObservable()) {
        continue;
      }
      nodes.computeIfAbsent(def, d -> new LinkedHashSet<>()).add(key);
    }
    Set<PartitionsDefinition> partitionsDefs = new LinkedHashSet<>();
    Map<AssetKey, NodeOutput> producedBy = new LinkedHashMap<>();
    for (Map.Entry<AssetsDefinition, Set<AssetKey>> e : nodes.entrySet()) {
      AssetsDefinition def = e.getKey();
      if (def.isMaterializable() && e.getValue().size() < def.specs().size() && !def.canSubset()) {
        problems.add(
            new DefinitionError(
                element,
                def.nodeName()
                    + " computes "
                    + def.outputNames().keySet()
                    + " together and cannot materialize only "
                    + e.getValue(),
                "select all of its assets, or make it subsettable with canSubset(true)"));
      }
      def.partitions().ifPresent(partitionsDefs::add);
      for (AssetKey key : e.getValue()) {
        String output = def.outputNames().get(key);
        if (output != null) {
          producedBy.put(key, new NodeOutput(def.nodeName(), output, false));
        }
      }
    }
    if (partitionsDefs.size() > 1) {
      List<String> described = new ArrayList<>();
      partitionsDefs.forEach(p -> described.add(p.describe()));
      problems.add(
          new DefinitionError(
              element,
              "the selected assets have different partitions: " + String.join("; ", described),
              "select assets that share one partitions definition (or are unpartitioned)"));
    }
    List<AssetCheckDefinition> includedChecks = new ArrayList<>();
    for (AssetCheckDefinition check : graph.checks()) {
      if (check.specs().stream().anyMatch(s -> checked.contains(s.asset()))) {
        includedChecks.add(check);
      }
    }
    if (!problems.isEmpty()) {
      return new Compiled(null, problems);
    }
    // Downstream assets of a blocking check wait for the check's "not blocked" output.
    Map<AssetKey, List<NodeOutput>> blockers = new LinkedHashMap<>();
    for (AssetCheckDefinition check : includedChecks) {
      for (AssetCheckSpec spec : check.specs()) {
        if (!spec.blocking() || !producedBy.containsKey(spec.asset())) {
          continue;
        }
        for (AssetKey down : graph.downstreamOf(spec.asset())) {
          if (producedBy.containsKey(down)) {
            blockers
                .computeIfAbsent(down, k -> new ArrayList<>())
                .add(new NodeOutput(check.name(), spec.outputName(), false));
          }
        }
      }
    }
    GraphDefinition.Builder g = GraphDefinition.builder(safeName(jobName));
    Map<String, AssetsDefinition> byNode = new LinkedHashMap<>();
    for (Map.Entry<AssetsDefinition, Set<AssetKey>> e : nodes.entrySet()) {
      AssetsDefinition def = e.getKey();
      byNode.put(def.nodeName(), def);
      NodeDefinition node = def.node().orElseThrow();
      List<NodeOutput> waits = new ArrayList<>();
      for (AssetKey key : e.getValue()) {
        waits.addAll(blockers.getOrDefault(key, List.of()));
      }
      if (node instanceof OpDefinition op) {
        if (e.getValue().size() < def.specs().size()) {
          List<String> unselected = new ArrayList<>();
          def.outputNames()
              .forEach(
                  (key, output) -> {
                    if (!e.getValue().contains(key)) {
                      unselected.add(output);
                    }
                  });
          op = op.withoutOutputs(unselected);
        }
        for (int i = 0; i < waits.size(); i++) {
          op = op.withInput(In.nothing("blocked_by_check_" + i));
        }
        node = op;
      }
      GraphDefinition.Node added = g.add(def.nodeName(), node);
      wire(added, node, producedBy, e.getValue());
      if (node instanceof OpDefinition) {
        for (int i = 0; i < waits.size(); i++) {
          added.in("blocked_by_check_" + i, waits.get(i));
        }
      }
    }
    for (AssetCheckDefinition check : includedChecks) {
      GraphDefinition.Node added = g.add(check.name(), check.op());
      wire(added, check.op(), producedBy, Set.of());
    }
    AssetJobLayer layer =
        new AssetJobLayer(
            jobName,
            graph,
            byNode,
            partitionsDefs.isEmpty() ? null : partitionsDefs.iterator().next(),
            partitionedConfig,
            context);
    return new Compiled(JobDefinition.builder(jobName, g.build()).assetLayer(layer), List.of());
  }

  /** Connects every asset input to the node that materializes that asset in this job, if any. */
  private static void wire(
      GraphDefinition.Node added,
      NodeDefinition node,
      Map<AssetKey, NodeOutput> producedBy,
      Set<AssetKey> ownKeys) {
    for (In in : node.inputs()) {
      AssetKey upstream = in.assetKey();
      // A self-dependency (e.g. on the previous partition) loads from storage, not from itself.
      if (upstream != null && producedBy.containsKey(upstream) && !ownKeys.contains(upstream)) {
        added.in(in.name(), producedBy.get(upstream));
      }
    }
  }

  private static String safeName(String jobName) {
    return jobName.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
