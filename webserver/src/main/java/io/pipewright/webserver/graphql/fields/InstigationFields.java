package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.codelocation.CodeLocationCallException;
import io.pipewright.core.codelocation.CodeLocationException;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.snapshot.DefaultStatus;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.RootFieldRegistry;
import io.pipewright.webserver.graphql.RootFields;
import io.pipewright.webserver.graphql.fields.InstigatorLookup.Found;
import io.pipewright.webserver.graphql.fields.InstigatorLookup.NotFound;
import io.pipewright.webserver.graphql.fields.InstigatorLookup.NotLoaded;
import io.pipewright.webserver.graphql.view.InstigationViews;
import io.pipewright.webserver.graphql.view.TickViews;
import io.pipewright.webserver.graphql.view.Times;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.workspace.LoadedLocation;
import io.pipewright.webserver.workspace.LocationEntry;
import io.pipewright.webserver.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The root fields of schedules and sensors: queries of their definitions, state and ticks, the
 * mutations that start, stop and reset them and set a sensor's cursor (each an atomic change of the
 * stored {@link InstigatorState}), and dry runs evaluated by the code location.
 */
@ApplicationScoped
public class InstigationFields implements RootFields {

  private final Workspace workspace;
  private final InstigatorStore store;
  private final InstigatorLookup lookup;
  private final InstigationViews views;
  private final Clock clock;

  /**
   * Creates the fields.
   *
   * @param workspace the code locations
   * @param store the instigators' stored state and ticks
   * @param views the GraphQL objects
   * @param clock the time source
   */
  @Inject
  public InstigationFields(
      Workspace workspace, InstigatorStore store, InstigationViews views, Clock clock) {
    this.workspace = workspace;
    this.store = store;
    this.lookup = new InstigatorLookup(workspace, store);
    this.views = views;
    this.clock = clock;
  }

  @Override
  public void register(RootFieldRegistry registry) {
    registry
        .query(
            "schedulesOrError",
            env ->
                schedules(env.getArgument("repositorySelector"), env.getArgument("scheduleStatus")))
        .query("scheduleOrError", env -> schedule(env.getArgument("scheduleSelector")))
        .query(
            "sensorsOrError",
            env -> sensors(env.getArgument("repositorySelector"), env.getArgument("sensorStatus")))
        .query("sensorOrError", env -> sensor(env.getArgument("sensorSelector")))
        .query(
            "instigationStateOrError",
            env -> instigationState(env.getArgument("instigationSelector"), env.getArgument("id")))
        .query(
            "instigationStatesOrError", env -> instigationStates(env.getArgument("repositoryID")))
        .mutation(
            "startSchedule",
            env -> changeSchedule(env.getArgument("scheduleSelector"), InstigatorStatus.RUNNING))
        .mutation(
            "resetSchedule",
            env ->
                changeSchedule(
                    env.getArgument("scheduleSelector"), InstigatorStatus.DECLARED_IN_CODE))
        .mutation(
            "stopRunningSchedule",
            env ->
                stopSchedule(
                    env.getArgument("id"),
                    env.getArgument("scheduleOriginId"),
                    env.getArgument("scheduleSelectorId")))
        .mutation(
            "startSensor",
            env ->
                changeSensor(
                    env.getArgument("sensorSelector"),
                    s -> s.withStatus(InstigatorStatus.RUNNING, clock.instant())))
        .mutation(
            "resetSensor",
            env ->
                changeSensor(
                    env.getArgument("sensorSelector"),
                    s -> s.withStatus(InstigatorStatus.DECLARED_IN_CODE, clock.instant())))
        .mutation(
            "setSensorCursor",
            env -> {
              String cursor = env.getArgument("cursor");
              return changeSensor(
                  env.getArgument("sensorSelector"), s -> s.withCursor(cursor, clock.instant()));
            })
        .mutation(
            "stopSensor",
            env ->
                stopSensor(
                    env.getArgument("id"),
                    env.getArgument("jobOriginId"),
                    env.getArgument("jobSelectorId")))
        .mutation(
            "sensorDryRun",
            env -> sensorDryRun(env.getArgument("selectorData"), env.getArgument("cursor")))
        .mutation(
            "scheduleDryRun",
            env -> scheduleDryRun(env.getArgument("selectorData"), env.getArgument("timestamp")));
  }

