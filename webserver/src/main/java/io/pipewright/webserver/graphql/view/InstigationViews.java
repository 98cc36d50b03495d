package io.pipewright.webserver.graphql.view;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationException;
import io.pipewright.core.codelocation.CodeLocationUnavailableException;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.cron.CronExpression;
import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickFilter;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.DefaultStatus;
import io.pipewright.core.snapshot.DynamicPartitionsRequestSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.core.snapshot.TargetSnapshot;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.workspace.LoadedLocation;
import io.pipewright.webserver.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Schedules and sensors as Dagster's {@code Schedule}, {@code Sensor} and {@code InstigationState}
 * with ticks, future ticks and evaluations: the definition comes from the code location's snapshot,
 * the status and history from the {@link InstigatorStore}.
 */
@ApplicationScoped
public class InstigationViews {

  /** The run tag naming the schedule that requested a run (Dagster's). */
  public static final String SCHEDULE_NAME_TAG = "dagster/schedule_name";

  /** The run tag naming the sensor that requested a run (Dagster's). */
  public static final String SENSOR_NAME_TAG = "dagster/sensor_name";

  /** The job name Dagster shows for a target that is an asset selection. */
  public static final String ASSET_JOB = "__ASSET_JOB";

  /** Ticks per page when a query gives no limit. */
  public static final int DEFAULT_TICK_LIMIT = 1000;

  /** The largest page of ticks a query may ask for. */
  public static final int MAX_TICK_LIMIT = 10_000;

  /** The most future ticks one query may ask for. */
  public static final int MAX_FUTURE_TICKS = 1000;

  private static final Set<RunStatus> IN_PROGRESS =
      EnumSet.of(
          RunStatus.QUEUED,
          RunStatus.NOT_STARTED,
          RunStatus.STARTING,
          RunStatus.STARTED,
          RunStatus.CANCELING);

  private final InstigatorStore store;
  private final RunStore runs;
  private final RunViews runViews;
  private final Workspace workspace;
  private final Clock clock;

  /**
   * Creates the views.
   *
   * @param store the instigators' stored state and ticks
   * @param runs the run storage
   * @param runViews the runs' GraphQL objects
   * @param workspace the code locations, for evaluations
   * @param clock the time source
   */
  @Inject
  public InstigationViews(
      InstigatorStore store, RunStore runs, RunViews runViews, Workspace workspace, Clock clock) {
    this.store = store;
    this.runs = runs;
    this.runViews = runViews;
    this.workspace = workspace;
    this.clock = clock;
  }

  /**
   * Returns the origin id of an instigator ({@code Schedule.id}, {@code InstigationState.id},
   * {@code Sensor.jobOriginId}): opaque and stable, as Dagster's hashes are.
   *
   * @param selector the instigator
   * @return the id
   */
  public static String originId(InstigatorSelector selector) {
    return hash("origin", selector);
  }

  /**
   * Returns the selector id of an instigator ({@code InstigationState.selectorId}).
   *
   * @param selector the instigator
   * @return the id
   */
  public static String selectorId(InstigatorSelector selector) {
    return hash("selector", selector);
  }

  /**
   * Returns the status an instigator has: the one a user stored, else its default status, else (its
   * definition is gone) stopped.
   *
   * @param stored the stored state, or null
   * @param defaultStatus the definition's default status, or null when it has no definition
   * @return {@code RUNNING} or {@code STOPPED}
   */
  public static InstigatorStatus effectiveStatus(
      InstigatorState stored, DefaultStatus defaultStatus) {
    if (stored != null && stored.status() != InstigatorStatus.DECLARED_IN_CODE) {
      return stored.status();
    }
    return defaultStatus == DefaultStatus.RUNNING
        ? InstigatorStatus.RUNNING
        : InstigatorStatus.STOPPED;
  }

