package io.pipewright.core.backfill;

import java.util.List;

/**
 * What the backfill daemon does with one backfill now ({@link BackfillProgress#decide}).
 *
 * @param finished partitions whose runs ended, with their new status (store them)
 * @param toSubmit pending partitions to create runs for now, in order, each with its deterministic
 *     run id ({@code RunIds.forBackfill}); mark each REQUESTED once its run exists
 * @param runsToCancel runs of a canceling backfill that have not ended
 * @param canceledPending pending partitions of a canceling backfill, now CANCELED
 * @param nextStatus the backfill's new status; null to keep it
 */
public record BackfillStep(
    List<BackfillPartition> finished,
    List<BackfillPartition> toSubmit,
    List<String> runsToCancel,
    List<BackfillPartition> canceledPending,
    BackfillStatus nextStatus) {

  /** Copies the lists. */
  public BackfillStep {
    finished = List.copyOf(finished);
    toSubmit = List.copyOf(toSubmit);
    runsToCancel = List.copyOf(runsToCancel);
    canceledPending = List.copyOf(canceledPending);
  }
}
