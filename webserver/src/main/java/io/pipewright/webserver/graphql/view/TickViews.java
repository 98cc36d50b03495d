package io.pipewright.webserver.graphql.view;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.CodeLocationException;
import io.pipewright.core.codelocation.CodeLocationUnavailableException;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickFilter;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.schedule.CronExpression;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.DynamicPartitionsRequestSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ticks as Dagster's {@code InstigationTick} (stored ticks, newest first) and {@code
 * DryRunInstigationTick} (future ticks from the cron, and evaluations by the code location).
 */
@ApplicationScoped
public class TickViews {

  /** Ticks per page when a query gives no limit. */
  public static final int DEFAULT_TICK_LIMIT = 1000;

  /** The largest page of ticks a query may ask for. */
  public static final int MAX_TICK_LIMIT = 10_000;

  /** The most future ticks one query may ask for. */
  public static final int MAX_FUTURE_TICKS = 1000;

  private final InstigatorStore store;
  private final RunStore runs;
  private final RunViews runViews;
  private final Workspace workspace;
  private final Clock clock;

  /**
   * Creates the views.
   *
   * @param store the instigators' stored ticks
   * @param runs the run storage
   * @param runViews the runs' GraphQL objects
   * @param workspace the code locations, for evaluations
   * @param clock the time source
   */
  @Inject
  public TickViews(
      InstigatorStore store, RunStore runs, RunViews runViews, Workspace workspace, Clock clock) {
    this.store = store;
    this.runs = runs;
    this.runViews = runViews;
    this.workspace = workspace;
    this.clock = clock;
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

  GqlObject futureTicks(
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

  GqlObject tick(InstigatorSelector selector, Object tickId) {
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

  List<GqlObject> ticks(
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

  private static GqlObject assetKey(AssetKeySnapshot key) {
    return GqlObject.of("AssetKey").put("path", key.path());
  }
}
