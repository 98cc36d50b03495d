package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunNotFoundException;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.RootFieldRegistry;
import io.pipewright.webserver.graphql.RootFields;
import io.pipewright.webserver.graphql.view.RunViews;
import io.pipewright.webserver.graphql.view.Times;
import io.pipewright.webserver.run.Await;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The root fields that read runs: one run, filtered pages of runs, and a run's events. */
@ApplicationScoped
public class RunFields implements RootFields {

  private final RunStore runs;
  private final RunViews views;

  /**
   * Creates the fields.
   *
   * @param runs the run storage
   * @param views the runs' GraphQL objects
   */
  @Inject
  public RunFields(RunStore runs, RunViews views) {
    this.runs = runs;
    this.views = views;
  }

  @Override
  public void register(RootFieldRegistry registry) {
    registry
        .query("runOrError", env -> views.runOrError(env.getArgument("runId")))
        .query("pipelineRunOrError", env -> views.runOrError(env.getArgument("runId")))
        .query(
            "runsOrError",
            env ->
                runs(
                    env.getArgument("filter"),
                    env.getArgument("cursor"),
                    env.getArgument("limit"),
                    false))
        .query(
            "pipelineRunsOrError",
            env ->
                runs(
                    env.getArgument("filter"),
                    env.getArgument("cursor"),
                    env.getArgument("limit"),
                    false))
        .query(
            "runIdsOrError",
            env ->
                runs(
                    env.getArgument("filter"),
                    env.getArgument("cursor"),
                    env.getArgument("limit"),
                    true))
        .query(
            "logsForRun",
            env ->
                logs(
                    env.getArgument("runId"),
                    env.getArgument("afterCursor"),
                    env.getArgument("limit")));
  }

  private GqlObject runs(
      Map<String, Object> filterArgument, String cursor, Integer limit, boolean idsOnly) {
    RunFilter filter;
    int size;
    try {
      filter = filter(filterArgument);
      size = RunViews.runLimit(limit);
    } catch (BadArgumentException e) {
      return Errors.message("InvalidPipelineRunsFilterError", e.getMessage());
    }
    List<Run> page;
    if (filter == null) {
      page = List.of();
    } else {
      try {
        page = Await.of(runs.list(filter, cursor, size));
      } catch (RunNotFoundException e) {
        return Errors.message(
            "InvalidPipelineRunsFilterError",
            "cursor '"
                + cursor
                + "' is not the id of a stored run: pass the runId of the last run of the previous"
                + " page, or no cursor for the first page");
      }
    }
    if (idsOnly) {
      List<String> ids = new ArrayList<>(page.size());
      page.forEach(run -> ids.add(run.runId()));
      return GqlObject.of("RunIds").put("results", ids);
    }
    List<GqlObject> results = new ArrayList<>(page.size());
    page.forEach(run -> results.add(views.run(run)));
    RunFilter counted = filter;
    return GqlObject.of("Runs")
        .put("results", results)
        .lazy("count", env -> counted == null ? 0 : Math.toIntExact(Await.of(runs.count(counted))));
  }

  private GqlObject logs(String runId, String afterCursor, Integer limit) {
    Optional<Run> run = Await.of(runs.find(runId));
    if (run.isEmpty()) {
      return RunViews.runNotFound(runId);
    }
    return views.eventConnection(run.get(), afterCursor, limit);
  }

  /**
   * Maps Dagster's {@code RunsFilter}; null when it can match no run (only statuses Pipewright
   * never sets, or a mode other than {@code default}).
   */
  private static RunFilter filter(Map<String, Object> argument) {
    if (argument == null) {
      return RunFilter.ALL;
    }
    RunFilter.Builder filter = RunFilter.builder();
    filter.runIds(Selectors.strings(argument.get("runIds")));
    filter.jobName((String) argument.get("pipelineName"));
    filter.tags(Selectors.tags(argument.get("tags"), "filter.tags"));
    Object statuses = argument.get("statuses");
    if (statuses instanceof List<?> list && !list.isEmpty()) {
      Set<RunStatus> known = EnumSet.noneOf(RunStatus.class);
      for (Object status : list) {
        if (!"SUSPENDED".equals(status)) {
          known.add(RunStatus.valueOf((String) status));
        }
      }
      if (known.isEmpty()) {
        return null;
      }
      filter.statuses(known);
    }
    if (argument.get("snapshotId") != null) {
      throw new BadArgumentException(
          "filter.snapshotId is not supported yet; filter by pipelineName (and runIds) instead");
    }
    Object mode = argument.get("mode");
    if (mode != null && !"default".equals(mode)) {
      return null;
    }
    filter.createdAfter(time(argument.get("createdAfter")));
    filter.createdBefore(time(argument.get("createdBefore")));
    filter.updatedAfter(time(argument.get("updatedAfter")));
    filter.updatedBefore(time(argument.get("updatedBefore")));
    return filter.build();
  }

  private static java.time.Instant time(Object seconds) {
    return seconds == null ? null : Times.fromSeconds(((Number) seconds).doubleValue());
  }
}
