package io.pipewright.webserver.graphql.view;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPage;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.protocol.mapping.SnapshotCodec;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.run.RunEventSummary;
import io.pipewright.webserver.run.SystemTags;
import io.pipewright.webserver.run.Termination;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs as Dagster's {@code Run}, with their events ({@code EventConnection}), statistics and step
 * statistics (from the event log), job snapshot and execution plan (from the snapshot store).
 */
@ApplicationScoped
public class RunViews implements EventViews.Context {

  /** Events per page when a query gives no limit. */
  public static final int DEFAULT_EVENT_LIMIT = 1000;

  /** The largest page of events a query may ask for. */
  public static final int MAX_EVENT_LIMIT = 10_000;

  /** Runs per page when a query gives no limit. */
  public static final int DEFAULT_RUN_LIMIT = 1000;

  /** The largest page of runs a query may ask for. */
  public static final int MAX_RUN_LIMIT = 10_000;

  private final RunStore runs;
  private final EventLog events;
  private final SnapshotStore snapshots;
  private final Provider<JobViews> jobViews;

  /**
   * Creates the views.
   *
   * @param runs the run storage
   * @param events the event log
   * @param snapshots the snapshot storage
   * @param jobViews for the job snapshot a run refers to
   */
  @Inject
  public RunViews(
      RunStore runs, EventLog events, SnapshotStore snapshots, Provider<JobViews> jobViews) {
    this.runs = runs;
    this.events = events;
    this.snapshots = snapshots;
    this.jobViews = jobViews;
  }

  /**
   * Returns a run.
   *
   * @param run the run
   * @return the {@code Run}
   */
  public GqlObject run(Run run) {
    // Fields computed when selected (GqlObject.Fields): a page of runs selects a handful of a run's
    // forty fields, and a map of them per run cost more than the rest of the page's JSON.
    return GqlObject.of("Run", field -> runField(run, field));
  }

  private Object runField(Run run, String field) {
    return switch (field) {
      case "id", "runId" -> run.runId();
      case "pipelineSnapshotId" -> run.jobSnapshotId();
      case "repositoryOrigin" -> WorkspaceViews.origin(run.codeLocation());
      case "status", "runStatus" -> run.status().name();
      case "pipelineName", "jobName" -> run.jobName();
      case "solidSelection", "resolvedOpSelection" ->
          run.opSelection().isEmpty() ? null : run.opSelection();
      case "stepKeysToExecute" ->
          run.stepKeysToExecute().isEmpty() ? null : run.stepKeysToExecute();
      case "runConfigYaml" -> Json.write(run.runConfig());
      case "runConfig" -> run.runConfig();
      case "mode" -> "default";
      case "tags" -> JobViews.tags(run.tags(), SystemTags.HIDDEN_PREFIX);
      case "rootRunId" -> run.rootRunId();
      case "parentRunId" -> run.parentRunId();
      case "canTerminate" -> Termination.canTerminate(run.status());
      case "creationTime" -> Times.seconds(run.createTime());
      case "startTime" -> Times.seconds(run.startTime());
      case "endTime" -> Times.seconds(run.endTime());
      case "updateTime" -> Times.seconds(run.updateTime());
      case "assetSelection" ->
          run.assetSelection().isEmpty() ? null : MetadataViews.assetKeys(run.assetSelection());
      case "assetSelectionCount" -> run.assetSelection().size();
      case "assetCheckSelectionCount" -> 0;
      case "hasReExecutePermission", "hasTerminatePermission", "hasDeletePermission" -> true;
      case "hasConcurrencyKeySlots", "hasUnconstrainedRootNodes", "hasRunMetricsEnabled" -> false;
      case "pipeline" -> GqlObject.lazyValue(env -> pipeline(run));
      case "executionPlan" -> GqlObject.lazyValue(env -> executionPlan(run));
      case "eventConnection" ->
          GqlObject.lazyValue(
              env ->
                  eventConnection(run, env.getArgument("afterCursor"), env.getArgument("limit")));
      case "stats" -> GqlObject.lazyValue(env -> stats(run, summary(run.runId())));
      case "stepStats" ->
          GqlObject.lazyValue(
              env -> {
                List<GqlObject> steps = new ArrayList<>();
                for (RunEventSummary.Step step : summary(run.runId()).steps()) {
                  steps.add(stepStats(run.runId(), step, run.jobName()));
                }
                return steps;
              });
      // parentPipelineSnapshotId, assetCheckSelection, and fields a run does not have
      default -> null;
    };
  }

