package io.pipewright.webserver.graphql.view;

import io.pipewright.core.backfill.Backfill;
import io.pipewright.core.backfill.BackfillPartition;
import io.pipewright.core.backfill.BackfillPartitionStatus;
import io.pipewright.core.backfill.BackfillStatus;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.run.Await;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Backfills as Dagster's {@code PartitionBackfill}, with the status of each partition from its run.
 */
@ApplicationScoped
public class BackfillViews {

  /** The suffix Dagster gives a job's partition set. */
  public static final String PARTITION_SET_SUFFIX = "_partition_set";

  private static final Set<RunStatus> UNFINISHED =
      EnumSet.of(
          RunStatus.QUEUED,
          RunStatus.NOT_STARTED,
          RunStatus.MANAGED,
          RunStatus.STARTING,
          RunStatus.STARTED,
          RunStatus.CANCELING);

  private static final Set<RunStatus> CANCELABLE =
      EnumSet.of(RunStatus.QUEUED, RunStatus.NOT_STARTED, RunStatus.STARTING, RunStatus.STARTED);

  private final RunStore runs;
  private final RunViews runViews;

  /**
   * Creates the views.
   *
   * @param runs the run storage, for the partitions' runs
   * @param runViews the runs' GraphQL objects
   */
  @Inject
  public BackfillViews(RunStore runs, RunViews runViews) {
    this.runs = runs;
    this.runViews = runViews;
  }

  /**
   * Returns Dagster's {@code RunStatus} of a backfill, as runs feeds show it.
   *
   * @param status the backfill's status
   * @return the run status name
   */
  public static String runStatus(BackfillStatus status) {
    return switch (status) {
      case REQUESTED -> "STARTED";
      case CANCELING, FAILING -> "CANCELING";
      case CANCELED -> "CANCELED";
      case COMPLETED_SUCCESS -> "SUCCESS";
      case FAILED, COMPLETED_FAILED -> "FAILURE";
    };
  }

  /**
   * Returns a backfill.
   *
   * @param backfill the backfill
   * @return the {@code PartitionBackfill}
   */
  public GqlObject backfill(Backfill backfill) {
    List<String> names = new ArrayList<>(backfill.partitions().size());
    int cancelable = 0;
    for (BackfillPartition p : backfill.partitions()) {
      names.add(p.partitionKey());
      if (!p.status().isTerminal()) {
        cancelable++;
      }
    }
    List<GqlObject> tags = new ArrayList<>();
    backfill
        .tags()
        .forEach((k, v) -> tags.add(GqlObject.of("PipelineTag").put("key", k).put("value", v)));
    List<GqlObject> assets = null;
    if (!backfill.assetSelection().isEmpty()) {
      assets = new ArrayList<>();
      for (AssetKeySnapshot key : backfill.assetSelection()) {
        assets.add(GqlObject.of("AssetKey").put("path", key.path()));
      }
    }
    RunsOfBackfill partitionRuns = new RunsOfBackfill(backfill);
    Double created = Times.seconds(backfill.createTime());
    Double ended = Times.seconds(backfill.endTime());
    return GqlObject.of("PartitionBackfill")
        .put("id", backfill.backfillId())
        .put("runStatus", runStatus(backfill.status()))
        .put("creationTime", created)
        .put("startTime", created)
        .put("endTime", ended)
        .put("timestamp", created)
        .put("endTimestamp", ended)
        .put("tags", tags)
        .put("jobName", backfill.jobName())
        .put("assetSelection", assets)
        .put("assetCheckSelection", null)
        .put("status", backfill.status().name())
        .put("partitionNames", names)
        .put("isValidSerialization", true)
        .put("numPartitions", names.size())
        .put("numCancelable", backfill.status().isTerminal() ? 0 : cancelable)
        .put("fromFailure", backfill.fromFailure())
        .put("reexecutionSteps", null)
        .put(
            "partitionSetName",
            backfill.jobName() == null ? null : backfill.jobName() + PARTITION_SET_SUFFIX)
        .put("error", backfill.error() == null ? null : Errors.pythonError(backfill.error()))
        .put("isAssetBackfill", backfill.jobName() == null)
        .put("hasCancelPermission", true)
        .put("hasResumePermission", true)
        .put("user", null)
        .put("title", null)
        .put("description", null)
        .lazy("runs", env -> partitionRuns.runs(env.getArgument("limit"), run -> true))
        .lazy(
            "unfinishedRuns",
            env ->
                partitionRuns.runs(
                    env.getArgument("limit"), run -> UNFINISHED.contains(run.status())))
        .lazy(
            "cancelableRuns",
            env ->
                partitionRuns.runs(
                    env.getArgument("limit"), run -> CANCELABLE.contains(run.status())))
        .lazy("partitionStatuses", env -> partitionRuns.statuses())
        .lazy("partitionStatusCounts", env -> partitionRuns.counts());
  }