  /**
   * Returns a schedule.
   *
   * @param location its code location's name
   * @param schedule its definition
   * @param stored its stored state, or null
   * @return the {@code Schedule}
   */
  public GqlObject schedule(String location, ScheduleSnapshot schedule, InstigatorState stored) {
    InstigatorSelector selector = InstigatorSelector.of(location, schedule.name());
    List<GqlObject> tags = new ArrayList<>();
    schedule
        .tags()
        .forEach((k, v) -> tags.add(GqlObject.of("DefinitionTag").put("key", k).put("value", v)));
    return GqlObject.of("Schedule")
        .put("id", originId(selector))
        .put("name", schedule.name())
        .put("cronSchedule", schedule.cronSchedule())
        .put("pipelineName", jobName(schedule.target()))
        .put("solidSelection", null)
        .put("mode", "default")
        .put("executionTimezone", schedule.timezone())
        .put("description", schedule.description())
        .put("defaultStatus", schedule.defaultStatus().name())
        .put("canReset", canReset(stored))
        .put("tags", tags)
        .put("scheduleState", state(selector, InstigatorType.SCHEDULE, stored, schedule, null))
        .lazy(
            "futureTicks",
            env ->
                futureTicks(
                    location,
                    schedule,
                    env.getArgument("cursor"),
                    env.getArgument("limit"),
                    env.getArgument("until")))
        .lazy(
            "futureTick",
            env ->
                dryRunTick(
                    location,
                    schedule.name(),
                    Instant.ofEpochSecond(
                        ((Number) env.getArgument("tickTimestamp")).longValue())));
  }

  /**
   * Returns a sensor.
   *
   * @param location its code location's name
   * @param sensor its definition
   * @param stored its stored state, or null
   * @return the {@code Sensor}
   */
  public GqlObject sensor(String location, SensorSnapshot sensor, InstigatorState stored) {
    InstigatorSelector selector = InstigatorSelector.of(location, sensor.name());
    List<GqlObject> targets = new ArrayList<>();
    for (TargetSnapshot target : sensor.targets()) {
      targets.add(
          GqlObject.of("Target")
              .put("pipelineName", jobName(target))
              .put("mode", "default")
              .put("solidSelection", null));
    }
    List<GqlObject> assetKeys = new ArrayList<>();
    sensor.monitoredAssets().forEach(key -> assetKeys.add(assetKey(key)));
    return GqlObject.of("Sensor")
        .put("id", originId(selector))
        .put("jobOriginId", originId(selector))
        .put("name", sensor.name())
        .put("targets", targets)
        .put("defaultStatus", sensor.defaultStatus().name())
        .put("canReset", canReset(stored))
        .put("hasCursorUpdatePermissions", true)
        .put("sensorState", state(selector, InstigatorType.SENSOR, stored, null, sensor))
        .put("minIntervalSeconds", Math.toIntExact(sensor.minimumInterval().toSeconds()))
        .put("description", sensor.description())
        .put("nextTick", sensorNextTick(sensor, stored))
        .put("metadata", GqlObject.of("SensorMetadata").put("assetKeys", assetKeys))
        .put("sensorType", sensor.kind().name());
  }