  /**
   * Returns a run, or its not-found error.
   *
   * @param runId the run's id
   * @return the {@code Run} or {@code RunNotFoundError}
   */
  @Override
  public GqlObject runOrError(String runId) {
    Optional<Run> run = Await.of(runs.find(runId));
    return run.isPresent() ? run(run.get()) : runNotFound(runId);
  }

  @Override
  public GqlObject stepStats(String runId, String stepKey) {
    for (RunEventSummary.Step step : summary(runId).steps()) {
      if (step.key().equals(stepKey)) {
        return stepStats(runId, step, null);
      }
    }
    return GqlObject.of("RunStepStats")
        .put("runId", runId)
        .put("stepKey", stepKey)
        .put("status", null)
        .put("startTime", null)
        .put("endTime", null)
        .put("materializations", List.of())
        .put("expectationResults", List.of())
        .put("attempts", List.of())
        .put("markers", List.of());
  }

  /**
   * Returns the error for an unknown run id.
   *
   * @param runId the id
   * @return the {@code RunNotFoundError}
   */
  public static GqlObject runNotFound(String runId) {
    return GqlObject.of("RunNotFoundError")
        .put("runId", runId)
        .put("message", "Run " + runId + " could not be found.");
  }

  /**
   * Returns the runs of a job, newest first.
   *
   * @param locationName the job's location
   * @param jobName the job
   * @param cursor the last run id of the previous page, or null
   * @param limit at most this many, or null for the default
   * @return the {@code Run}s
   */
  public List<GqlObject> runsOfJob(
      String locationName, String jobName, String cursor, Integer limit) {
    RunFilter filter = RunFilter.builder().codeLocation(locationName).jobName(jobName).build();
    List<GqlObject> objects = new ArrayList<>();
    for (Run run : Await.of(runs.list(filter, cursor, runLimit(limit)))) {
      objects.add(run(run));
    }
    return objects;
  }

  /**
   * Returns a page of a run's events.
   *
   * @param run the run
   * @param afterCursor the cursor of the previous page, or null for the start
   * @param limit at most this many, or null for {@link #DEFAULT_EVENT_LIMIT}
   * @return the {@code EventConnection}
   * @throws BadArgumentException for a cursor that is not one, or a limit out of range
   */
  public GqlObject eventConnection(Run run, String afterCursor, Integer limit) {
    long after = eventCursor(afterCursor);
    int size = limit == null ? DEFAULT_EVENT_LIMIT : limit;
    if (size < 1 || size > MAX_EVENT_LIMIT) {
      throw new BadArgumentException(
          "limit is " + size + "; ask for 1 to " + MAX_EVENT_LIMIT + " events per page");
    }
    EventPage page = Await.of(events.eventsForRun(run.runId(), after, size));
    List<GqlObject> objects = new ArrayList<>(page.events().size());
    for (StoredEvent event : page.events()) {
      objects.add(EventViews.event(event, run.jobName(), this));
    }
    return GqlObject.of("EventConnection")
        .put("events", objects)
        .put("cursor", Long.toString(page.cursor()))
        .put("hasMore", page.hasMore());
  }

  /**
   * Returns the page size of a run query.
   *
   * @param limit the limit asked for, or null
   * @return the page size
   * @throws BadArgumentException when out of range
   */
  public static int runLimit(Integer limit) {
    int size = limit == null ? DEFAULT_RUN_LIMIT : limit;
    if (size < 1 || size > MAX_RUN_LIMIT) {
      throw new BadArgumentException(
          "limit is " + size + "; ask for 1 to " + MAX_RUN_LIMIT + " runs per page");
    }
    return size;
  }