  /** The runs of a backfill's partitions, read once per object and only when selected. */
  private final class RunsOfBackfill {
    private final Backfill backfill;
    private Map<String, Run> byId;

    RunsOfBackfill(Backfill backfill) {
      this.backfill = backfill;
    }

    private synchronized Map<String, Run> byId() {
      if (byId == null) {
        List<String> ids = new ArrayList<>();
        for (BackfillPartition p : backfill.partitions()) {
          if (p.runId() != null) {
            ids.add(p.runId());
          }
        }
        byId = new HashMap<>();
        // Pages of at most RunViews.MAX_RUN_LIMIT ids: a backfill may have more partitions.
        for (int from = 0; from < ids.size(); from += RunViews.MAX_RUN_LIMIT) {
          List<String> page =
              ids.subList(from, Math.min(ids.size(), from + RunViews.MAX_RUN_LIMIT));
          RunFilter filter = RunFilter.builder().runIds(page).build();
          for (Run run : Await.of(runs.list(filter, null, page.size()))) {
            byId.put(run.runId(), run);
          }
        }
      }
      return byId;
    }

    List<GqlObject> runs(Integer limit, Predicate<Run> wanted) {
      int size = RunViews.runLimit(limit);
      List<Run> matching = new ArrayList<>();
      for (Run run : byId().values()) {
        if (wanted.test(run)) {
          matching.add(run);
        }
      }
      matching.sort(Comparator.comparing(Run::createTime).reversed());
      List<GqlObject> out = new ArrayList<>();
      for (Run run : matching.subList(0, Math.min(size, matching.size()))) {
        out.add(runViews.run(run));
      }
      return out;
    }

    GqlObject statuses() {
      Map<String, Run> known = byId();
      List<GqlObject> results = new ArrayList<>();
      for (BackfillPartition p : backfill.partitions()) {
        Run run = p.runId() == null ? null : known.get(p.runId());
        Double duration =
            run == null || run.startTime() == null || run.endTime() == null
                ? null
                : Duration.between(run.startTime(), run.endTime()).toMillis() / 1000.0;
        results.add(
            GqlObject.of("PartitionStatus")
                .put("id", backfill.backfillId() + ":" + p.partitionKey())
                .put("partitionName", p.partitionKey())
                .put("runId", p.runId())
                .put("runStatus", runStatusOf(p, run))
                .put("runDuration", duration));
      }
      return GqlObject.of("PartitionStatuses").put("results", results);
    }

    List<GqlObject> counts() {
      Map<String, Run> known = byId();
      Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
      for (BackfillPartition p : backfill.partitions()) {
        String status = runStatusOf(p, p.runId() == null ? null : known.get(p.runId()));
        RunStatus key = status == null ? RunStatus.NOT_STARTED : RunStatus.valueOf(status);
        counts.merge(key, 1, Integer::sum);
      }
      List<GqlObject> out = new ArrayList<>();
      counts.forEach(
          (status, count) ->
              out.add(
                  GqlObject.of("PartitionStatusCounts")
                      .put("runStatus", status.name())
                      .put("count", count)));
      return out;
    }
  }

  /**
   * The status a partition shows: its run's, else what the backfill recorded (a run deleted since),
   * else none (pending, or canceled before its run was created).
   */
  private static String runStatusOf(BackfillPartition partition, Run run) {
    if (run != null) {
      return run.status().name();
    }
    if (partition.runId() == null) {
      return partition.status() == BackfillPartitionStatus.CANCELED ? "CANCELED" : null;
    }
    return switch (partition.status()) {
      case SUCCEEDED -> "SUCCESS";
      case FAILED -> "FAILURE";
      case CANCELED -> "CANCELED";
      case PENDING, REQUESTED -> null;
    };
  }
}
