package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.ExecutorConfig;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.config.RunConfig;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.MaterializationPlannedData;
import io.pipewright.sdk.internal.asset.AssetLayer;
import io.pipewright.sdk.internal.definition.JobConfigSchema;
import io.pipewright.sdk.internal.plan.ExecutionPlan;
import io.pipewright.sdk.internal.plan.FlatSelectionGraph;
import io.pipewright.sdk.internal.plan.OpNode;
import io.pipewright.sdk.internal.selection.OpSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decisions {@code JobExecution} takes before a run starts: which ops run (selection and
 * re-execution), which config applies, how many steps may run at once, and the planned-asset
 * events.
 */
public final class RunSetup {
  private RunSetup() {}

  /** One ASSET_MATERIALIZATION_PLANNED per asset output (and partition) of the planned steps. */
  public static void planned(
      EventEmitter emitter, AssetLayer layer, ExecutionPlan plan, List<String> partitionKeys) {
    for (var step : plan.steps()) {
      List<String> partitions = layer.outputPartitions(step.handle(), partitionKeys);
      for (Out out : step.node().op().outputs()) {
        if (out.assetKey() == null) {
          continue;
        }
        for (String partition :
            partitions.isEmpty() ? java.util.Collections.<String>singletonList(null) : partitions) {
          emitter.info(
              EventType.ASSET_MATERIALIZATION_PLANNED,
              step.handle(),
              "Planned materialization of "
                  + out.assetKey().toUserString()
                  + (partition == null ? "" : " partition " + partition)
                  + ".",
              new MaterializationPlannedData(out.assetKey(), partition));
        }
      }
    }
  }