  private static long eventCursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    try {
      long after = Long.parseLong(cursor.trim());
      if (after >= 0) {
        return after;
      }
    } catch (NumberFormatException e) {
      // Reported below, with the fix.
    }
    throw new BadArgumentException(
        "afterCursor '"
            + cursor
            + "' is not a cursor: pass the cursor of the previous page's EventConnection, or"
            + " none for the first page");
  }

  private Object pipeline(Run run) {
    if (run.jobSnapshotId() != null) {
      Optional<byte[]> body = Await.of(snapshots.get(run.jobSnapshotId()));
      if (body.isPresent()) {
        return jobViews
            .get()
            .snapshot(
                SnapshotCodec.decodeJob(body.get()),
                run.jobSnapshotId(),
                run.codeLocation(),
                run.opSelection());
      }
    }
    return GqlObject.of("UnknownPipeline")
        .put("name", run.jobName())
        .put("solidSelection", run.opSelection().isEmpty() ? null : run.opSelection());
  }

  private Object executionPlan(Run run) {
    if (run.planSnapshotId() == null) {
      return null;
    }
    return Await.of(snapshots.get(run.planSnapshotId()))
        .map(body -> PlanViews.plan(SnapshotCodec.decodePlan(body)))
        .orElse(null);
  }

  private RunEventSummary summary(String runId) {
    RunEventSummary summary = new RunEventSummary();
    long cursor = 0;
    EventPage page;
    do {
      page = Await.of(events.eventsForRun(runId, cursor, MAX_EVENT_LIMIT));
      page.events().forEach(summary::add);
      cursor = page.cursor();
    } while (page.hasMore());
    return summary;
  }

  private static GqlObject stats(Run run, RunEventSummary summary) {
    return GqlObject.of("RunStatsSnapshot")
        .put("id", "stats-" + run.runId())
        .put("runId", run.runId())
        .put("stepsSucceeded", summary.stepsSucceeded())
        .put("stepsFailed", summary.stepsFailed())
        .put("materializations", summary.materializations())
        .put("expectations", summary.expectations())
        .put("enqueuedTime", Times.seconds(summary.enqueued()))
        .put("launchTime", Times.seconds(summary.launched()))
        .put(
            "startTime",
            Times.seconds(summary.started() == null ? run.startTime() : summary.started()))
        .put("endTime", Times.seconds(summary.ended() == null ? run.endTime() : summary.ended()));
  }

  private GqlObject stepStats(String runId, RunEventSummary.Step step, String jobName) {
    List<GqlObject> attempts = new ArrayList<>();
    for (RunEventSummary.Attempt attempt : step.attempts()) {
      attempts.add(
          GqlObject.of("RunMarker")
              .put("startTime", Times.seconds(attempt.start()))
              .put("endTime", Times.seconds(attempt.end())));
    }
    return GqlObject.of("RunStepStats")
        .put("runId", runId)
        .put("stepKey", step.key())
        .put("status", step.status() == null ? null : step.status().name())
        .put("startTime", Times.seconds(step.start()))
        .put("endTime", Times.seconds(step.end()))
        .put("attempts", attempts)
        .put("markers", List.of())
        .lazy(
            "materializations",
            env -> {
              List<GqlObject> objects = new ArrayList<>();
              for (StoredEvent event : step.materializations()) {
                objects.add(EventViews.event(event, jobName, this));
              }
              return objects;
            })
        .lazy(
            "expectationResults",
            env -> {
              List<GqlObject> objects = new ArrayList<>();
              for (StoredEvent event : step.expectations()) {
                Object result = EventViews.event(event, jobName, this).peek("expectationResult");
                if (result instanceof GqlObject object) {
                  objects.add(object);
                }
              }
              return objects;
            });
  }
}
