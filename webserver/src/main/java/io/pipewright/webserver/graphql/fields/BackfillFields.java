package io.pipewright.webserver.graphql.fields;

import io.pipewright.core.backfill.Backfill;
import io.pipewright.core.backfill.BackfillNotFoundException;
import io.pipewright.core.backfill.BackfillStatus;
import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.core.backfill.IllegalBackfillTransitionException;
import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.graphql.RootFieldRegistry;
import io.pipewright.webserver.graphql.RootFields;
import io.pipewright.webserver.graphql.view.BackfillViews;
import io.pipewright.webserver.graphql.view.RunViews;
import io.pipewright.webserver.run.Await;
import io.pipewright.webserver.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The root fields of backfills: launch (a {@code REQUESTED} backfill stored after its partitions
 * are checked with the code location; the daemon launches the runs), cancel, resume, and queries.
 */
@ApplicationScoped
public class BackfillFields implements RootFields {

  private final BackfillStore backfills;
  private final BackfillViews views;
  private final BackfillLaunch launcher;
  private final Clock clock;

  /**
   * Creates the fields.
   *
   * @param workspace the code locations
   * @param backfills the backfill storage
   * @param dynamicPartitions the keys of dynamic partitions, for the code location's partition keys
   * @param views the GraphQL objects
   * @param clock the time source
   */
  @Inject
  public BackfillFields(
      Workspace workspace,
      BackfillStore backfills,
      DynamicPartitionStore dynamicPartitions,
      BackfillViews views,
      Clock clock) {
    this.backfills = backfills;
    this.views = views;
    this.launcher = new BackfillLaunch(workspace, backfills, dynamicPartitions, clock);
    this.clock = clock;
  }

  @Override
  public void register(RootFieldRegistry registry) {
    registry
        .query("partitionBackfillOrError", env -> backfill(env.getArgument("backfillId")))
        .query(
            "partitionBackfillsOrError",
            env ->
                backfills(
                    env.getArgument("status"),
                    env.getArgument("cursor"),
                    env.getArgument("limit"),
                    env.getArgument("filters")))
        .mutation(
            "launchPartitionBackfill", env -> launcher.launch(env.getArgument("backfillParams")))
        .mutation("cancelPartitionBackfill", env -> cancel(env.getArgument("backfillId")))
        .mutation("resumePartitionBackfill", env -> resume(env.getArgument("backfillId")));
  }

  private GqlObject backfill(String backfillId) {
    Optional<Backfill> found = Await.of(backfills.find(backfillId));
    if (found.isEmpty()) {
      return Errors.message("BackfillNotFoundError", "Backfill " + backfillId + " not found")
          .put("backfillId", backfillId);
    }
    return views.backfill(found.get());
  }

  private GqlObject backfills(
      String status, String cursor, Integer limit, Map<String, Object> filters) {
    Set<BackfillStatus> statuses = EnumSet.noneOf(BackfillStatus.class);
    if (status != null) {
      statuses.addAll(statuses(status));
    }
    if (filters != null) {
      for (String unsupported : List.of("createdBefore", "createdAfter", "selectorId")) {
        if (filters.get(unsupported) != null) {
          throw new BadArgumentException(
              "filters." + unsupported + " is not supported yet; filter by statuses");
        }
      }
      for (String s : Selectors.strings(filters.get("statuses"))) {
        statuses.addAll(statuses(s));
      }
    }
    int size = RunViews.runLimit(limit);
    List<Backfill> page;
    try {
      page = Await.of(backfills.list(statuses, cursor, size));
    } catch (BackfillNotFoundException e) {
      throw new BadArgumentException(
          "cursor '"
              + cursor
              + "' is not the id of a stored backfill: pass the id of the last backfill of the"
              + " previous page, or no cursor for the first page");
    }
    List<GqlObject> results = new ArrayList<>(page.size());
    page.forEach(b -> results.add(views.backfill(b)));
    return GqlObject.of("PartitionBackfills").put("results", results);
  }

  /** Dagster's legacy COMPLETED means either way of completing. */
  private static Set<BackfillStatus> statuses(String status) {
    return "COMPLETED".equals(status)
        ? EnumSet.of(BackfillStatus.COMPLETED_SUCCESS, BackfillStatus.COMPLETED_FAILED)
        : EnumSet.of(BackfillStatus.valueOf(status));
  }

  private GqlObject cancel(String backfillId) {
    Instant now = clock.instant();
    try {
      // The daemon owns the runs: it cancels those in flight, marks the pending partitions
      // canceled, and finishes the backfill CANCELED.
      Await.of(backfills.update(backfillId, b -> b.withStatus(BackfillStatus.CANCELING, now)));
    } catch (BackfillNotFoundException e) {
      return notFound(backfillId);
    } catch (IllegalBackfillTransitionException e) {
      return Errors.pythonError(
          IllegalBackfillTransitionException.class.getName(),
          "Backfill " + backfillId + " cannot be canceled: " + e.getMessage());
    }
    return GqlObject.of("CancelBackfillSuccess").put("backfillId", backfillId);
  }

  private GqlObject resume(String backfillId) {
    Optional<Backfill> found = Await.of(backfills.find(backfillId));
    if (found.isEmpty()) {
      return notFound(backfillId);
    }
    if (found.get().status() == BackfillStatus.REQUESTED) {
      return Errors.pythonError(
          IllegalBackfillTransitionException.class.getName(),
          "Backfill " + backfillId + " is REQUESTED (in progress): there is nothing to resume");
    }
    Instant now = clock.instant();
    try {
      Await.of(backfills.update(backfillId, b -> b.resumed(now)));
    } catch (BackfillNotFoundException e) {
      return notFound(backfillId);
    } catch (IllegalBackfillTransitionException e) {
      return Errors.pythonError(
          IllegalBackfillTransitionException.class.getName(),
          "Backfill "
              + backfillId
              + " cannot be resumed: "
              + e.getMessage()
              + " A finished or canceled backfill stays as it is: launch a new backfill of its"
              + " partitions instead (fromFailure: true re-runs the failed ones from their"
              + " failure).");
    }
    return GqlObject.of("ResumeBackfillSuccess").put("backfillId", backfillId);
  }

  private static GqlObject notFound(String backfillId) {
    return Errors.pythonError(
        BackfillNotFoundException.class.getName(),
        "Backfill " + backfillId + " not found; list backfills with partitionBackfillsOrError");
  }
}
