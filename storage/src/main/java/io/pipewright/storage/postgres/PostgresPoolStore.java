package io.pipewright.storage.postgres;

import io.pipewright.core.pool.ClaimedSlot;
import io.pipewright.core.pool.PendingStep;
import io.pipewright.core.pool.PoolStatus;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.pool.SlotClaim;
import io.pipewright.storage.postgres.internal.OnVertx;
import io.pipewright.storage.postgres.internal.PendingStepEntity;
import io.pipewright.storage.postgres.internal.PoolLimitEntity;
import io.pipewright.storage.postgres.internal.PoolSlotEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@link PoolStore} on PostgreSQL, with Hibernate Reactive Panache: {@code concurrency_limits},
 * {@code concurrency_slots} and {@code pending_steps}.
 *
 * <p>Every claim of a pool runs under a transaction-scoped advisory lock on the pool's key, so that
 * counting the held slots, ranking the waiting steps and taking a slot are one atomic step even for
 * a pool without a limit row to lock.
 */
@ApplicationScoped
public class PostgresPoolStore implements PoolStore {

  /** The service order of pending steps: higher priority, then earlier, then arrival. */
  private static final String SERVICE_ORDER = "priority desc, enqueueTime, id";

  private final OnVertx vertx;

  /**
   * Creates the adapter.
   *
   * @param vertx runs its work on a Vert.x context
   */
  public PostgresPoolStore(OnVertx vertx) {
    this.vertx = vertx;
  }

  private static void requirePool(String pool) {
    if (pool == null || pool.isBlank()) {
      throw new IllegalArgumentException(
          "A pool key must be non-blank, got " + (pool == null ? "null" : "\"" + pool + "\""));
    }
  }

