package io.pipewright.core.backfill;

import io.pipewright.core.run.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The pure decision of the backfill daemon: given a backfill and the statuses of its partitions'
 * runs, which partitions finished, which pending ones to submit now (in chunks, under a limit of
 * runs in flight), which runs to cancel, and where the backfill goes.
 *
 * <ul>
 *   <li>REQUESTED: submit up to {@code chunkSize} pending partitions while fewer than {@code
 *       maxInFlight} of its runs are unfinished; when every partition is done, COMPLETED_SUCCESS,
 *       or COMPLETED_FAILED if any failed or was canceled;
 *   <li>CANCELING: no new runs; pending partitions are canceled, unfinished runs are canceled;
 *       CANCELED once none is unfinished;
 *   <li>FAILING (a partition could not be submitted): no new runs; FAILED once none is unfinished.
 * </ul>
 */
public final class BackfillProgress {

  private BackfillProgress() {}

  /**
   * Decides the next step.
   *
   * @param backfill the stored backfill
   * @param runStatuses the statuses of the runs of its REQUESTED partitions, by run id (a run not
   *     found is taken as not ended)
   * @param maxInFlight at most this many unfinished runs at once; 1 or more
   * @param chunkSize at most this many partitions submitted per step; 1 or more
   * @param runIdOf the deterministic run id of a partition: (backfill id, partition key) to run id
   * @return the step
   */
  public static BackfillStep decide(
      Backfill backfill,
      Map<String, RunStatus> runStatuses,
      int maxInFlight,
      int chunkSize,
      BiFunction<String, String, String> runIdOf) {
    Objects.requireNonNull(backfill, "backfill must not be null");
    if (maxInFlight < 1 || chunkSize < 1) {
      throw new IllegalArgumentException(
          "A backfill needs max-in-flight and chunk-size of 1 or more, got "
              + maxInFlight
              + " and "
              + chunkSize);
    }
    List<BackfillPartition> finished = new ArrayList<>();
    List<String> unfinishedRuns = new ArrayList<>();
    boolean anyFailed = false;
    List<BackfillPartition> pending = new ArrayList<>();
    for (BackfillPartition p : backfill.partitions()) {
      switch (p.status()) {
        case PENDING -> pending.add(p);
        case REQUESTED -> {
          RunStatus status = runStatuses.get(p.runId());
          BackfillPartitionStatus end = end(status);
          if (end == null) {
            unfinishedRuns.add(p.runId());
          } else {
            finished.add(p.withStatus(end, null));
            anyFailed |= end != BackfillPartitionStatus.SUCCEEDED;
          }
        }
        case FAILED, CANCELED -> anyFailed = true;
        default -> {}
      }
    }
    List<BackfillPartition> toSubmit = new ArrayList<>();
    List<BackfillPartition> canceledPending = new ArrayList<>();
    List<String> toCancel = List.of();
    BackfillStatus next = null;
    switch (backfill.status()) {
      case REQUESTED -> {
        int slots = Math.min(chunkSize, maxInFlight - unfinishedRuns.size());
        for (int i = 0; i < pending.size() && toSubmit.size() < slots; i++) {
          BackfillPartition p = pending.get(i);
          toSubmit.add(
              p.withStatus(
                  BackfillPartitionStatus.REQUESTED,
                  runIdOf.apply(backfill.backfillId(), p.partitionKey())));
        }
        if (pending.isEmpty() && unfinishedRuns.isEmpty()) {
          next = anyFailed ? BackfillStatus.COMPLETED_FAILED : BackfillStatus.COMPLETED_SUCCESS;
        }
      }
      case CANCELING -> {
        for (BackfillPartition p : pending) {
          canceledPending.add(p.withStatus(BackfillPartitionStatus.CANCELED, null));
        }
        toCancel = unfinishedRuns;
        if (unfinishedRuns.isEmpty()) {
          next = BackfillStatus.CANCELED;
        }
      }
      case FAILING -> {
        if (unfinishedRuns.isEmpty()) {
          next = BackfillStatus.FAILED;
        }
      }
      default -> {}
    }
    return new BackfillStep(finished, toSubmit, toCancel, canceledPending, next);
  }

  private static BackfillPartitionStatus end(RunStatus status) {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case SUCCESS -> BackfillPartitionStatus.SUCCEEDED;
      case FAILURE -> BackfillPartitionStatus.FAILED;
      case CANCELED -> BackfillPartitionStatus.CANCELED;
      default -> null;
    };
  }
}