  private GqlObject schedules(Map<String, Object> repository, String status) {
    return list(
        repository,
        status,
        InstigatorType.SCHEDULE,
        "Schedules",
        location -> location.snapshot().schedules(),
        ScheduleSnapshot::name,
        ScheduleSnapshot::defaultStatus,
        views::schedule);
  }

  private GqlObject sensors(Map<String, Object> repository, String status) {
    return list(
        repository,
        status,
        InstigatorType.SENSOR,
        "Sensors",
        location -> location.snapshot().sensors(),
        SensorSnapshot::name,
        SensorSnapshot::defaultStatus,
        views::sensor);
  }

  /** The schedules or sensors of a repository, with their stored states, filtered by status. */
  private <T> GqlObject list(
      Map<String, Object> repository,
      String status,
      InstigatorType type,
      String typename,
      Function<LoadedLocation, List<T>> definitions,
      Function<T, String> name,
      Function<T, DefaultStatus> defaultStatus,
      View<T> view) {
    String locationName = (String) repository.get("repositoryLocationName");
    String repositoryName = (String) repository.get("repositoryName");
    LoadedLocation location;
    try {
      location = lookup.location(locationName, repositoryName, "Could not find repository");
    } catch (NotFound e) {
      return repositoryNotFound(e, locationName, repositoryName);
    } catch (NotLoaded e) {
      return e.error;
    }
    Map<String, InstigatorState> states = states(locationName, type);
    List<GqlObject> results = new ArrayList<>();
    for (T definition : definitions.apply(location)) {
      InstigatorState stored = states.get(name.apply(definition));
      if (status == null
          || InstigationViews.effectiveStatus(stored, defaultStatus.apply(definition))
              .name()
              .equals(status)) {
        results.add(view.of(locationName, definition, stored));
      }
    }
    return GqlObject.of(typename).put("results", results);
  }

  /** Shows one schedule or sensor. */
  private interface View<T> {
    GqlObject of(String location, T definition, InstigatorState stored);
  }

  private GqlObject schedule(Map<String, Object> selector) {
    String name = (String) selector.get("scheduleName");
    try {
      Found<ScheduleSnapshot> found = lookup.findSchedule(selector);
      return views.schedule(found.location(), found.definition(), stored(found.selector()));
    } catch (NotFound e) {
      return scheduleNotFound(e.getMessage(), name);
    } catch (NotLoaded e) {
      return e.error;
    }
  }

  private GqlObject sensor(Map<String, Object> selector) {
    String name = (String) selector.get("sensorName");
    try {
      Found<SensorSnapshot> found = lookup.findSensor(selector);
      return views.sensor(found.location(), found.definition(), stored(found.selector()));
    } catch (NotFound e) {
      return sensorNotFound(e.getMessage(), name);
    } catch (NotLoaded e) {
      return e.error;
    }
  }

  private GqlObject instigationState(Map<String, Object> selectorArgument, String id) {
    String locationName = (String) selectorArgument.get("repositoryLocationName");
    String name = (String) selectorArgument.get("name");
    InstigatorSelector selector = InstigatorSelector.of(locationName, name);
    if (id != null
        && !id.equals(InstigationViews.originId(selector))
        && !id.equals(InstigationViews.selectorId(selector))) {
      return Errors.message(
              "InstigationStateNotFoundError",
              "No schedule or sensor named '" + name + "' has id '" + id + "'")
          .put("name", name);
    }
    InstigatorState stored = stored(selector);
    LoadedLocation location = null;
    NotLoaded notLoaded = null;
    try {
      location =
          lookup.location(
              locationName,
              (String) selectorArgument.get("repositoryName"),
              "Could not find schedule or sensor '" + name + "'");
    } catch (NotFound e) {
      return Errors.message("InstigationStateNotFoundError", e.getMessage()).put("name", name);
    } catch (NotLoaded e) {
      notLoaded = e;
    }
    if (location != null) {
      Optional<ScheduleSnapshot> schedule = location.snapshot().schedule(name);
      if (schedule.isPresent()) {
        return views.state(selector, InstigatorType.SCHEDULE, stored, schedule.get(), null);
      }
      Optional<SensorSnapshot> sensor = location.snapshot().sensor(name);
      if (sensor.isPresent()) {
        return views.state(selector, InstigatorType.SENSOR, stored, null, sensor.get());
      }
    }
    if (stored != null) {
      // Its location is down, or it is no longer defined: its stored state and history remain.
      return views.state(selector, stored.type(), stored, null, null);
    }
    if (notLoaded != null) {
      return notLoaded.error;
    }
    return Errors.message(
            "InstigationStateNotFoundError",
            "Could not find schedule or sensor '"
                + name
                + "' in code location '"
                + locationName
                + "', and no state of it is stored")
        .put("name", name);
  }

