package io.pipewright.storage.memory;

import io.pipewright.core.pool.ClaimedSlot;
import io.pipewright.core.pool.PendingStep;
import io.pipewright.core.pool.PoolStatus;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.pool.SlotClaim;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A {@link PoolStore} in memory. */
public final class InMemoryPoolStore implements PoolStore {

  /** A pending step with its arrival number, the tie-break after priority and enqueue time. */
  private record Waiting(PendingStep step, long arrival) {}

  private static final Comparator<Waiting> SERVICE_ORDER =
      Comparator.comparingInt((Waiting w) -> -w.step().priority())
          .thenComparing(w -> w.step().enqueueTime())
          .thenComparingLong(Waiting::arrival);

  private final Guard guard = new Guard();
  private final Map<String, Integer> limits = new HashMap<>();
  private final Map<String, List<ClaimedSlot>> slots = new HashMap<>();
  private final Map<String, List<Waiting>> pending = new HashMap<>();
  private long arrivals;

  /** Creates an empty store. */
  public InMemoryPoolStore() {}

  @Override
  public Uni<Void> setLimit(String pool, int limit) {
    return guard.run(
        () -> {
          requirePool(pool);
          if (limit < 0) {
            throw new IllegalArgumentException(
                "The limit of pool '" + pool + "' must be 0 or more, got " + limit);
          }
          limits.put(pool, limit);
        });
  }

  @Override
  public Uni<Boolean> deleteLimit(String pool) {
    return guard.call(() -> limits.remove(pool) != null);
  }

  @Override
  public Uni<PoolStatus> pool(String pool) {
    return guard.call(() -> status(pool));
  }

  @Override
  public Uni<List<PoolStatus>> pools() {
    return guard.call(
        () -> {
          TreeSet<String> keys = new TreeSet<>(limits.keySet());
          slots.forEach((k, v) -> keys.addAll(v.isEmpty() ? List.of() : List.of(k)));
          pending.forEach((k, v) -> keys.addAll(v.isEmpty() ? List.of() : List.of(k)));
          return keys.stream().map(this::status).toList();
        });
  }

  private PoolStatus status(String pool) {
    List<PendingStep> waiting = new ArrayList<>();
    for (Waiting w : sorted(pool)) {
      waiting.add(w.step());
    }
    return new PoolStatus(pool, limits.get(pool), slots.getOrDefault(pool, List.of()), waiting);
  }

  private List<Waiting> sorted(String pool) {
    List<Waiting> list = new ArrayList<>(pending.getOrDefault(pool, List.of()));
    list.sort(SERVICE_ORDER);
    return list;
  }

  @Override
  public Uni<SlotClaim> claim(String pool, String runId, String stepKey, int priority, Instant at) {
    return guard.call(
        () -> {
          requirePool(pool);
          List<ClaimedSlot> held = slots.computeIfAbsent(pool, k -> new ArrayList<>());
          for (ClaimedSlot s : held) {
            if (s.runId().equals(runId) && s.stepKey().equals(stepKey)) {
              return SlotClaim.claimed(pool, runId, stepKey);
            }
          }
          List<Waiting> queue = pending.computeIfAbsent(pool, k -> new ArrayList<>());
          Waiting me = null;
          for (Waiting w : queue) {
            if (w.step().runId().equals(runId) && w.step().stepKey().equals(stepKey)) {
              me = w;
            }
          }
          if (me == null) {
            me = new Waiting(new PendingStep(runId, stepKey, priority, at), ++arrivals);
            queue.add(me);
          }
          Integer limit = limits.get(pool);
          int free = limit == null ? Integer.MAX_VALUE : Math.max(0, limit - held.size());
          int ahead = 0;
          for (Waiting w : queue) {
            if (w != me && SERVICE_ORDER.compare(w, me) < 0) {
              ahead++;
            }
          }
          if (ahead < free) {
            queue.remove(me);
            held.add(new ClaimedSlot(runId, stepKey, at));
            return SlotClaim.claimed(pool, runId, stepKey);
          }
          return SlotClaim.pending(pool, runId, stepKey);
        });
  }

  @Override
  public Uni<Integer> free(String runId, String stepKey) {
    return guard.call(
        () -> {
          int freed = 0;
          for (List<ClaimedSlot> held : slots.values()) {
            int before = held.size();
            held.removeIf(s -> s.runId().equals(runId) && s.stepKey().equals(stepKey));
            freed += before - held.size();
          }
          for (List<Waiting> queue : pending.values()) {
            queue.removeIf(
                w -> w.step().runId().equals(runId) && w.step().stepKey().equals(stepKey));
          }
          return freed;
        });
  }

  @Override
  public Uni<Integer> freeRun(String runId) {
    return guard.call(
        () -> {
          int freed = 0;
          for (List<ClaimedSlot> held : slots.values()) {
            int before = held.size();
            held.removeIf(s -> s.runId().equals(runId));
            freed += before - held.size();
          }
          for (List<Waiting> queue : pending.values()) {
            queue.removeIf(w -> w.step().runId().equals(runId));
          }
          return freed;
        });
  }

  private static void requirePool(String pool) {
    if (pool == null || pool.isBlank()) {
      throw new IllegalArgumentException(
          "A pool key must be non-blank, got " + (pool == null ? "null" : "\"" + pool + "\""));
    }
  }
}
