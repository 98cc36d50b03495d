package io.pipewright.sdk.internal.definition;

import io.pipewright.sdk.GraphDefinition;
import io.pipewright.sdk.GraphDefinition.NodeInvocation;
import io.pipewright.sdk.JobDefinition;
import io.pipewright.sdk.OpDefinition;
import io.pipewright.sdk.config.ConfigField;
import io.pipewright.sdk.config.ConfigType;
import io.pipewright.sdk.resource.ResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema of a job's run config, in Dagster's layout: {@code ops.<node>.config} (nested graphs:
 * {@code ops.<graph>.ops.<node>.config}), {@code resources.<key>.config} and {@code
 * execution.config}.
 */
public final class JobConfigSchema {
  private JobConfigSchema() {}

  /** Field name of the executor's settings inside {@code execution.config}. */
  public static final String MAX_CONCURRENT = "max_concurrent";

  /**
   * Builds the schema of a job's run config.
   *
   * @param job the job
   * @param resources every resource bound to it, including defaults
   * @return the schema
   */
  public static ConfigType of(JobDefinition job, Map<String, ResourceDefinition<?>> resources) {
    List<ConfigField> top = new ArrayList<>();
    opsShape(job.graph()).ifPresent(ops -> top.add(field("ops", ops)));
    List<ConfigField> resourceFields = new ArrayList<>();
    for (Map.Entry<String, ResourceDefinition<?>> e : resources.entrySet()) {
      Optional<ConfigType> type = e.getValue().configType();
      if (type.isPresent()) {
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

  private static Optional<ConfigType> opsShape(GraphDefinition graph) {
    List<ConfigField> fields = new ArrayList<>();
    for (NodeInvocation node : graph.nodes()) {
      if (node.definition() instanceof OpDefinition op) {
        op.configType()
            .ifPresent(t -> fields.add(field(node.alias(), ConfigType.shape(field("config", t)))));
      } else {
        opsShape((GraphDefinition) node.definition())
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