  /**
   * Returns an instigator's state.
   *
   * @param selector the instigator
   * @param type schedule or sensor
   * @param stored its stored state, or null
   * @param schedule its definition when it is a schedule whose location is loaded, else null
   * @param sensor its definition when it is a sensor whose location is loaded, else null
   * @return the {@code InstigationState}
   */
  public GqlObject state(
      InstigatorSelector selector,
      InstigatorType type,
      InstigatorState stored,
      ScheduleSnapshot schedule,
      SensorSnapshot sensor) {
    DefaultStatus defaultStatus =
        schedule != null
            ? schedule.defaultStatus()
            : sensor != null ? sensor.defaultStatus() : null;
    InstigatorStatus status = effectiveStatus(stored, defaultStatus);
    String tag = type == InstigatorType.SCHEDULE ? SCHEDULE_NAME_TAG : SENSOR_NAME_TAG;
    RunFilter ofInstigator =
        RunFilter.builder()
            .codeLocation(selector.codeLocation())
            .tags(Map.of(tag, selector.name()))
            .build();
    GqlObject specific;
    if (type == InstigatorType.SCHEDULE) {
      specific =
          GqlObject.of("ScheduleData")
              .put("cronSchedule", schedule == null ? "" : schedule.cronSchedule())
              .put("startTimestamp", null);
    } else {
      specific =
          GqlObject.of("SensorData")
              .put(
                  "lastTickTimestamp", stored == null ? null : Times.seconds(stored.lastTickTime()))
              .put("lastRunKey", stored == null ? null : stored.lastRunKey())
              .put("lastCursor", stored == null ? null : stored.cursor());
    }
    return GqlObject.of("InstigationState")
        .put("id", originId(selector))
        .put("selectorId", selectorId(selector))
        .put("name", selector.name())
        .put("instigationType", type.name())
        .put("status", status.name())
        .put("repositoryName", LoadedLocation.REPOSITORY_NAME)
        .put("repositoryLocationName", selector.codeLocation())
        .put("repositoryOrigin", WorkspaceViews.origin(selector.codeLocation()))
        .put("typeSpecificData", specific)
        .put("hasStartPermission", true)
        .put("hasStopPermission", true)
        .lazy(
            "runs",
            env -> {
              List<GqlObject> out = new ArrayList<>();
              int limit = RunViews.runLimit(env.getArgument("limit"));
              for (Run run : Await.of(runs.list(ofInstigator, null, limit))) {
                out.add(runViews.run(run));
              }
              return out;
            })
        .lazy("runsCount", env -> Math.toIntExact(Await.of(runs.count(ofInstigator))))
        .lazy(
            "runningCount",
            env ->
                Math.toIntExact(
                    Await.of(
                        runs.count(
                            RunFilter.builder()
                                .codeLocation(selector.codeLocation())
                                .tags(Map.of(tag, selector.name()))
                                .statuses(IN_PROGRESS)
                                .build()))))
        .lazy("tick", env -> tick(selector, env.getArgument("tickId")))
        .lazy(
            "ticks",
            env ->
                ticks(
                    selector,
                    env.getArgument("dayRange"),
                    env.getArgument("dayOffset"),
                    env.getArgument("limit"),
                    env.getArgument("cursor"),
                    env.getArgument("statuses"),
                    env.getArgument("beforeTimestamp"),
                    env.getArgument("afterTimestamp")))
        .lazy(
            "nextTick",
            env ->
                status != InstigatorStatus.RUNNING
                    ? null
                    : schedule != null
                        ? scheduleNextTick(selector.codeLocation(), schedule)
                        : sensor != null ? sensorNextTick(sensor, stored) : null);
  }

  /**
   * Returns a tick.
   *
   * @param tick the tick
   * @return the {@code InstigationTick}
   */
  public GqlObject tick(Tick tick) {
    List<String> runIds = tick.runIds();
    return GqlObject.of("InstigationTick")
        .put("id", Long.toString(tick.id()))
        .put("tickId", Long.toString(tick.id()))
        .put("status", tick.status().name())
        .put("timestamp", Times.seconds(tick.timestamp()))
        .put("endTimestamp", Times.seconds(tick.endTime()))
        .put("runIds", runIds)
        .put("runKeys", tick.runKeys())
        .put("error", tick.error() == null ? null : Errors.pythonError(tick.error()))
        .put("skipReason", tick.skipReason())
        .put("cursor", tick.cursor())
        .put("originRunIds", List.of())
        .put("requestedAssetKeys", List.of())
        .put("requestedAssetMaterializationCount", 0)
        .put("instigationType", tick.type().name())
        .lazy("runs", env -> runsByIds(runIds));
  }

  /**
   * Returns a tick computed from a schedule's cron, evaluated by its code location when {@code
   * evaluationResult} is selected.
   *
   * @param location the schedule's code location
   * @param scheduleName the schedule
   * @param time the tick's time
   * @return the {@code DryRunInstigationTick}
   */
  public GqlObject dryRunTick(String location, String scheduleName, Instant time) {
    return GqlObject.of("DryRunInstigationTick")
        .put("timestamp", Times.seconds(time))
        .lazy("evaluationResult", env -> evaluateSchedule(location, scheduleName, time));
  }

