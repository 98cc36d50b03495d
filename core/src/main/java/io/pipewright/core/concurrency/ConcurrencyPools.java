package io.pipewright.core.concurrency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Op concurrency pools: which waiting steps get a slot now. Pure; the daemon collects the waiting
 * steps and the holders of every run, calls {@link #allocate}, and tells each run which of its
 * steps may launch.
 *
 * <p>Order: highest priority first, then the longest waiting, then run id and step key (so that the
 * outcome does not depend on the order the runs were visited in). A step that waits for a full pool
 * does not hold steps of other pools behind it.
 */
public final class ConcurrencyPools {

  /** The op tag that puts its steps in a pool: Dagster's {@code dagster/concurrency_key}. */
  public static final String CONCURRENCY_KEY_TAG = "dagster/concurrency_key";

  /** The op tag that names its pool in newer Dagster versions; it wins over the legacy tag. */
  public static final String POOL_TAG = "pool";

  private ConcurrencyPools() {}

  /**
   * Returns the pool of an op from its tags.
   *
   * @param tags the op's tags (as in its step snapshot)
   * @return the pool key, or null when the op is in no pool (blank values count as none)
   */
  public static String poolOf(Map<String, String> tags) {
    String pool = tags.get(POOL_TAG);
    if (pool == null || pool.isBlank()) {
      pool = tags.get(CONCURRENCY_KEY_TAG);
    }
    return pool == null || pool.isBlank() ? null : pool;
  }

  /**
   * Decides which waiting steps get a slot.
   *
   * @param limits the slots per pool
   * @param holders the steps that hold slots now, across all runs
   * @param pending the steps waiting for a slot, across all runs; a step that already holds one is
   *     ignored
   * @return the steps granted a slot now and the steps that keep waiting
   */
  public static SlotAllocation allocate(
      PoolLimits limits, Collection<SlotHolder> holders, Collection<PendingStep> pending) {
    Objects.requireNonNull(limits, "limits: the pool limits must not be null");
    Objects.requireNonNull(holders, "holders: the slot holders must not be null");
    Objects.requireNonNull(pending, "pending: the waiting steps must not be null");
    Map<String, Integer> used = new HashMap<>();
    Set<String> holding = new HashSet<>(holders.size() * 2);
    for (SlotHolder holder : holders) {
      used.merge(holder.pool(), 1, Integer::sum);
      holding.add(holder.runId() + '\u0000' + holder.stepKey());
    }
    PendingStep[] order = pending.toArray(PendingStep[]::new);
    Arrays.sort(order, ORDER);
    List<PendingStep> granted = new ArrayList<>();
    List<PendingStep> waiting = new ArrayList<>();
    for (PendingStep step : order) {
      if (!holding.add(step.runId() + '\u0000' + step.stepKey())) {
        continue; // Holds a slot already, or listed twice.
      }
      int inUse = used.getOrDefault(step.pool(), 0);
      if (inUse < limits.slotsOf(step.pool())) {
        used.put(step.pool(), inUse + 1);
        granted.add(step);
      } else {
        waiting.add(step);
      }
    }
    return new SlotAllocation(granted, waiting);
  }

  private static final Comparator<PendingStep> ORDER =
      Comparator.comparingInt((PendingStep s) -> -s.priority())
          .thenComparing(PendingStep::since)
          .thenComparing(PendingStep::runId)
          .thenComparing(PendingStep::stepKey);
}
