package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationUnavailableException;
import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.view.InstigationViews;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.workspace.LoadedLocation;
import io.pipewright.webserver.workspace.LocationEntry;
import io.pipewright.webserver.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the schedules and sensors that selectors and ids name, and their code locations, for {@link
 * InstigationFields}: a name that does not exist is {@link NotFound}; a location that is not loaded
 * (whether it defines the name cannot be told) is {@link NotLoaded}.
 */
final class InstigatorLookup {

  private final Workspace workspace;
  private final InstigatorStore store;

  InstigatorLookup(Workspace workspace, InstigatorStore store) {
    this.workspace = workspace;
    this.store = store;
  }

  /** A definition found in a loaded location. */
  record Found<T>(String location, InstigatorSelector selector, T definition) {}

  /** The location, repository or definition named does not exist. */
  static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message, null, false, false);
    }
  }

  /** The location exists but is not loaded: whether it defines the name cannot be told. */
  static final class NotLoaded extends Exception {
    private static final long serialVersionUID = 1L;

    final transient GqlObject error;

    NotLoaded(String message) {
      super(message, null, false, false);
      this.error =
          Errors.pythonError(
              ErrorSnapshot.of(CodeLocationUnavailableException.class.getName(), message));
    }
  }

  Found<ScheduleSnapshot> findSchedule(Map<String, Object> selector) throws NotFound, NotLoaded {
    String locationName = (String) selector.get("repositoryLocationName");
    String name = (String) selector.get("scheduleName");
    String notFound = "Could not find schedule '" + name + "'";
    LoadedLocation location =
        location(locationName, (String) selector.get("repositoryName"), notFound);
    Optional<ScheduleSnapshot> schedule = location.snapshot().schedule(name);
    if (schedule.isEmpty()) {
      List<String> names = new ArrayList<>();
      location.snapshot().schedules().forEach(s -> names.add(s.name()));
      throw new NotFound(
          notFound + " in code location '" + locationName + "' (it has " + list(names) + ")");
    }
    return new Found<>(locationName, InstigatorSelector.of(locationName, name), schedule.get());
  }

  Found<SensorSnapshot> findSensor(Map<String, Object> selector) throws NotFound, NotLoaded {
    String locationName = (String) selector.get("repositoryLocationName");
    String name = (String) selector.get("sensorName");
    String notFound = "Could not find sensor '" + name + "'";
    LoadedLocation location =
        location(locationName, (String) selector.get("repositoryName"), notFound);
    Optional<SensorSnapshot> sensor = location.snapshot().sensor(name);
    if (sensor.isEmpty()) {
      List<String> names = new ArrayList<>();
      location.snapshot().sensors().forEach(s -> names.add(s.name()));
      throw new NotFound(
          notFound + " in code location '" + locationName + "' (it has " + list(names) + ")");
    }
    return new Found<>(locationName, InstigatorSelector.of(locationName, name), sensor.get());
  }

  /** Finds a loaded location; the messages start with {@code notFound}. */
  LoadedLocation location(String locationName, String repositoryName, String notFound)
      throws NotFound, NotLoaded {
    Optional<LocationEntry> entry = workspace.entry(locationName);
    if (entry.isEmpty()) {
      throw new NotFound(
          notFound
              + ": the workspace has no code location '"
              + locationName
              + "' (it has "
              + list(workspace.names())
              + ")");
    }
    if (!LoadedLocation.REPOSITORY_NAME.equals(repositoryName)) {
      throw new NotFound(
          notFound
              + ": code location '"
              + locationName
              + "' has one repository, named "
              + LoadedLocation.REPOSITORY_NAME
              + ", not '"
              + repositoryName
              + "'");
    }
    Optional<LoadedLocation> location = entry.get().location();
    if (location.isEmpty()) {
      String reason =
          entry.get().error().map(ErrorSnapshot::firstLine).orElse("it is still loading");
      throw new NotLoaded(
          "Code location '"
              + locationName
              + "' is not loaded: "
              + reason
              + ". Try again once its server answers (reloadRepositoryLocation reloads it).");
    }
    return location.get();
  }

  Optional<LoadedLocation> loaded(String locationName) {
    return workspace.entry(locationName).flatMap(LocationEntry::location);
  }

  CodeLocationClient client(String locationName) {
    return workspace
        .client(locationName)
        .orElseThrow(
            () ->
                new CodeLocationUnavailableException(
                    locationName,
                    "",
                    "The workspace has no code location '" + locationName + "' any more",
                    null));
  }

  /**
   * Finds the instigator an id names: an origin id or selector id of a schedule or sensor defined
   * by a loaded location, or of a stored state (its location may be down).
   */
  InstigatorSelector byId(
      InstigatorType type, String what, String id, String originId, String selectorId) {
    List<String> ids = new ArrayList<>();
    for (String candidate : new String[] {id, originId, selectorId}) {
      if (candidate != null) {
        ids.add(candidate);
      }
    }
    if (ids.isEmpty()) {
      throw new BadArgumentException(
          "name the " + what + " to stop: give id (its state's id), or its origin or selector id");
    }
    List<InstigatorSelector> known = new ArrayList<>();
    for (InstigatorState state : Await.of(store.states(null, type))) {
      known.add(state.selector());
    }
    for (LocationEntry entry : workspace.entries()) {
      entry
          .location()
          .ifPresent(
              l -> {
                if (type == InstigatorType.SCHEDULE) {
                  l.snapshot()
                      .schedules()
                      .forEach(s -> known.add(InstigatorSelector.of(l.name(), s.name())));
                } else {
                  l.snapshot()
                      .sensors()
                      .forEach(s -> known.add(InstigatorSelector.of(l.name(), s.name())));
                }
              });
    }
    for (InstigatorSelector selector : known) {
      String origin = InstigationViews.originId(selector);
      String selectorHash = InstigationViews.selectorId(selector);
      if (ids.contains(origin) || ids.contains(selectorHash)) {
        return selector;
      }
    }
    throw new BadArgumentException(
        "No "
            + what
            + " has id '"
            + ids.get(0)
            + "'; pass the id of its state ("
            + (type == InstigatorType.SCHEDULE ? "scheduleState" : "sensorState")
            + ".id) as the query returned it");
  }

  static String list(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
