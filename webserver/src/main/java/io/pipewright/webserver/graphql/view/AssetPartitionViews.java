package io.pipewright.webserver.graphql.view;

import io.pipewright.core.asset.AssetIndex;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventQuery;
import io.pipewright.core.event.MaterializationPlannedPayload;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.run.Await;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The status of each partition of an asset (issue 8): materialized, failed, materializing or
 * missing, as Dagster's {@code DefaultPartitionStatuses} and {@code PartitionStats} show it on an
 * {@code AssetNode} ({@code assetPartitionStatuses}, {@code partitionStats}).
 *
 * <p>{@link AssetViews} shows the result as {@code AssetNode.assetPartitionStatuses} ({@link
 * #defaultPartitionStatuses}) and {@code partitionStats} ({@link #partitionStats}).
 */
@ApplicationScoped
public class AssetPartitionViews {

  private static final Set<RunStatus> IN_PROGRESS =
      EnumSet.of(
          RunStatus.QUEUED,
          RunStatus.NOT_STARTED,
          RunStatus.MANAGED,
          RunStatus.STARTING,
          RunStatus.STARTED,
          RunStatus.CANCELING);

  private static final int PAGE = 10_000;

  private final AssetIndex assets;
  private final EventLog events;
  private final RunStore runs;

  /**
   * Creates the views.
   *
   * @param assets the asset index (latest events per partition)
   * @param events the event log (planned materializations and their runs)
   * @param runs the run storage (the status of those runs)
   */
  @Inject
  public AssetPartitionViews(AssetIndex assets, EventLog events, RunStore runs) {
    this.assets = assets;
    this.events = events;
    this.runs = runs;
  }

  /**
   * The latest planned materialization of a partition: its event and the status of its run.
   *
   * @param eventId the planned event's storage id
   * @param runStatus its run's status; null when the run is gone
   */
  public record Planned(long eventId, RunStatus runStatus) {}

  /**
   * The partitions of an asset by status, each list in the definition's order.
   *
   * @param materialized materialized, and not attempted again since without success
   * @param failed whose latest attempt (a planned materialization not followed by one) ran in a
   *     failed run
   * @param materializing whose latest attempt runs now
   * @param missing never materialized, nor being or failed being
   */
  public record PartitionStatuses(
      List<String> materialized,
      List<String> failed,
      List<String> materializing,
      List<String> missing) {

    /**
     * Decides each partition's status (pure): the latest attempt wins over an older
     * materialization, as in Dagster.
     *
     * @param partitionKeys the asset's partition keys, in the definition's order
     * @param materializedIds per partition, the id of its latest materialization event
     * @param planned per partition, its latest planned materialization and its run's status
     * @return the statuses
     */
    public static PartitionStatuses of(
        List<String> partitionKeys,
        Map<String, Long> materializedIds,
        Map<String, Planned> planned) {
      List<String> materialized = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      List<String> materializing = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (String key : partitionKeys) {
        Long done = materializedIds.get(key);
        Planned attempt = planned.get(key);
        boolean newerAttempt = attempt != null && (done == null || attempt.eventId() > done);
        if (newerAttempt
            && attempt.runStatus() != null
            && IN_PROGRESS.contains(attempt.runStatus())) {
          materializing.add(key);
        } else if (newerAttempt && attempt.runStatus() == RunStatus.FAILURE) {
          failed.add(key);
        } else if (done != null) {
          materialized.add(key);
        } else {
          missing.add(key);
        }
      }
      return new PartitionStatuses(
          List.copyOf(materialized),
          List.copyOf(failed),
          List.copyOf(materializing),
          List.copyOf(missing));
    }
  }

  /**
   * Reads the status of each partition of an asset from the asset index, the event log and the runs
   * of its latest attempts.
   *
   * @param assetKey the asset
   * @param partitionKeys its partition keys, in the definition's order
   * @return the statuses
   */
  public PartitionStatuses statuses(AssetKeySnapshot assetKey, List<String> partitionKeys) {
    Map<String, Long> materialized =
        Await.of(assets.latestEventIdByPartition(assetKey, DagsterEventType.ASSET_MATERIALIZATION));
    Map<String, Long> plannedIds =
        Await.of(
            assets.latestEventIdByPartition(
                assetKey, DagsterEventType.ASSET_MATERIALIZATION_PLANNED));
    // Only attempts newer than the partition's materialization can change its status.
    Map<Long, String> attempts = new HashMap<>();
    long oldest = Long.MAX_VALUE;
    for (Map.Entry<String, Long> entry : plannedIds.entrySet()) {
      Long done = materialized.get(entry.getKey());
      if (done == null || entry.getValue() > done) {
        attempts.put(entry.getValue(), entry.getKey());
        oldest = Math.min(oldest, entry.getValue());
      }
    }
    Map<String, String> runIdByPartition = new HashMap<>();
    long after = oldest == Long.MAX_VALUE ? Long.MAX_VALUE : oldest - 1;
    while (runIdByPartition.size() < attempts.size() && after != Long.MAX_VALUE) {
      List<StoredEvent> page =
          Await.of(
              events.query(
                  new EventQuery(
                      Set.of(DagsterEventType.ASSET_MATERIALIZATION_PLANNED),
                      assetKey,
                      null,
                      null,
                      after,
                      Long.MAX_VALUE,
                      PAGE,
                      true)));
      for (StoredEvent event : page) {
        String partition = attempts.get(event.id());
        if (partition != null && event.event().payload() instanceof MaterializationPlannedPayload) {
          runIdByPartition.put(partition, event.event().runId());
        }
        after = event.id();
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    Map<String, RunStatus> statusByRun =
        runStatuses(new LinkedHashSet<>(runIdByPartition.values()));
    Map<String, Planned> planned = new HashMap<>();
    runIdByPartition.forEach(
        (partition, runId) ->
            planned.put(partition, new Planned(plannedIds.get(partition), statusByRun.get(runId))));
    return PartitionStatuses.of(partitionKeys, materialized, planned);
  }

  /**
   * Returns Dagster's {@code DefaultPartitionStatuses}.
   *
   * @param statuses the statuses
   * @return the object
   */
  public static GqlObject defaultPartitionStatuses(PartitionStatuses statuses) {
    return GqlObject.of("DefaultPartitionStatuses")
        .put("materializedPartitions", statuses.materialized())
        .put("failedPartitions", statuses.failed())
        .put("unmaterializedPartitions", statuses.missing())
        .put("materializingPartitions", statuses.materializing());
  }

  /**
   * Returns Dagster's {@code PartitionStats}.
   *
   * @param statuses the statuses
   * @return the object
   */
  public static GqlObject partitionStats(PartitionStatuses statuses) {
    return GqlObject.of("PartitionStats")
        .put("numMaterialized", statuses.materialized().size())
        .put(
            "numPartitions",
            statuses.materialized().size()
                + statuses.failed().size()
                + statuses.materializing().size()
                + statuses.missing().size())
        .put("numFailed", statuses.failed().size())
        .put("numMaterializing", statuses.materializing().size());
  }

  private Map<String, RunStatus> runStatuses(Set<String> runIds) {
    Map<String, RunStatus> out = new HashMap<>();
    List<String> ids = new ArrayList<>(runIds);
    for (int from = 0; from < ids.size(); from += PAGE) {
      List<String> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
      for (Run run :
          Await.of(runs.list(RunFilter.builder().runIds(page).build(), null, page.size()))) {
        out.put(run.runId(), run.status());
      }
    }
    return out;
  }
}
