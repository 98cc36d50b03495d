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
}