  private GqlObject instigationStates(String repositoryId) {
    String prefix = LoadedLocation.REPOSITORY_NAME + "@";
    if (repositoryId == null || !repositoryId.startsWith(prefix)) {
      throw new BadArgumentException(
          "repositoryID '"
              + repositoryId
              + "' is not a repository id; pass Repository.id, such as "
              + prefix
              + "<location>");
    }
    String locationName = repositoryId.substring(prefix.length());
    Optional<LoadedLocation> location =
        workspace.entry(locationName).flatMap(LocationEntry::location);
    List<GqlObject> results = new ArrayList<>();
    for (InstigatorState stored : Await.of(store.states(locationName, null))) {
      String name = stored.selector().name();
      ScheduleSnapshot schedule =
          stored.type() == InstigatorType.SCHEDULE
              ? location.flatMap(l -> l.snapshot().schedule(name)).orElse(null)
              : null;
      SensorSnapshot sensor =
          stored.type() == InstigatorType.SENSOR
              ? location.flatMap(l -> l.snapshot().sensor(name)).orElse(null)
              : null;
      results.add(views.state(stored.selector(), stored.type(), stored, schedule, sensor));
    }
    return GqlObject.of("InstigationStates").put("results", results);
  }

  private GqlObject changeSchedule(Map<String, Object> selector, InstigatorStatus next) {
    String name = (String) selector.get("scheduleName");
    Found<ScheduleSnapshot> found;
    try {
      found = lookup.findSchedule(selector);
    } catch (NotFound e) {
      return scheduleNotFound(e.getMessage(), name);
    } catch (NotLoaded e) {
      return e.error;
    }
    Instant now = clock.instant();
    InstigatorState state =
        Await.of(
            store.updateState(
                found.selector(), InstigatorType.SCHEDULE, now, s -> s.withStatus(next, now)));
    return GqlObject.of("ScheduleStateResult")
        .put(
            "scheduleState",
            views.state(
                found.selector(), InstigatorType.SCHEDULE, state, found.definition(), null));
  }

  private GqlObject changeSensor(
      Map<String, Object> selector, UnaryOperator<InstigatorState> change) {
    String name = (String) selector.get("sensorName");
    Found<SensorSnapshot> found;
    try {
      found = lookup.findSensor(selector);
    } catch (NotFound e) {
      return sensorNotFound(e.getMessage(), name);
    } catch (NotLoaded e) {
      return e.error;
    }
    InstigatorState state =
        Await.of(
            store.updateState(found.selector(), InstigatorType.SENSOR, clock.instant(), change));
    return views.sensor(found.location(), found.definition(), state);
  }

  private GqlObject stopSchedule(String id, String originId, String selectorId) {
    InstigatorSelector selector =
        lookup.byId(InstigatorType.SCHEDULE, "schedule", id, originId, selectorId);
    Instant now = clock.instant();
    InstigatorState state =
        Await.of(
            store.updateState(
                selector,
                InstigatorType.SCHEDULE,
                now,
                s -> s.withStatus(InstigatorStatus.STOPPED, now)));
    ScheduleSnapshot definition =
        lookup
            .loaded(selector.codeLocation())
            .flatMap(l -> l.snapshot().schedule(selector.name()))
            .orElse(null);
    return GqlObject.of("ScheduleStateResult")
        .put(
            "scheduleState",
            views.state(selector, InstigatorType.SCHEDULE, state, definition, null));
  }