  /**
   * Returns an evaluation as Dagster's {@code TickEvaluation}.
   *
   * @param evaluation the code location's answer
   * @return the {@code TickEvaluation}
   */
  public static GqlObject tickEvaluation(InstigatorEvaluation evaluation) {
    List<GqlObject> requests = new ArrayList<>();
    for (RunRequestSnapshot request : evaluation.runRequests()) {
      List<GqlObject> tags = new ArrayList<>();
      request
          .tags()
          .forEach((k, v) -> tags.add(GqlObject.of("PipelineTag").put("key", k).put("value", v)));
      List<GqlObject> assets = null;
      if (!request.assetSelection().isEmpty()) {
        assets = new ArrayList<>();
        for (AssetKeySnapshot key : request.assetSelection()) {
          assets.add(assetKey(key));
        }
      }
      requests.add(
          GqlObject.of("RunRequest")
              .put("runKey", request.runKey())
              .put("tags", tags)
              .put("runConfigYaml", Json.write(request.runConfig()))
              .put("assetSelection", assets)
              .put("jobName", request.jobName()));
    }
    List<GqlObject> dynamic = new ArrayList<>();
    for (DynamicPartitionsRequestSnapshot request : evaluation.dynamicPartitionRequests()) {
      dynamic.add(
          GqlObject.of("DynamicPartitionRequest")
              .put("partitionKeys", request.keys())
              .put("partitionsDefName", request.partitionsName())
              .put(
                  "type",
                  request.action() == DynamicPartitionsRequestSnapshot.Action.ADD
                      ? "ADD_PARTITIONS"
                      : "DELETE_PARTITIONS"));
    }
    return GqlObject.of("TickEvaluation")
        .put("runRequests", requests)
        .put("dynamicPartitionsRequests", dynamic)
        .put("skipReason", evaluation.skipReason())
        .put("error", evaluation.error() == null ? null : Errors.pythonError(evaluation.error()))
        .put("cursor", evaluation.cursor());
  }

  private GqlObject evaluateSchedule(String location, String scheduleName, Instant time) {
    CodeLocationClient client = workspace.client(location).orElse(null);
    if (client == null) {
      return evaluationError(
          Errors.pythonError(
              CodeLocationUnavailableException.class.getName(),
              "The workspace has no code location '" + location + "' any more"));
    }
    try {
      return tickEvaluation(
          client.evaluateSchedule(new ScheduleEvaluationRequest(scheduleName, time)));
    } catch (CodeLocationException e) {
      return evaluationError(Errors.pythonError(e));
    }
  }

  private static GqlObject evaluationError(GqlObject error) {
    return GqlObject.of("TickEvaluation")
        .put("runRequests", null)
        .put("dynamicPartitionsRequests", null)
        .put("skipReason", null)
        .put("cursor", null)
        .put("error", error);
  }

  private GqlObject futureTicks(
      String location, ScheduleSnapshot schedule, Double cursor, Integer limit, Double until) {
    int size = limit == null ? (until == null ? 10 : MAX_FUTURE_TICKS) : limit;
    if (size < 1 || size > MAX_FUTURE_TICKS) {
      throw new BadArgumentException(
          "limit is " + size + "; ask for 1 to " + MAX_FUTURE_TICKS + " future ticks");
    }
    CronExpression cron = CronExpression.parse(schedule.cronSchedule());
    ZoneId zone = ZoneId.of(schedule.timezone());
    Instant start = cursor == null ? clock.instant() : Times.fromSeconds(cursor);
    Instant end = until == null ? null : Times.fromSeconds(until);
    List<GqlObject> results = new ArrayList<>();
    Instant last = null;
    // As Dagster: the first tick at or after the cursor; the next cursor is one second past the
    // last.
    for (Instant t = cron.nextAfter(start.minusNanos(1), zone);
        results.size() < size && (end == null || t.isBefore(end));
        t = cron.nextAfter(t, zone)) {
      results.add(dryRunTick(location, schedule.name(), t));
      last = t;
    }
    double nextCursor =
        last != null ? Times.seconds(last) + 1 : cursor != null ? cursor : Times.seconds(start);
    return GqlObject.of("DryRunInstigationTicks").put("results", results).put("cursor", nextCursor);
  }

  private GqlObject scheduleNextTick(String location, ScheduleSnapshot schedule) {
    Instant next =
        CronExpression.parse(schedule.cronSchedule())
            .nextAfter(clock.instant(), ZoneId.of(schedule.timezone()));
    return dryRunTick(location, schedule.name(), next);
  }

