package io.pipewright.core.backfill;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backfill: a request to run many partitions of a job or of an asset selection, tracked as one
 * bulk action (Dagster's {@code PartitionBackfill}) with a status per partition, so that the daemon
 * can submit it in chunks, resume it after a restart and finish each partition exactly once.
 *
 * @param backfillId the backfill's id; non-blank, unique
 * @param status where the backfill is; not null
 * @param codeLocation the code location of the job or assets; non-blank
 * @param jobName the job to run per partition; null for an asset backfill
 * @param assetSelection the assets to materialize; empty for a job backfill
 * @param partitions the partitions in submission order, each once
 * @param tags tags given to every run of the backfill
 * @param fromFailure whether the backfill re-executes failed partitions from their failure
 * @param error why the backfill failed; null unless failing or failed
 * @param createTime when it was requested; not null
 * @param endTime when it reached a terminal status; null before
 */
public record Backfill(
    String backfillId,
    BackfillStatus status,
    String codeLocation,
    String jobName,
    List<AssetKeySnapshot> assetSelection,
    List<BackfillPartition> partitions,
    Map<String, String> tags,
    boolean fromFailure,
    ErrorSnapshot error,
    Instant createTime,
    Instant endTime) {

  /** Validates the components and makes the collections immutable. */
  public Backfill {
    String record = "Backfill";
    Checks.requireNonBlank(backfillId, record, "backfillId");
    Checks.require(status, record, backfillId, "status");
    Checks.requireNonBlank(codeLocation, record, backfillId, "codeLocation");
    Checks.optionalNonBlank(jobName, record, backfillId, "jobName");
    assetSelection = Checks.list(assetSelection, record, backfillId, "assetSelection");
    if (jobName == null && assetSelection.isEmpty()) {
      throw new IllegalArgumentException(
          "Backfill '" + backfillId + "' names neither a job nor assets; set one of them");
    }
    partitions = Checks.list(partitions, record, backfillId, "partitions");
    Set<String> keys = new HashSet<>();
    for (BackfillPartition p : partitions) {
      if (!keys.add(p.partitionKey())) {
        throw new IllegalArgumentException(
            "Backfill '"
                + backfillId
                + "' lists partition '"
                + p.partitionKey()
                + "' twice; list each once");
      }
    }
    tags = Checks.tags(tags, record, backfillId, "tags");
    Checks.require(createTime, record, backfillId, "createTime");
  }

  /**
   * A new backfill of a job's partitions, all pending.
   *
   * @param backfillId its id
   * @param codeLocation the job's code location
   * @param jobName the job
   * @param partitionKeys the partitions, in submission order
   * @param createTime when it was requested
   * @return the backfill, {@link BackfillStatus#REQUESTED}
   */
  public static Backfill ofJob(
      String backfillId,
      String codeLocation,
      String jobName,
      List<String> partitionKeys,
      Instant createTime) {
    return new Backfill(
        backfillId,
        BackfillStatus.REQUESTED,
        codeLocation,
        jobName,
        List.of(),
        pending(partitionKeys),
        Map.of(),
        false,
        null,
        createTime,
        null);
  }

  /**
   * A new backfill of assets' partitions, all pending.
   *
   * @param backfillId its id
   * @param codeLocation the assets' code location
   * @param assets the assets
   * @param partitionKeys the partitions, in submission order
   * @param createTime when it was requested
   * @return the backfill, {@link BackfillStatus#REQUESTED}
   */
  public static Backfill ofAssets(
      String backfillId,
      String codeLocation,
      List<AssetKeySnapshot> assets,
      List<String> partitionKeys,
      Instant createTime) {
    return new Backfill(
        backfillId,
        BackfillStatus.REQUESTED,
        codeLocation,
        null,
        assets,
        pending(partitionKeys),
        Map.of(),
        false,
        null,
        createTime,
        null);
  }

  private static List<BackfillPartition> pending(List<String> partitionKeys) {
    List<BackfillPartition> out = new ArrayList<>(partitionKeys.size());
    for (String key : partitionKeys) {
      out.add(BackfillPartition.pending(key));
    }
    return out;
  }

  /**
   * Returns this backfill with other tags and from-failure flag (set before it is stored).
   *
   * @param nextTags the tags for every run
   * @param nextFromFailure whether partitions re-execute from failure
   * @return the changed copy
   */
  public Backfill withOptions(Map<String, String> nextTags, boolean nextFromFailure) {
    return new Backfill(
        backfillId,
        status,
        codeLocation,
        jobName,
        assetSelection,
        partitions,
        nextTags,
        nextFromFailure,
        error,
        createTime,
        endTime);
  }

  /**
   * Returns this backfill in another status, checked against the lifecycle; a terminal status sets
   * the end time.
   *
   * @param next the status
   * @param at when it changed
   * @return the changed copy
   * @throws IllegalBackfillTransitionException when the lifecycle forbids the change
   */
  public Backfill withStatus(BackfillStatus next, Instant at) {
    return withStatus(next, error, at);
  }

  /**
   * Returns this backfill resumed: a {@link BackfillStatus#FAILED} one back to {@link
   * BackfillStatus#REQUESTED}, its error and end time cleared, as Dagster's {@code
   * resumePartitionBackfill} does once its cause is fixed. FAILED stays terminal for the daemon
   * (nothing resumes it on its own); only this explicit request leads out of it. The daemon then
   * goes on from the partitions' stored states: a partition that has its run keeps it, the others
   * are submitted.
   *
   * @param at when it was resumed
   * @return the resumed copy
   * @throws IllegalBackfillTransitionException unless the backfill is FAILED
   */
  public Backfill resumed(Instant at) {
    if (status != BackfillStatus.FAILED) {
      throw new IllegalBackfillTransitionException(
          "Backfill '"
              + backfillId
              + "' is "
              + status
              + ": only a FAILED backfill can be resumed.");
    }
    return new Backfill(
        backfillId,
        BackfillStatus.REQUESTED,
        codeLocation,
        jobName,
        assetSelection,
        partitions,
        tags,
        fromFailure,
        null,
        createTime,
        null);
  }

  /**
   * Returns this backfill failing or failed with an error.
   *
   * @param next {@link BackfillStatus#FAILING} or {@link BackfillStatus#FAILED}
   * @param failure what went wrong
   * @param at when it changed
   * @return the changed copy
   * @throws IllegalBackfillTransitionException when the lifecycle forbids the change
   */
  public Backfill withStatus(BackfillStatus next, ErrorSnapshot failure, Instant at) {
    requireTransition(status, next, backfillId);
    return new Backfill(
        backfillId,
        next,
        codeLocation,
        jobName,
        assetSelection,
        partitions,
        tags,
        fromFailure,
        failure,
        createTime,
        next.isTerminal() && endTime == null ? at : endTime);
  }

  /**
   * Returns this backfill with some partitions changed (each checked against the partition
   * lifecycle), in one pass however many partitions it has.
   *
   * @param changed the changed partitions; each must be one of this backfill's
   * @return the changed copy
   * @throws IllegalArgumentException when a partition is not in this backfill
   * @throws IllegalBackfillTransitionException when a partition's lifecycle forbids the change
   */
  public Backfill withPartitions(List<BackfillPartition> changed) {
    Map<String, BackfillPartition> byKey = new HashMap<>();
    for (BackfillPartition p : changed) {
      byKey.put(p.partitionKey(), p);
    }
    List<BackfillPartition> next = new ArrayList<>(partitions.size());
    for (BackfillPartition p : partitions) {
      BackfillPartition c = byKey.remove(p.partitionKey());
      if (c == null) {
        next.add(p);
      } else {
        next.add(p.withStatus(c.status(), c.runId()));
      }
    }
    if (!byKey.isEmpty()) {
      throw new IllegalArgumentException(
          "Backfill '" + backfillId + "' has no partitions " + byKey.keySet());
    }
    return new Backfill(
        backfillId,
        status,
        codeLocation,
        jobName,
        assetSelection,
        next,
        tags,
        fromFailure,
        error,
        createTime,
        endTime);
  }

  /**
   * Lists the partitions in one status, in submission order.
   *
   * @param wanted the status
   * @return the partitions
   */
  public List<BackfillPartition> partitionsIn(BackfillPartitionStatus wanted) {
    List<BackfillPartition> out = new ArrayList<>();
    for (BackfillPartition p : partitions) {
      if (p.status() == wanted) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Checks a change a store is asked to write: the lifecycle's transitions, plus {@link #resumed}'s
   * FAILED to REQUESTED (an explicit request, never the daemon's own move).
   *
   * @param from the stored status
   * @param to the next status
   * @param backfillId the backfill, for the message
   * @throws IllegalBackfillTransitionException when not allowed
   */
  public static void requireStoredChange(
      BackfillStatus from, BackfillStatus to, String backfillId) {
    if (from == BackfillStatus.FAILED && to == BackfillStatus.REQUESTED) {
      return;
    }
    requireTransition(from, to, backfillId);
  }

  /**
   * Checks a backfill status change against the lifecycle.
   *
   * @param from the current status
   * @param to the next status
   * @param backfillId the backfill, for the message
   * @throws IllegalBackfillTransitionException when not allowed
   */
  public static void requireTransition(BackfillStatus from, BackfillStatus to, String backfillId) {
    if (!from.canTransitionTo(to)) {
      throw new IllegalBackfillTransitionException(
          "Illegal transition of backfill '"
              + backfillId
              + "' "
              + from
              + " -> "
              + to
              + ": "
              + (from.isTerminal()
                  ? from + " is terminal."
                  : "a backfill in " + from + " may only move to " + from.allowedTargets() + "."));
    }
  }
}
