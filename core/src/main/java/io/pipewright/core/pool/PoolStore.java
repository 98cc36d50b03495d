package io.pipewright.core.pool;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * The port to op concurrency pools (Dagster's {@code concurrency_limits}, {@code concurrency_slots}
 * and {@code pending_steps}).
 *
 * <p>A pool without a limit is unlimited: claims always succeed (and are recorded, so that the UI
 * shows who runs). A limit of 0 pauses the pool. Every adapter passes the same contract test suite;
 * methods may be called from any thread; each call is atomic.
 */
public interface PoolStore {

  /**
   * Sets a pool's number of slots ({@code setConcurrencyLimit}). Lowering it below the slots held
   * frees none: the holders finish, and no new claim succeeds until the pool is below its limit.
   *
   * @param pool the pool's key; non-blank
   * @param limit the number of slots; 0 or more
   * @return completion
   */
  Uni<Void> setLimit(String pool, int limit);

  /**
   * Removes a pool's limit, making it unlimited.
   *
   * @param pool the pool's key
   * @return true when a limit was removed
   */
  Uni<Boolean> deleteLimit(String pool);

  /**
   * Reads one pool.
   *
   * @param pool the pool's key
   * @return its limit (null when none), held slots and pending steps
   */
  Uni<PoolStatus> pool(String pool);

  /**
   * Lists every pool that has a limit, a held slot or a pending step, by key.
   *
   * @return the pools
   */
  Uni<List<PoolStatus>> pools();

  /**
   * Claims a slot for a step, atomically. The step gets the slot when the pool has a free slot and
   * no pending step ranks before it (higher priority, or same priority and waiting longer);
   * otherwise it is (or stays) pending and must claim again later. Claiming a slot the step holds
   * already succeeds again (claims are idempotent, so a restarted daemon may repeat them).
   *
   * @param pool the pool's key
   * @param runId the run
   * @param stepKey the step
   * @param priority the step's priority; higher goes first
   * @param at the time of the claim
   * @return claimed or pending
   */
  Uni<SlotClaim> claim(String pool, String runId, String stepKey, int priority, Instant at);

  /**
   * Frees the slots a step holds and removes it from every pool's pending steps.
   *
   * @param runId the run
   * @param stepKey the step
   * @return how many slots were freed
   */
  Uni<Integer> free(String runId, String stepKey);

  /**
   * Frees every slot of a run and removes its pending steps (a finished or canceled run).
   *
   * @param runId the run
   * @return how many slots were freed
   */
  Uni<Integer> freeRun(String runId);
}
