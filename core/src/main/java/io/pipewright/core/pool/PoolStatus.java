package io.pipewright.core.pool;

import io.pipewright.core.internal.Checks;
import java.util.List;

/**
 * A pool's limit and who holds or waits for its slots.
 *
 * @param pool the pool's key; non-blank
 * @param limit the number of slots; null when no limit is set (the pool is then unlimited)
 * @param claimed the held slots, oldest claim first
 * @param pending the waiting steps, in the order they will be served
 */
public record PoolStatus(
    String pool, Integer limit, List<ClaimedSlot> claimed, List<PendingStep> pending) {

  /** Validates the components. */
  public PoolStatus {
    Checks.requireNonBlank(pool, "PoolStatus", "pool");
    claimed = Checks.list(claimed, "PoolStatus", pool, "claimed");
    pending = Checks.list(pending, "PoolStatus", pool, "pending");
  }

  /**
   * Tells how many slots are free.
   *
   * @return the free slots; {@link Integer#MAX_VALUE} when unlimited; 0 when over the limit (a
   *     limit lowered while slots were held)
   */
  public int freeSlots() {
    return limit == null ? Integer.MAX_VALUE : Math.max(0, limit - claimed.size());
  }
}
