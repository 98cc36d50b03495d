package io.pipewright.core.backfill;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The port to stored backfills (Dagster's {@code bulk_actions}).
 *
 * <p>Every adapter (in memory, PostgreSQL) passes the same contract test suite. Methods may be
 * called from any thread; adapters that need a Vert.x context switch to one themselves. Failures
 * arrive as failed {@link Uni}s with the exceptions named below.
 */
public interface BackfillStore {

  /**
   * Stores a new backfill.
   *
   * @param backfill the backfill
   * @return the stored backfill
   * @throws BackfillAlreadyExistsException when its id is taken
   */
  Uni<Backfill> add(Backfill backfill);

  /**
   * Reads one backfill with all its partitions.
   *
   * @param backfillId the id
   * @return the backfill, or empty when none has this id
   */
  Uni<Optional<Backfill>> find(String backfillId);

  /**
   * Lists backfills newest first (by creation order).
   *
   * @param statuses only backfills in these statuses; empty for any
   * @param afterBackfillId the cursor: the last id of the previous page; null for the first page.
   *     An unknown cursor fails with {@link BackfillNotFoundException}.
   * @param limit at most this many; 1 or more
   * @return the page
   */
  Uni<List<Backfill>> list(Set<BackfillStatus> statuses, String afterBackfillId, int limit);

  /**
   * Changes a backfill atomically: reads it, applies {@code change} and stores the result with no
   * other writer in between, so that the daemon's progress and a user's cancel never overwrite each
   * other. The result must keep the backfill's identity (id, target, partition keys in order); its
   * status and every partition's status must follow their lifecycles (staying is allowed).
   *
   * @param backfillId the id
   * @param change a pure function from the stored backfill to the next; it may run more than once
   * @return the stored backfill
   * @throws BackfillNotFoundException when no backfill has this id
   * @throws IllegalBackfillTransitionException when a status change is not allowed
   * @throws IllegalArgumentException when {@code change} changes the backfill's identity
   */
  Uni<Backfill> update(String backfillId, UnaryOperator<Backfill> change);
}
