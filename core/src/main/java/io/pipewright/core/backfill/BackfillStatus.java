package io.pipewright.core.backfill;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The status of a backfill, with the names of Dagster's {@code BulkActionStatus} (persisted and
 * shown by GraphQL; Dagster's legacy {@code COMPLETED} is never written) and its lifecycle as an
 * explicit transition table.
 */
public enum BackfillStatus {
  /** Accepted; the daemon is submitting its partitions' runs or waiting for them. */
  REQUESTED,
  /** Cancellation was requested: no new runs; in-flight runs are being canceled. */
  CANCELING,
  /** Canceled. Terminal. */
  CANCELED,
  /** A failure stopped the backfill; in-flight runs are finishing. */
  FAILING,
  /** The backfill could not go on (for example its job disappeared). Terminal. */
  FAILED,
  /** Every partition's run finished, all successfully. Terminal. */
  COMPLETED_SUCCESS,
  /** Every partition's run finished, some of them failed. Terminal. */
  COMPLETED_FAILED;

  private static final Map<BackfillStatus, Set<BackfillStatus>> ALLOWED = table();

  private static Map<BackfillStatus, Set<BackfillStatus>> table() {
    Map<BackfillStatus, Set<BackfillStatus>> t = new EnumMap<>(BackfillStatus.class);
    // A backfill nobody has started a run for may be canceled at once; otherwise it drains first.
    t.put(
        REQUESTED,
        EnumSet.of(CANCELING, CANCELED, FAILING, FAILED, COMPLETED_SUCCESS, COMPLETED_FAILED));
    t.put(CANCELING, EnumSet.of(CANCELED));
    t.put(FAILING, EnumSet.of(FAILED));
    t.put(CANCELED, EnumSet.noneOf(BackfillStatus.class));
    t.put(FAILED, EnumSet.noneOf(BackfillStatus.class));
    t.put(COMPLETED_SUCCESS, EnumSet.noneOf(BackfillStatus.class));
    t.put(COMPLETED_FAILED, EnumSet.noneOf(BackfillStatus.class));
    t.replaceAll((k, v) -> Collections.unmodifiableSet(v));
    return Collections.unmodifiableMap(t);
  }

  /**
   * Tells whether this status ends the backfill.
   *
   * @return true for statuses without a way out
   */
  public boolean isTerminal() {
    return ALLOWED.get(this).isEmpty();
  }

  /**
   * Tells whether a backfill may move from this status to another; staying is always allowed (a
   * progress update).
   *
   * @param next the status to move to
   * @return true when allowed
   */
  public boolean canTransitionTo(BackfillStatus next) {
    return next == this || ALLOWED.get(this).contains(next);
  }

  /**
   * Lists the statuses a backfill may move to from this one.
   *
   * @return an unmodifiable set; empty for terminal statuses
   */
  public Set<BackfillStatus> allowedTargets() {
    return ALLOWED.get(this);
  }
}
