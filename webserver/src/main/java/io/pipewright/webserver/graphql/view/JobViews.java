package io.pipewright.webserver.graphql.view;

import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.core.snapshot.ResourceSnapshot;
import io.pipewright.protocol.mapping.SnapshotCodec;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.workspace.LoadedLocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jobs as Dagster's {@code Pipeline} and {@code Job} (one job, under its legacy and its modern type
 * name), and stored job snapshots as {@code PipelineSnapshot}.
 */
@ApplicationScoped
public class JobViews {

  /** Dagster's built-in type names; other names are the user's types. */
  private static final Set<String> BUILTIN_TYPES =
      Set.of("Any", "Bool", "Float", "Int", "String", "Nothing", "Nullable", "List");

  private final RunViews runViews;
  private final WorkspaceViews workspaceViews;

  /**
   * Creates the views.
   *
   * @param runViews for a job's runs
   * @param workspaceViews for a job's repository
   */
  @Inject
  public JobViews(RunViews runViews, WorkspaceViews workspaceViews) {
    this.runViews = runViews;
    this.workspaceViews = workspaceViews;
  }

  /**
   * Returns a job of a loaded location.
   *
   * @param location the location
   * @param job the job
   * @param typeName {@code Pipeline} or {@code Job}
   * @return the object
   */
  public GqlObject job(LoadedLocation location, JobSnapshot job, String typeName) {
    GqlObject object =
        graph(GqlObject.of(typeName), job)
            .put("id", location.name() + "." + LoadedLocation.REPOSITORY_NAME + "." + job.name())
            .lazy("pipelineSnapshotId", env -> snapshotId(location, job))
            .put("isJob", true)
            .put("isAssetJob", job.isAssetJob())
            .put("presets", List.of())
            .put("hasLaunchExecutionPermission", true)
            .put("hasLaunchReexecutionPermission", true)
            .lazy("repository", env -> workspaceViews.repository(location))
            .lazy(
                "runs",
                env ->
                    runViews.runsOfJob(
                        location.name(),
                        job.name(),
                        env.getArgument("cursor"),
                        env.getArgument("limit")));
    return object;
  }

  /**
   * Returns a stored job snapshot, as a run refers to it.
   *
   * @param job the job as it was launched
   * @param snapshotId its id
   * @param locationName the run's location, for its runs
   * @param opSelection the run's op selection; empty for none
   * @return the {@code PipelineSnapshot}
   */
  public GqlObject snapshot(
      JobSnapshot job, String snapshotId, String locationName, List<String> opSelection) {
    return graph(GqlObject.of("PipelineSnapshot"), job)
        .put("id", snapshotId)
        .put("pipelineSnapshotId", snapshotId)
        .put("solidSelection", opSelection.isEmpty() ? null : opSelection)
        .lazy(
            "runs",
            env ->
                runViews.runsOfJob(
                    locationName, job.name(), env.getArgument("cursor"), env.getArgument("limit")));
  }

  /**
   * Returns the id a job's snapshot is stored under.
   *
   * @param location the job's location
   * @param job the job
   * @return the id
   */
  public static String snapshotId(LoadedLocation location, JobSnapshot job) {
    return location.snapshotId(job, j -> SnapshotCodec.job(j).id());
  }

  /**
   * Returns the one mode of a job, {@code default}, with its resources.
   *
   * @param resources the job's resources
   * @return the {@code Mode}
   */
  static GqlObject mode(List<ResourceSnapshot> resources) {
    List<GqlObject> objects = new ArrayList<>();
    for (ResourceSnapshot resource : resources) {
      objects.add(
          GqlObject.of("Resource")
              .put("name", resource.key())
              .put("description", resource.description())
              .put(
                  "configField",
                  resource.config() == null ? null : ConfigViews.configField(resource.config())));
    }
    return GqlObject.of("Mode")
        .put("id", "default")
        .put("name", "default")
        .put("description", null)
        .put("resources", objects)
        .put("loggers", List.of());
  }

  /**
   * Returns a type of inputs and outputs, by name ({@code Int}, {@code List[Int]}, a user type).
   *
   * @param name the type's name
   * @return the {@code RegularDagsterType}
   */
  static GqlObject dagsterType(String name) {
    int bracket = name.indexOf('[');
    String outer = bracket < 0 ? name : name.substring(0, bracket);
    return GqlObject.of("RegularDagsterType")
        .put("key", name)
        .put("name", name)
        .put("displayName", name)
        .put("description", null)
        .put("isNullable", outer.equals("Nullable") || outer.equals("Optional"))
        .put("isList", outer.equals("List"))
        .put("isBuiltin", BUILTIN_TYPES.contains(outer))
        .put("isNothing", name.equals("Nothing"))
        .put("inputSchemaType", null)
        .put("outputSchemaType", null)
        .put("innerTypes", List.of())
        .put("metadataEntries", List.of());
  }

  /** The fields a job, a job snapshot and a graph share: their nodes, handles, types, mode. */
  private static GqlObject graph(GqlObject object, JobSnapshot job) {
    SolidGraph graph = new SolidGraph(job.nodes());
    List<GqlObject> tags = tags(job.tags());
    return object
        .put("name", job.name())
        .put("description", job.description())
        .put("graphName", job.graphName())
        .put("tags", tags)
        .put("runTags", tags)
        .put("metadataEntries", List.of())
        .put("parentSnapshotId", null)
        .put("nodeNames", graph.names())
        .put("modes", List.of(mode(job.resources())))
        .lazy("solids", env -> graph.solids())
        .lazy("solidHandle", env -> graph.handle(env.getArgument("handleID")))
        .lazy("solidHandles", env -> graph.handles(env.getArgument("parentHandleID")))
        .lazy(
            "dagsterTypes",
            env -> {
              List<GqlObject> types = new ArrayList<>();
              graph.typeNames().forEach(name -> types.add(dagsterType(name)));
              return types;
            });
  }

  /**
   * Returns tags as {@code PipelineTag}s.
   *
   * @param tags the tags
   * @return the objects
   */
  static List<GqlObject> tags(Map<String, String> tags) {
    return tags(tags, null);
  }

  /**
   * Returns tags as {@code PipelineTag}s, in their order, leaving out those whose key starts with
   * {@code hiddenPrefix} (when not null).
   */
  static List<GqlObject> tags(Map<String, String> tags, String hiddenPrefix) {
    List<GqlObject> objects = new ArrayList<>(tags.size());
    tags.forEach(
        (key, value) -> {
          if (hiddenPrefix == null || !key.startsWith(hiddenPrefix)) {
            objects.add(GqlObject.of("PipelineTag", field -> tagField(key, value, field)));
          }
        });
    return objects;
  }

  private static Object tagField(String key, String value, String field) {
    return switch (field) {
      case "key" -> key;
      case "value" -> value;
      default -> null;
    };
  }
}
