package io.pipewright.webserver.graphql.view;

import io.pipewright.core.asset.AssetCheckExecution;
import io.pipewright.core.asset.AssetIndex;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventQuery;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.snapshot.AssetCheckSnapshot;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.view.AssetDefinitions.Defined;
import io.pipewright.webserver.run.Await;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Asset checks ({@code AssetCheck}) and their executions ({@code AssetCheckExecution}). */
@ApplicationScoped
public class AssetCheckViews {

  /** The largest page of executions. */
  public static final int MAX_LIMIT = 1000;

  private final AssetIndex index;
  private final EventLog events;
  private final RunViews runViews;

  /**
   * Creates the views.
   *
   * @param index the asset index, which records check executions
   * @param events the event log, which holds the evaluations
   * @param runViews the runs that executed checks
   */
  @Inject
  public AssetCheckViews(AssetIndex index, EventLog events, RunViews runViews) {
    this.index = index;
    this.events = events;
    this.runViews = runViews;
  }

  /**
   * Returns an asset's checks.
   *
   * @param defined the asset
   * @return the {@code AssetChecks}
   */
  public GqlObject checks(Defined defined) {
    List<GqlObject> checks = new ArrayList<>();
    defined.checks().forEach(check -> checks.add(check(check)));
    return GqlObject.of("AssetChecks").put("checks", checks);
  }

  /**
   * Returns one of an asset's checks.
   *
   * @param defined the asset
   * @param name the check's name
   * @return the {@code AssetCheck}, or {@code AssetCheckNotFoundError}
   */
  public GqlObject checkOrError(Defined defined, String name) {
    for (AssetCheckSnapshot check : defined.checks()) {
      if (check.name().equals(name)) {
        return check(check);
      }
    }
    return GqlObject.of("AssetCheckNotFoundError")
        .put(
            "message",
            "Asset check "
                + name
                + " not found on asset "
                + defined.key().toUserString()
                + " (its checks: "
                + defined.checks().stream().map(AssetCheckSnapshot::name).toList()
                + ")");
  }

  /**
   * Lists a check's executions, newest first ({@code assetCheckExecutions}).
   *
   * @param key the asset
   * @param checkName the check
   * @param partition only this partition; "" for unpartitioned executions only; null for any
   * @param limit at most this many; 1 to {@link #MAX_LIMIT}
   * @param cursor the id of the last execution of the previous page; null for the first page
   * @return the {@code AssetCheckExecution}s
   * @throws BadArgumentException for a bad limit or cursor
   */
  public List<GqlObject> executions(
      AssetKeySnapshot key, String checkName, String partition, int limit, String cursor) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadArgumentException("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
    }
    long before = Long.MAX_VALUE;
    if (cursor != null) {
      try {
        before = Long.parseLong(cursor);
      } catch (NumberFormatException e) {
        throw new BadArgumentException(
            "cursor '"
                + cursor
                + "' is not an execution id; pass the id of the last execution of the previous"
                + " page, or no cursor");
      }
    }
    List<GqlObject> executions = new ArrayList<>();
    for (AssetCheckExecution execution :
        Await.of(index.checkExecutions(key, checkName, before, limit))) {
      boolean matches =
          partition == null
              || (partition.isEmpty()
                  ? execution.partition() == null
                  : partition.equals(execution.partition()));
      if (matches) {
        executions.add(execution(execution));
      }
    }
    return executions;
  }

  private GqlObject check(AssetCheckSnapshot check) {
    return GqlObject.of("AssetCheck")
        .put("name", check.name())
        .put("assetKey", MetadataViews.assetKey(check.asset()))
        .put("description", check.description())
        .put("jobNames", check.jobNames())
        .lazy(
            "executionForLatestMaterialization",
            env -> {
              List<AssetCheckExecution> latest =
                  Await.of(index.checkExecutions(check.asset(), check.name(), Long.MAX_VALUE, 1));
              return latest.isEmpty() ? null : execution(latest.get(0));
            })
        .put("canExecuteIndividually", "CAN_EXECUTE")
        .put("blocking", check.blocking())
        .put("additionalAssetKeys", List.of());
  }

  private GqlObject execution(AssetCheckExecution execution) {
    String status =
        switch (execution.status()) {
          case PLANNED -> "IN_PROGRESS";
          case SUCCEEDED -> "SUCCEEDED";
          case FAILED -> "FAILED";
          case EXECUTION_FAILED -> "EXECUTION_FAILED";
        };
    return GqlObject.of("AssetCheckExecution")
        .put("id", Long.toString(execution.evaluationEventId()))
        .put("runId", execution.runId())
        .put("status", status)
        .lazy("evaluation", env -> evaluation(execution))
        .put("timestamp", Times.seconds(execution.evaluationTime()))
        .put("partition", execution.partition())
        .lazy("stepKey", env -> stepKey(execution))
        .lazy(
            "run",
            env -> {
              GqlObject run = runViews.runOrError(execution.runId());
              return "Run".equals(run.typeName()) ? run : null;
            });
  }

  private StoredEvent evaluationEvent(AssetCheckExecution execution) {
    long id = execution.evaluationEventId();
    List<StoredEvent> found =
        Await.of(
            events.query(
                new EventQuery(
                    Set.of(DagsterEventType.ASSET_CHECK_EVALUATION),
                    execution.assetKey(),
                    null,
                    null,
                    id - 1,
                    id + 1,
                    1,
                    true)));
    return found.isEmpty() ? null : found.get(0);
  }

  private Object evaluation(AssetCheckExecution execution) {
    StoredEvent event = evaluationEvent(execution);
    return event == null ? null : EventViews.event(event, null, runViews).peek("evaluation");
  }

  private Object stepKey(AssetCheckExecution execution) {
    StoredEvent event = evaluationEvent(execution);
    return event == null ? null : event.event().stepKey();
  }
}