  /** Takes the pool's transaction-scoped advisory lock. */
  private static Uni<Void> lockPool(String pool) {
    return Panache.getSession()
        .flatMap(
            s ->
                s.createNativeQuery(
                        "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) l",
                        Integer.class)
                    .setParameter("key", "pipewright.pool:" + pool)
                    .getSingleResult())
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> setLimit(String pool, int limit) {
    return vertx.transaction(
        () -> {
          requirePool(pool);
          if (limit < 0) {
            throw new IllegalArgumentException(
                "The limit of pool '" + pool + "' must be 0 or more, got " + limit);
          }
          PoolLimitEntity e = new PoolLimitEntity();
          e.pool = pool;
          e.slotLimit = limit;
          return lockPool(pool)
              .chain(() -> Panache.getSession().flatMap(s -> s.merge(e)))
              .replaceWithVoid();
        });
  }

  @Override
  public Uni<Boolean> deleteLimit(String pool) {
    return vertx.transaction(() -> PoolLimitEntity.deleteById(pool));
  }

  @Override
  public Uni<PoolStatus> pool(String pool) {
    return vertx.session(() -> status(pool));
  }

  private static Uni<PoolStatus> status(String pool) {
    return PoolLimitEntity.<PoolLimitEntity>findById(pool)
        .flatMap(
            limit ->
                PoolSlotEntity.<PoolSlotEntity>list("pool = ?1 order by claimTime, id", pool)
                    .flatMap(
                        slots ->
                            PendingStepEntity.<PendingStepEntity>list(
                                    "pool = ?1 order by " + SERVICE_ORDER, pool)
                                .map(
                                    pending ->
                                        new PoolStatus(
                                            pool,
                                            limit == null ? null : limit.slotLimit,
                                            slots.stream()
                                                .map(
                                                    s ->
                                                        new ClaimedSlot(
                                                            s.runId, s.stepKey, s.claimTime))
                                                .toList(),
                                            pending.stream()
                                                .map(
                                                    p ->
                                                        new PendingStep(
                                                            p.runId,
                                                            p.stepKey,
                                                            p.priority,
                                                            p.enqueueTime))
                                                .toList()))));
  }

  @Override
  public Uni<List<PoolStatus>> pools() {
    return vertx.session(
        () ->
            Panache.getSession()
                .flatMap(
                    s ->
                        s.createSelectionQuery(
                                "select l.pool from PoolLimitEntity l"
                                    + " union select c.pool from PoolSlotEntity c"
                                    + " union select p.pool from PendingStepEntity p",
                                String.class)
                            .getResultList())
                .flatMap(
                    keys -> {
                      Uni<List<PoolStatus>> chain = Uni.createFrom().item(new ArrayList<>());
                      for (String key : new TreeSet<>(keys)) {
                        chain =
                            chain.flatMap(
                                acc ->
                                    status(key)
                                        .map(
                                            st -> {
                                              acc.add(st);
                                              return acc;
                                            }));
                      }
                      return chain.map(List::copyOf);
                    }));
  }

  @Override
  public Uni<SlotClaim> claim(String pool, String runId, String stepKey, int priority, Instant at) {
    return vertx.transaction(
        () -> {
          requirePool(pool);
          return lockPool(pool)
              .chain(
                  () ->
                      PoolSlotEntity.count(
                          "pool = ?1 and runId = ?2 and stepKey = ?3", pool, runId, stepKey))
              .flatMap(
                  held ->
                      held > 0
                          ? Uni.createFrom().item(SlotClaim.claimed(pool, runId, stepKey))
                          : claimNew(pool, runId, stepKey, priority, at));
        });
  }

  private static Uni<SlotClaim> claimNew(
      String pool, String runId, String stepKey, int priority, Instant at) {
    return PendingStepEntity.<PendingStepEntity>find(
            "pool = ?1 and runId = ?2 and stepKey = ?3", pool, runId, stepKey)
        .firstResult()
        .flatMap(
            waiting -> {
              if (waiting != null) {
                return Uni.createFrom().item(waiting);
              }
              PendingStepEntity p = new PendingStepEntity();
              p.pool = pool;
              p.runId = runId;
              p.stepKey = stepKey;
              p.priority = priority;
              p.enqueueTime = at;
              return p.persistAndFlush().replaceWith(p);
            })
        .flatMap(
            me ->
                PoolLimitEntity.<PoolLimitEntity>findById(pool)
                    .flatMap(
                        limit ->
                            PoolSlotEntity.count("pool", pool)
                                .flatMap(
                                    held ->
                                        PendingStepEntity.count(
                                                "pool = ?1 and (priority > ?2 or (priority = ?2 and"
                                                    + " (enqueueTime < ?3 or (enqueueTime = ?3 and"
                                                    + " id < ?4))))",
                                                pool,
                                                me.priority,
                                                me.enqueueTime,
                                                me.id)
                                            .flatMap(
                                                ahead -> {
                                                  long free =
                                                      limit == null
                                                          ? Long.MAX_VALUE
                                                          : Math.max(0, limit.slotLimit - held);
                                                  if (ahead >= free) {
                                                    return Uni.createFrom()
                                                        .item(
                                                            SlotClaim.pending(
                                                                pool, runId, stepKey));
                                                  }
                                                  PoolSlotEntity slot = new PoolSlotEntity();
                                                  slot.pool = pool;
                                                  slot.runId = runId;
                                                  slot.stepKey = stepKey;
                                                  slot.claimTime = at;
                                                  return me.delete()
                                                      .chain(slot::persistAndFlush)
                                                      .replaceWith(
                                                          SlotClaim.claimed(pool, runId, stepKey));
                                                }))));
  }

  @Override
  public Uni<Integer> free(String runId, String stepKey) {
    return vertx.transaction(
        () ->
            PendingStepEntity.delete("runId = ?1 and stepKey = ?2", runId, stepKey)
                .chain(() -> PoolSlotEntity.delete("runId = ?1 and stepKey = ?2", runId, stepKey))
                .map(Long::intValue));
  }

  @Override
  public Uni<Integer> freeRun(String runId) {
    return vertx.transaction(
        () ->
            PendingStepEntity.delete("runId", runId)
                .chain(() -> PoolSlotEntity.delete("runId", runId))
                .map(Long::intValue));
  }
}
