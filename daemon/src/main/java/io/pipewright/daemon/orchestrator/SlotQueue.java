package io.pipewright.daemon.orchestrator;

import io.pipewright.core.concurrency.ConcurrencyPools;
import io.pipewright.core.concurrency.PendingStep;
import io.pipewright.core.concurrency.PoolLimits;
import io.pipewright.core.concurrency.SlotAllocation;
import io.pipewright.core.concurrency.SlotHolder;
import io.pipewright.core.pool.PoolStatus;
import io.pipewright.core.pool.PoolStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ready steps of every run that wait for a slot of their op concurrency pool, and the
 * allocation of free slots across runs (core's {@link ConcurrencyPools#allocate}). The slots in use
 * are the holders every run's view reports; the limits come from the {@link PoolStore}.
 */
final class SlotQueue {

  private final PoolStore pools;
  private final Duration timeout;
  private final Map<String, PendingStep> waiting = new LinkedHashMap<>();

  SlotQueue(PoolStore pools, Duration timeout) {
    this.pools = pools;
    this.timeout = timeout;
  }

  /** Replaces a run's waiting steps with those of its latest decision. */
  void replace(String runId, List<PendingStep> steps) {
    forget(runId);
    for (PendingStep step : steps) {
      waiting.put(key(step.runId(), step.stepKey()), step);
    }
  }

  /** Forgets a run's waiting steps. */
  void forget(String runId) {
    waiting.keySet().removeIf(k -> k.startsWith(runId + '\u0000'));
  }

  void clear() {
    waiting.clear();
  }

  /**
   * Gives free slots to waiting steps.
   *
   * @param runs every run driven, by id
   * @return the runs that got a slot for a step and must decide again
   */
  List<RunState> allocate(Map<String, RunState> runs) {
    if (waiting.isEmpty()) {
      return List.of();
    }
    List<SlotHolder> holders = new ArrayList<>();
    for (RunState state : runs.values()) {
      holders.addAll(state.progress.slotHolders());
    }
    SlotAllocation allocation =
        ConcurrencyPools.allocate(limits(), holders, List.copyOf(waiting.values()));
    List<RunState> granted = new ArrayList<>();
    for (PendingStep step : allocation.granted()) {
      waiting.remove(key(step.runId(), step.stepKey()));
      RunState state = runs.get(step.runId());
      if (state != null && state.progress.grantSlot(step.stepKey())) {
        granted.add(state);
      }
    }
    return granted;
  }

  private PoolLimits limits() {
    Map<String, Integer> slots = new HashMap<>();
    Collection<PoolStatus> all = pools.pools().await().atMost(timeout);
    for (PoolStatus pool : all) {
      if (pool.limit() != null) {
        slots.put(pool.pool(), pool.limit());
      }
    }
    return PoolLimits.of(slots);
  }

  private static String key(String runId, String stepKey) {
    return runId + '\u0000' + stepKey;
  }
}
