package io.pipewright.core.backfill;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where one partition of a backfill is, with its lifecycle as an explicit transition table. */
public enum BackfillPartitionStatus {
  /** No run requested yet. */
  PENDING,
  /** Its run was created (the partition carries the run id) and has not finished. */
  REQUESTED,
  /** Its run succeeded. Terminal. */
  SUCCEEDED,
  /** Its run failed. Terminal: a retry is a new backfill from failure. */
  FAILED,
  /** The backfill was canceled before or while the partition ran. Terminal. */
  CANCELED;

  private static final Map<BackfillPartitionStatus, Set<BackfillPartitionStatus>> ALLOWED = table();

  private static Map<BackfillPartitionStatus, Set<BackfillPartitionStatus>> table() {
    Map<BackfillPartitionStatus, Set<BackfillPartitionStatus>> t =
        new EnumMap<>(BackfillPartitionStatus.class);
    t.put(PENDING, EnumSet.of(REQUESTED, CANCELED));
    t.put(REQUESTED, EnumSet.of(SUCCEEDED, FAILED, CANCELED));
    t.put(SUCCEEDED, EnumSet.noneOf(BackfillPartitionStatus.class));
    t.put(FAILED, EnumSet.noneOf(BackfillPartitionStatus.class));
    t.put(CANCELED, EnumSet.noneOf(BackfillPartitionStatus.class));
    t.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    return Collections.unmodifiableMap(t);
  }

  /**
   * Tells whether a partition in this status is done.
   *
   * @return true for statuses without a way out
   */
  public boolean isTerminal() {
    return ALLOWED.get(this).isEmpty();
  }

  /**
   * Tells whether a partition may move from this status to another; staying is allowed.
   *
   * @param next the status to move to
   * @return true when allowed
   */
  public boolean canTransitionTo(BackfillPartitionStatus next) {
    return next == this || ALLOWED.get(this).contains(next);
  }
}