  private GqlObject sensorNextTick(SensorSnapshot sensor, InstigatorState stored) {
    DefaultStatus defaultStatus = sensor.defaultStatus();
    if (effectiveStatus(stored, defaultStatus) != InstigatorStatus.RUNNING) {
      return null;
    }
    Duration interval = sensor.minimumInterval();
    Instant now = clock.instant();
    Instant due =
        stored == null || stored.lastTickTime() == null
            ? now
            : stored.lastTickTime().plus(interval);
    return GqlObject.of("DryRunInstigationTick")
        .put("timestamp", Times.seconds(due.isBefore(now) ? now : due))
        .put("evaluationResult", null);
  }

  private GqlObject tick(InstigatorSelector selector, Object tickId) {
    long id;
    try {
      id = Long.parseLong(String.valueOf(tickId));
    } catch (NumberFormatException e) {
      throw new BadArgumentException("tickId '" + tickId + "' is not a tick id (a number)");
    }
    Tick tick = Await.of(store.tick(id)).orElse(null);
    if (tick == null || !tick.instigator().equals(selector)) {
      throw new BadArgumentException(selector.name() + " has no tick " + id);
    }
    return tick(tick);
  }

  private List<GqlObject> ticks(
      InstigatorSelector selector,
      Integer dayRange,
      Integer dayOffset,
      Integer limit,
      String cursor,
      List<String> statuses,
      Double beforeTimestamp,
      Double afterTimestamp) {
    int size = limit == null ? DEFAULT_TICK_LIMIT : limit;
    if (size < 1 || size > MAX_TICK_LIMIT) {
      throw new BadArgumentException(
          "limit is " + size + "; ask for 1 to " + MAX_TICK_LIMIT + " ticks per page");
    }
    Instant before = beforeTimestamp == null ? null : Times.fromSeconds(beforeTimestamp);
    Instant after = afterTimestamp == null ? null : Times.fromSeconds(afterTimestamp);
    if (dayRange != null) {
      Instant now = clock.instant();
      int offset = dayOffset == null ? 0 : dayOffset;
      before = earlier(before, now.minus(Duration.ofDays(offset)));
      Instant from = now.minus(Duration.ofDays((long) offset + dayRange));
      after = after == null || from.isAfter(after) ? from : after;
    }
    if (cursor != null) {
      try {
        before = earlier(before, Times.fromSeconds(Double.parseDouble(cursor)));
      } catch (NumberFormatException e) {
        throw new BadArgumentException(
            "cursor '"
                + cursor
                + "' is not a tick timestamp: pass the timestamp of the last tick of the previous"
                + " page, or no cursor for the first page");
      }
    }
    Set<TickStatus> wanted = new LinkedHashSet<>();
    if (statuses != null) {
      statuses.forEach(s -> wanted.add(TickStatus.valueOf(s)));
    }
    List<GqlObject> out = new ArrayList<>();
    for (Tick tick : Await.of(store.ticks(selector, new TickFilter(wanted, after, before, size)))) {
      out.add(tick(tick));
    }
    return out;
  }

  private List<GqlObject> runsByIds(List<String> runIds) {
    if (runIds.isEmpty()) {
      return List.of();
    }
    List<GqlObject> out = new ArrayList<>();
    RunFilter filter = RunFilter.builder().runIds(runIds).build();
    for (Run run : Await.of(runs.list(filter, null, Math.min(runIds.size(), 10_000)))) {
      out.add(runViews.run(run));
    }
    return out;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static boolean canReset(InstigatorState stored) {
    return stored != null && stored.status() != InstigatorStatus.DECLARED_IN_CODE;
  }

  private static String jobName(TargetSnapshot target) {
    return target instanceof TargetSnapshot.Job job ? job.jobName() : ASSET_JOB;
  }

  private static GqlObject assetKey(AssetKeySnapshot key) {
    return GqlObject.of("AssetKey").put("path", key.path());
  }

  private static String hash(String kind, InstigatorSelector selector) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      String text =
          kind
              + "\n"
              + selector.codeLocation()
              + "\n"
              + LoadedLocation.REPOSITORY_NAME
              + "\n"
              + selector.name();
      return HexFormat.of().formatHex(sha1.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-1", e);
    }
  }
}
