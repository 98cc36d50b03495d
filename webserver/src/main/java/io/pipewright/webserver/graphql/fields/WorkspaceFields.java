package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.codelocation.CodeLocationException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.RootFieldRegistry;
import io.pipewright.webserver.graphql.RootFields;
import io.pipewright.webserver.graphql.view.WorkspaceViews;
import io.pipewright.webserver.workspace.LoadedLocation;
import io.pipewright.webserver.workspace.LocationEntry;
import io.pipewright.webserver.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace's root fields: {@code version}, the workspace and its repositories, and the
 * mutations that reload and shut down code locations.
 */
@ApplicationScoped
public class WorkspaceFields implements RootFields {

  private final Workspace workspace;
  private final WorkspaceViews views;

  /**
   * Creates the fields.
   *
   * @param workspace the code locations
   * @param views their GraphQL objects
   */
  @Inject
  public WorkspaceFields(Workspace workspace, WorkspaceViews views) {
    this.workspace = workspace;
    this.views = views;
  }

  @Override
  public void register(RootFieldRegistry registry) {
    registry
        .query("version", env -> WorkspaceViews.VERSION)
        .query("workspaceOrError", env -> views.workspace(workspace.entries()))
        .query("locationStatusesOrError", env -> statuses())
        .query("workspaceLocationEntryOrError", env -> entry(env.getArgument("name")))
        .query("repositoriesOrError", env -> repositories(env.getArgument("repositorySelector")))
        .query("repositoryOrError", env -> repository(env.getArgument("repositorySelector")))
        .mutation(
            "reloadRepositoryLocation", env -> reload(env.getArgument("repositoryLocationName")))
        .mutation("reloadWorkspace", env -> reloadAll())
        .mutation(
            "shutdownRepositoryLocation",
            env -> shutdown(env.getArgument("repositoryLocationName")));
  }

  private GqlObject statuses() {
    List<GqlObject> entries = new ArrayList<>();
    workspace.entries().forEach(entry -> entries.add(views.status(entry)));
    return GqlObject.of("WorkspaceLocationStatusEntries").put("entries", entries);
  }

  private GqlObject entry(String name) {
    Optional<LocationEntry> entry = workspace.entry(name);
    return entry.isPresent() ? views.entry(entry.get()) : null;
  }

  private GqlObject repositories(Map<String, Object> selector) {
    if (selector != null) {
      Object repository = repository(selector);
      if (repository instanceof GqlObject found && !"Repository".equals(found.typeName())) {
        return found;
      }
      return GqlObject.of("RepositoryConnection").put("nodes", List.of(repository));
    }
    List<GqlObject> nodes = new ArrayList<>();
    for (LocationEntry entry : workspace.entries()) {
      entry.location().ifPresent(location -> nodes.add(views.repository(location)));
    }
    return GqlObject.of("RepositoryConnection").put("nodes", nodes);
  }

  private GqlObject repository(Map<String, Object> selector) {
    String locationName = (String) selector.get("repositoryLocationName");
    String repositoryName = (String) selector.get("repositoryName");
    Optional<LoadedLocation> location =
        workspace.entry(locationName).flatMap(LocationEntry::location);
    if (location.isPresent() && LoadedLocation.REPOSITORY_NAME.equals(repositoryName)) {
      return views.repository(location.get());
    }
    return GqlObject.of("RepositoryNotFoundError")
        .put("repositoryName", repositoryName)
        .put("repositoryLocationName", locationName)
        .put(
            "message",
            "Could not find Repository "
                + locationName
                + "."
                + repositoryName
                + why(locationName, repositoryName));
  }

  private String why(String locationName, String repositoryName) {
    Optional<LocationEntry> entry = workspace.entry(locationName);
    if (entry.isEmpty()) {
      return ": the workspace has no code location '" + locationName + "'";
    }
    if (entry.get().location().isEmpty()) {
      return ": code location '"
          + locationName
          + "' is not loaded"
          + entry.get().error().map(e -> " (" + e.firstLine() + ")").orElse("");
    }
    return ": code location '"
        + locationName
        + "' has one repository, named "
        + LoadedLocation.REPOSITORY_NAME
        + (repositoryName == null ? "" : ", not " + repositoryName);
  }

  private GqlObject reload(String name) {
    Optional<LocationEntry> entry = workspace.reload(name);
    return entry.isPresent() ? views.entry(entry.get()) : locationNotFound(name);
  }

  private GqlObject reloadAll() {
    try {
      return views.workspace(workspace.reloadAll());
    } catch (IllegalArgumentException e) {
      return Errors.pythonError("io.pipewright.WorkspaceConfigurationError", e.getMessage());
    }
  }

  private GqlObject shutdown(String name) {
    try {
      if (!workspace.shutdown(name)) {
        return locationNotFound(name);
      }
    } catch (CodeLocationException e) {
      return Errors.pythonError(e);
    }
    return GqlObject.of("ShutdownRepositoryLocationSuccess").put("repositoryLocationName", name);
  }

  private GqlObject locationNotFound(String name) {
    return Errors.message(
        "RepositoryLocationNotFound",
        "Location "
            + name
            + " does not exist. The workspace has "
            + (workspace.names().isEmpty()
                ? "no code locations"
                : String.join(", ", workspace.names()))
            + ".");
  }
}
