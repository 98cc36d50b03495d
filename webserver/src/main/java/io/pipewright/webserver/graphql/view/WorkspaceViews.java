package io.pipewright.webserver.graphql.view;

import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.workspace.LoadedLocation;
import io.pipewright.webserver.workspace.LocationEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;

/** The workspace, its location entries, locations and repositories as Dagster's types. */
@ApplicationScoped
public class WorkspaceViews {

  /** The version reported for the library: Pipewright's own. */
  public static final String VERSION = "0.1.0-SNAPSHOT";

  private final Provider<JobViews> jobViews;

  /**
   * Creates the views.
   *
   * @param jobViews for a repository's jobs (a provider: jobs refer back to their repository)
   */
  @Inject
  public WorkspaceViews(Provider<JobViews> jobViews) {
    this.jobViews = jobViews;
  }

  /**
   * Returns the workspace.
   *
   * @param entries its locations
   * @return the {@code Workspace}
   */
  public GqlObject workspace(List<LocationEntry> entries) {
    List<GqlObject> objects = new ArrayList<>(entries.size());
    entries.forEach(entry -> objects.add(entry(entry)));
    return GqlObject.of("Workspace").put("id", "Workspace").put("locationEntries", objects);
  }

  /**
   * Returns one location's entry.
   *
   * @param entry the entry
   * @return the {@code WorkspaceLocationEntry}
   */
  public GqlObject entry(LocationEntry entry) {
    Object locationOrError = null;
    if (entry.location().isPresent()) {
      locationOrError = location(entry.location().get());
    } else if (entry.error().isPresent()) {
      locationOrError = Errors.pythonError(entry.error().get());
    }
    return GqlObject.of("WorkspaceLocationEntry")
        .put("id", entry.name())
        .put("name", entry.name())
        .put("locationOrLoadError", locationOrError)
        .put("loadStatus", entry.loading() ? "LOADING" : "LOADED")
        .put("displayMetadata", displayMetadata(entry))
        .put("updatedTimestamp", Times.seconds(entry.updatedAt()))
        .put("versionKey", versionKey(entry))
        .put("permissions", List.of())
        .put("featureFlags", List.of());
  }

  /**
   * Returns one location's status.
   *
   * @param entry the entry
   * @return the {@code WorkspaceLocationStatusEntry}
   */
  public GqlObject status(LocationEntry entry) {
    return GqlObject.of("WorkspaceLocationStatusEntry")
        .put("id", entry.name())
        .put("name", entry.name())
        .put("loadStatus", entry.loading() ? "LOADING" : "LOADED")
        .put("updateTimestamp", Times.seconds(entry.updatedAt()))
        .put("versionKey", versionKey(entry))
        .put("permissions", List.of());
  }

  /**
   * Returns a loaded location.
   *
   * @param location the location
   * @return the {@code RepositoryLocation}
   */
  public GqlObject location(LoadedLocation location) {
    return GqlObject.of("RepositoryLocation")
        .put("id", location.name())
        .put("name", location.name())
        .put("isReloadSupported", true)
        .put("environmentPath", null)
        .put("serverId", location.snapshot().serverId())
        .put(
            "dagsterLibraryVersions",
            List.of(
                GqlObject.of("DagsterLibraryVersion")
                    .put("name", "pipewright")
                    .put("version", VERSION)))
        .lazy("repositories", env -> List.of(repository(location)));
  }

  /**
   * Returns a location's one repository.
   *
   * @param location the location
   * @return the {@code Repository}
   */
  public GqlObject repository(LoadedLocation location) {
    return GqlObject.of("Repository")
        .put("id", LoadedLocation.REPOSITORY_NAME + "@" + location.name())
        .put("name", LoadedLocation.REPOSITORY_NAME)
        .lazy("location", env -> location(location))
        .lazy("pipelines", env -> jobs(location, "Pipeline"))
        .lazy("jobs", env -> jobs(location, "Job"))
        .put("origin", origin(location.name()))
        .put("displayMetadata", List.of());
  }

  /**
   * Returns a repository's origin.
   *
   * @param locationName the repository's location
   * @return the {@code RepositoryOrigin}
   */
  public static GqlObject origin(String locationName) {
    return GqlObject.of("RepositoryOrigin")
        .put("id", LoadedLocation.REPOSITORY_NAME + "@" + locationName)
        .put("repositoryLocationName", locationName)
        .put("repositoryName", LoadedLocation.REPOSITORY_NAME)
        .put("repositoryLocationMetadata", List.of());
  }

  private List<GqlObject> jobs(LoadedLocation location, String typeName) {
    List<GqlObject> jobs = new ArrayList<>();
    for (JobSnapshot job : location.jobs()) {
      jobs.add(jobViews.get().job(location, job, typeName));
    }
    return jobs;
  }

  private static List<GqlObject> displayMetadata(LocationEntry entry) {
    return List.of(
        GqlObject.of("RepositoryMetadata").put("key", "host").put("value", entry.address().host()),
        GqlObject.of("RepositoryMetadata")
            .put("key", "port")
            .put("value", Integer.toString(entry.address().port())));
  }

  private static String versionKey(LocationEntry entry) {
    return entry.location().map(l -> l.snapshot().contentHash()).orElse("")
        + ":"
        + entry.updatedAt().toEpochMilli();
  }
}
