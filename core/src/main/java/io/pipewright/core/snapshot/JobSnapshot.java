package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job as hosts see it: its graph as a tree of nodes, its run config schema, resources, executor
 * and partitions. Asset jobs are jobs too: their graph holds one node per asset's op, and {@link
 * #assetSelection()} tells which assets they were built from.
 *
 * @param name the job's name, unique in the location; non-blank
 * @param description what it does; may be null
 * @param tags tags every run of the job gets
 * @param graphName the name of the top-level graph definition; non-blank
 * @param nodes the top-level nodes of the graph, in order; names unique
 * @param runConfigSchema the type of the job's whole run config; not null
 * @param resources the resources bound for the job, in key order
 * @param executor how it runs steps in process; not null
 * @param defaultRunConfig the run config used when a launch gives none, a canonical {@link
 *     UserJson} object; empty for none
 * @param opSelection the op selection clauses the job was defined with; empty for all ops
 * @param assetSelection for an asset job, the selection expression it was built from; null for an
 *     op job
 * @param partitions the job's partitions, or null when it is not partitioned
 */
public record JobSnapshot(
    String name,
    String description,
    Map<String, String> tags,
    String graphName,
    List<NodeSnapshot> nodes,
    ConfigSchemaSnapshot runConfigSchema,
    List<ResourceSnapshot> resources,
    ExecutorSnapshot executor,
    Map<String, Object> defaultRunConfig,
    List<String> opSelection,
    String assetSelection,
    PartitionsSnapshot partitions) {

  /** Validates and copies the components. */
  public JobSnapshot {
    String record = "JobSnapshot";
    Checks.requireNonBlank(name, record, "name");
    tags = Checks.tags(tags, record, name, "tags");
    Checks.requireNonBlank(graphName, record, name, "graphName");
    nodes = GraphNodeSnapshot.uniqueNames(nodes, record, name);
    Checks.require(runConfigSchema, record, name, "runConfigSchema");
    resources = Checks.list(resources, record, name, "resources");
    Checks.require(executor, record, name, "executor");
    defaultRunConfig =
        UserJson.canonicalObject(defaultRunConfig, "the default run config of job " + name);
    opSelection = Checks.list(opSelection, record, name, "opSelection");
    Checks.optionalNonBlank(assetSelection, record, name, "assetSelection");
  }

  /**
   * Tells whether the job was built from an asset selection.
   *
   * @return true for an asset job
   */
  public boolean isAssetJob() {
    return assetSelection != null;
  }

  /**
   * Returns the node at a handle: names from the top level down, joined by dots.
   *
   * @param handle such as {@code etl.clean}
   * @return the node, or empty when no node has that handle
   */
  public Optional<NodeSnapshot> node(String handle) {
    List<NodeSnapshot> level = nodes;
    NodeSnapshot found = null;
    int from = 0;
    while (from <= handle.length()) {
      int dot = handle.indexOf('.', from);
      String part = dot < 0 ? handle.substring(from) : handle.substring(from, dot);
      found = null;
      for (NodeSnapshot node : level) {
        if (node.name().equals(part)) {
          found = node;
          break;
        }
      }
      if (found == null || dot < 0) {
        break;
      }
      if (!(found instanceof GraphNodeSnapshot graph)) {
        return Optional.empty();
      }
      level = graph.nodes();
      from = dot + 1;
    }
    return Optional.ofNullable(found);
  }

  /**
   * Returns the resource bound under a key.
   *
   * @param key the resource key
   * @return the resource, or empty
   */
  public Optional<ResourceSnapshot> resource(String key) {
    for (ResourceSnapshot resource : resources) {
      if (resource.key().equals(key)) {
        return Optional.of(resource);
      }
    }
    return Optional.empty();
  }
}