  private GqlObject stopSensor(String id, String originId, String selectorId) {
    InstigatorSelector selector =
        lookup.byId(InstigatorType.SENSOR, "sensor", id, originId, selectorId);
    Instant now = clock.instant();
    InstigatorState state =
        Await.of(
            store.updateState(
                selector,
                InstigatorType.SENSOR,
                now,
                s -> s.withStatus(InstigatorStatus.STOPPED, now)));
    SensorSnapshot definition =
        lookup
            .loaded(selector.codeLocation())
            .flatMap(l -> l.snapshot().sensor(selector.name()))
            .orElse(null);
    return GqlObject.of("StopSensorMutationResult")
        .put(
            "instigationState",
            views.state(selector, InstigatorType.SENSOR, state, null, definition));
  }

  private GqlObject sensorDryRun(Map<String, Object> selector, String cursor) {
    String name = (String) selector.get("sensorName");
    Found<SensorSnapshot> found;
    try {
      found = lookup.findSensor(selector);
    } catch (NotFound e) {
      return sensorNotFound(e.getMessage(), name);
    } catch (NotLoaded e) {
      return e.error;
    }
    Instant now = clock.instant();
    InstigatorEvaluation evaluation;
    try {
      evaluation =
          lookup
              .client(found.location())
              .evaluateSensor(new SensorEvaluationRequest(name, cursor, null, null));
    } catch (CodeLocationCallException e) {
      if (e.reason() == CodeLocationCallException.Reason.NOT_FOUND) {
        return sensorNotFound(e.getMessage(), name);
      }
      return Errors.pythonError(e);
    } catch (CodeLocationException e) {
      return Errors.pythonError(e);
    }
    return GqlObject.of("DryRunInstigationTick")
        .put("timestamp", Times.seconds(now))
        .put("evaluationResult", TickViews.tickEvaluation(evaluation));
  }

  private GqlObject scheduleDryRun(Map<String, Object> selector, Double timestamp) {
    String name = (String) selector.get("scheduleName");
    Found<ScheduleSnapshot> found;
    try {
      found = lookup.findSchedule(selector);
    } catch (NotFound e) {
      return scheduleNotFound(e.getMessage(), name);
    } catch (NotLoaded e) {
      return e.error;
    }
    Instant time = timestamp == null ? clock.instant() : Times.fromSeconds(timestamp);
    InstigatorEvaluation evaluation;
    try {
      evaluation =
          lookup
              .client(found.location())
              .evaluateSchedule(new ScheduleEvaluationRequest(name, time));
    } catch (CodeLocationCallException e) {
      if (e.reason() == CodeLocationCallException.Reason.NOT_FOUND) {
        return scheduleNotFound(e.getMessage(), name);
      }
      return Errors.pythonError(e);
    } catch (CodeLocationException e) {
      return Errors.pythonError(e);
    }
    return GqlObject.of("DryRunInstigationTick")
        .put("timestamp", Times.seconds(time))
        .put("evaluationResult", TickViews.tickEvaluation(evaluation));
  }

  private InstigatorState stored(InstigatorSelector selector) {
    return Await.of(store.state(selector)).orElse(null);
  }

  private Map<String, InstigatorState> states(String locationName, InstigatorType type) {
    Map<String, InstigatorState> byName = new HashMap<>();
    for (InstigatorState state : Await.of(store.states(locationName, type))) {
      byName.put(state.selector().name(), state);
    }
    return byName;
  }

  private static GqlObject repositoryNotFound(
      NotFound e, String locationName, String repositoryName) {
    return Errors.message("RepositoryNotFoundError", e.getMessage())
        .put("repositoryName", repositoryName)
        .put("repositoryLocationName", locationName);
  }

  private static GqlObject scheduleNotFound(String message, String name) {
    return Errors.message("ScheduleNotFoundError", message).put("scheduleName", name);
  }

  private static GqlObject sensorNotFound(String message, String name) {
    return Errors.message("SensorNotFoundError", message).put("sensorName", name);
  }
}
