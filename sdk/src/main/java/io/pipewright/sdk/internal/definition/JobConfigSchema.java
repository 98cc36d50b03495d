package io.pipewright.sdk.internal.definition;

import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.GraphDefinition.NodeInvocation;
import io.pipewright.sdk.HookDefinition;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.Out;
import io.pipewright.sdk.config.ConfigField;
import io.pipewright.sdk.config.ConfigType;
import io.pipewright.sdk.internal.plan.GraphFlattener;
import io.pipewright.sdk.internal.plan.OpNode;
import io.pipewright.sdk.resource.ResourceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema of a job's run config, in Dagster's layout: {@code ops.<node>.config} (nested graphs:
 * {@code ops.<graph>.ops.<node>.config}), {@code resources.<key>.config} and {@code
 * execution.config}. Only the selected ops, and the resources they (or the job's hooks) use,
 * appear: a run of part of a job is not asked for config it does not need.
 */
public final class JobConfigSchema {
  private JobConfigSchema() {}

  /** Field name of the executor's settings inside {@code execution.config}. */
  public static final String MAX_CONCURRENT = "max_concurrent";

  /**
   * Builds the schema of a job's run config.
   *
   * @param job the job, with every resource it runs with bound
   * @param selected the op handles that run, or {@code null} for all
   * @return the schema
   */
  public static ConfigType of(JobDefinition job, Set<String> selected) {
    List<ConfigField> top = new ArrayList<>();
    opsShape(job.graph(), "", selected).ifPresent(ops -> top.add(field("ops", ops)));
    List<ConfigField> resourceFields = new ArrayList<>();
    Set<String> used = usedResources(job, selected);
    for (Map.Entry<String, ResourceDefinition<?>> e : job.resources().entrySet()) {
      Optional<ConfigType> type = e.getValue().configType();
      if (type.isPresent() && used.contains(e.getKey())) {
        resourceFields.add(field(e.getKey(), ConfigType.shape(field("config", type.get()))));
      }
    }
    if (!resourceFields.isEmpty()) {
      top.add(field("resources", ConfigType.shape(resourceFields)));
    }
    top.add(
        ConfigField.optional(
            "execution",
            ConfigType.shape(
                ConfigField.optional(
                    "config",
                    ConfigType.shape(
                        ConfigField.optional(MAX_CONCURRENT, ConfigType.intType())
                            .describedAs("How many steps may run at once in process."))))));
    return ConfigType.shape(top);
  }

  /** The resources the selected ops require, their IO managers, and the hooks' resources. */
  public static Set<String> usedResources(JobDefinition job, Set<String> selected) {
    Set<String> used = new LinkedHashSet<>();
    for (OpNode node : GraphFlattener.flatten(job.graph())) {
      if (selected != null && !selected.contains(node.handle())) {
        continue;
      }
      used.addAll(node.op().requiredResourceKeys());
      for (Out out : node.op().outputs()) {
        used.add(out.ioManagerKey());
      }
    }
    for (HookDefinition hook : job.hooks()) {
      used.addAll(hook.requiredResourceKeys());
    }
    return used;
  }

  private static Optional<ConfigType> opsShape(
      GraphDefinition graph, String prefix, Set<String> selected) {
    List<ConfigField> fields = new ArrayList<>();
    for (NodeInvocation node : graph.nodes()) {
      String handle = prefix + node.alias();
      if (node.definition() instanceof OpDefinition op) {
        if (selected == null || selected.contains(handle)) {
          op.configType()
              .ifPresent(
                  t -> fields.add(field(node.alias(), ConfigType.shape(field("config", t)))));
        }
      } else {
        opsShape((GraphDefinition) node.definition(), handle + ".", selected)
            .ifPresent(
                inner -> fields.add(field(node.alias(), ConfigType.shape(field("ops", inner)))));
      }
    }
    return fields.isEmpty() ? Optional.empty() : Optional.of(ConfigType.shape(fields));
  }

  /** A field is required when leaving it out cannot be valid. */
  private static ConfigField field(String name, ConfigType type) {
    return isRequired(type) ? ConfigField.required(name, type) : ConfigField.optional(name, type);
  }

  static boolean isRequired(ConfigType type) {
    if (type instanceof ConfigType.Shape shape) {
      return shape.hasRequiredFields();
    }
    return !(type instanceof ConfigType.Noneable) && !(type instanceof ConfigType.Any);
  }
}