  /** The re-executed handles, with the dynamic step each mapped one fans out from. */
  public static Set<String> reexecutionSelection(
      String jobName, List<OpNode> ops, Set<String> selected, List<String> reexecuted) {
    Set<String> known = new java.util.HashSet<>();
    ops.forEach(op -> known.add(op.handle()));
    Set<String> chosen = new java.util.LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String handle : reexecuted) {
      (known.contains(handle) ? chosen : unknown).add(handle);
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot re-execute "
              + unknown
              + ": job '"
              + jobName
              + "' has no such step; its steps are "
              + known
              + ".");
    }
    ExecutionPlan full = ExecutionPlan.of(ops, null);
    for (String handle : List.copyOf(chosen)) {
      var step = full.step(handle);
      if (step != null && step.isMapped()) {
        chosen.add(step.dynamicRoot());
      }
    }
    if (selected != null) {
      chosen.retainAll(selected);
    }
    return chosen;
  }

  public static RunConfig withoutResourceConfig(RunConfig config, Set<String> keys) {
    if (!(config.asMap().get("resources") instanceof Map<?, ?> resources)) {
      return config;
    }
    Map<String, Object> tree = new LinkedHashMap<>(config.asMap());
    Map<String, Object> kept = new LinkedHashMap<>();
    resources.forEach(
        (k, v) -> {
          if (!keys.contains(String.valueOf(k))) {
            kept.put(String.valueOf(k), v);
          }
        });
    if (kept.isEmpty()) {
      tree.remove("resources");
    } else {
      tree.put("resources", kept);
    }
    return RunConfig.of(tree);
  }

  public static Set<String> select(
      JobDefinition bound, List<OpNode> ops, List<String> opSelection) {
    FlatSelectionGraph graph = new FlatSelectionGraph(ops);
    Set<String> selected = null;
    if (bound.opSelection().isPresent()) {
      selected = OpSelection.parse(bound.opSelection().get()).resolve(graph);
    }
    if (opSelection != null) {
      Set<String> narrowed =
          new java.util.LinkedHashSet<>(OpSelection.parse(opSelection).resolve(graph));
      if (selected != null) {
        narrowed.retainAll(selected);
      }
      selected = narrowed;
    }
    return selected;
  }

  public static int maxConcurrent(JobDefinition bound, RunConfig merged, ExecutorConfig executor) {
    Object fromConfig = path(merged.asMap(), "execution", "config", JobConfigSchema.MAX_CONCURRENT);
    if (fromConfig instanceof Number n) {
      return Math.max(1, n.intValue());
    }
    ExecutorConfig chosen = executor != null ? executor : bound.executor();
    return chosen.maxConcurrent();
  }

  public static Map<String, Object> resourceConfigs(RunConfig merged) {
    Map<String, Object> configs = new LinkedHashMap<>();
    if (merged.asMap().get("resources") instanceof Map<?, ?> resources) {
      for (Map.Entry<?, ?> e : resources.entrySet()) {
        if (e.getValue() instanceof Map<?, ?> entry) {
          configs.put(String.valueOf(e.getKey()), entry.get("config"));
        }
      }
    }
    return configs;
  }

  private static Object path(Object node, String... keys) {
    for (String key : keys) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  public static String quoted(List<String> keys) {
    List<String> quoted = new ArrayList<>(keys.size());
    for (String key : keys) {
      quoted.add("'" + key + "'");
    }
    return "[" + String.join(", ", quoted) + "]";
  }

  /**
   * Drops the config of ops the selection leaves out and of resources nothing selected uses, so
   * that a job's default config (or a parent run's config, on re-execution) still fits a partial
   * run, as in Dagster. Entries naming ops or resources the job does not have are kept, so that
   * validation still reports them.
   *
   * @param config the merged run config
   * @param job the job
   * @param selected the op handles that run, or {@code null} for all
   * @return the config for this run
   */
  public static RunConfig pruneForSelection(
      RunConfig config, JobDefinition job, Set<String> selected) {
    if (selected == null) {
      return config;
    }
    Map<String, Object> tree = new java.util.LinkedHashMap<>(config.asMap());
    if (tree.get("ops") instanceof Map<?, ?> ops) {
      tree.put("ops", pruneOps(ops, job.graph(), "", selected));
    }
    if (tree.get("resources") instanceof Map<?, ?> resources) {
      Set<String> used =
          io.pipewright.sdk.internal.definition.JobConfigSchema.usedResources(job, selected);
      Map<String, Object> kept = new java.util.LinkedHashMap<>();
      resources.forEach(
          (k, v) -> {
            String key = String.valueOf(k);
            if (used.contains(key) || !job.resources().containsKey(key)) {
              kept.put(key, v);
            }
          });
      tree.put("resources", kept);
    }
    // A section left empty is removed: the schema of a partial run may not have it at all.
    tree.entrySet().removeIf(e -> e.getValue() instanceof Map<?, ?> m && m.isEmpty());
    return RunConfig.of(tree);
  }

  private static Map<String, Object> pruneOps(
      Map<?, ?> ops, io.pipewright.sdk.GraphDefinition graph, String prefix, Set<String> selected) {
    Map<String, Object> kept = new java.util.LinkedHashMap<>();
    for (Map.Entry<?, ?> e : ops.entrySet()) {
      String alias = String.valueOf(e.getKey());
      var node = graph.node(alias);
      if (node.isEmpty()) {
        kept.put(alias, e.getValue());
        continue;
      }
      String handle = prefix + alias;
      if (node.get().definition() instanceof io.pipewright.sdk.GraphDefinition inner) {
        boolean anySelected = selected.stream().anyMatch(h -> h.startsWith(handle + "."));
        if (anySelected
            && e.getValue() instanceof Map<?, ?> body
            && body.get("ops") instanceof Map<?, ?> innerOps) {
          Map<String, Object> copy = new java.util.LinkedHashMap<>();
          body.forEach((k, v) -> copy.put(String.valueOf(k), v));
          copy.put("ops", pruneOps(innerOps, inner, handle + ".", selected));
          kept.put(alias, copy);
        } else if (anySelected) {
          kept.put(alias, e.getValue());
        }
      } else if (selected.contains(handle)) {
        kept.put(alias, e.getValue());
      }
    }
    return kept;
  }
}
