package io.pipewright.webserver.graphql.view;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.schedule.CronExpression;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.DefaultStatus;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.core.snapshot.TargetSnapshot;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.workspace.LoadedLocation;
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

  private static final Set<RunStatus> IN_PROGRESS =
      EnumSet.of(
          RunStatus.QUEUED,
          RunStatus.NOT_STARTED,
          RunStatus.STARTING,
          RunStatus.STARTED,
          RunStatus.CANCELING);

  private final RunStore runs;
  private final RunViews runViews;
  private final TickViews ticks;
  private final Clock clock;

  /**
   * Creates the views.
   *
   * @param runs the run storage
   * @param runViews the runs' GraphQL objects
   * @param ticks the ticks' GraphQL objects
   * @param clock the time source
   */
  @Inject
  public InstigationViews(RunStore runs, RunViews runViews, TickViews ticks, Clock clock) {
    this.runs = runs;
    this.runViews = runViews;
    this.ticks = ticks;
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
                ticks.futureTicks(
                    location,
                    schedule,
                    env.getArgument("cursor"),
                    env.getArgument("limit"),
                    env.getArgument("until")))
        .lazy(
            "futureTick",
            env ->
                ticks.dryRunTick(
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
        .lazy("tick", env -> ticks.tick(selector, env.getArgument("tickId")))
        .lazy(
            "ticks",
            env ->
                ticks.ticks(
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

  private GqlObject scheduleNextTick(String location, ScheduleSnapshot schedule) {
    Instant next =
        CronExpression.parse(schedule.cronSchedule())
            .nextAfter(clock.instant(), ZoneId.of(schedule.timezone()));
    return ticks.dryRunTick(location, schedule.name(), next);
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
