package io.pipewright.storage.internal;

import io.pipewright.core.backfill.Backfill;
import io.pipewright.core.backfill.BackfillPartition;
import io.pipewright.core.backfill.IllegalBackfillTransitionException;
import io.pipewright.core.instigation.IllegalTickTransitionException;
import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules every adapter applies to read-modify-write updates, so that they behave alike: what an
 * update function may change, and which status changes the lifecycles allow.
 */
public final class Updates {

  private Updates() {}

  /**
   * Checks the result of an instigator state update.
   *
   * @param selector the instigator updated
   * @param type its kind
   * @param next what the update function returned
   * @return {@code next}
   * @throws IllegalArgumentException when it is null or another instigator's state
   */
  public static InstigatorState checkState(
      InstigatorSelector selector, InstigatorType type, InstigatorState next) {
    if (next == null) {
      throw new IllegalArgumentException(
          "The state update of " + selector + " returned null; return the next state");
    }
    if (!next.selector().equals(selector) || next.type() != type) {
      throw new IllegalArgumentException(
          "The state update of "
              + type
              + " "
              + selector
              + " returned the state of "
              + next.type()
              + " "
              + next.selector()
              + "; an update may not change which instigator the state belongs to");
    }
    return next;
  }

  /**
   * Checks a tick update against the stored tick.
   *
   * @param stored the stored tick
   * @param next the tick to store
   * @throws IllegalTickTransitionException when the stored tick is finished, or the status change
   *     is not allowed
   * @throws IllegalArgumentException when the update changes the tick's identity
   */
  public static void checkTick(Tick stored, Tick next) {
    if (stored.status().isTerminal()
        || (next.status() != TickStatus.STARTED
            && !stored.status().canTransitionTo(next.status()))) {
      throw new IllegalTickTransitionException(stored.id(), stored.status(), next.status());
    }
    if (!stored.instigator().equals(next.instigator())
        || stored.type() != next.type()
        || !stored.timestamp().equals(next.timestamp())
        || !Objects.equals(stored.scheduledTime(), next.scheduledTime())) {
      throw new IllegalArgumentException(
          "Tick "
              + stored.id()
              + " of "
              + stored.instigator()
              + " was updated with another instigator, type, timestamp or scheduled time; those"
              + " never change");
    }
  }

  /**
   * Checks a backfill update and returns the partitions it changed.
   *
   * @param stored the stored backfill
   * @param next what the update function returned
   * @return the partitions whose status or run changed, in order
   * @throws IllegalBackfillTransitionException when a status change is not allowed
   * @throws IllegalArgumentException when the update changes the backfill's identity
   */
  public static List<BackfillPartition> checkBackfill(Backfill stored, Backfill next) {
    String id = stored.backfillId();
    if (next == null) {
      throw new IllegalArgumentException(
          "The update of backfill '" + id + "' returned null; return the next backfill");
    }
    if (!next.backfillId().equals(id)
        || !next.codeLocation().equals(stored.codeLocation())
        || !Objects.equals(next.jobName(), stored.jobName())
        || !next.assetSelection().equals(stored.assetSelection())
        || !next.createTime().equals(stored.createTime())
        || next.partitions().size() != stored.partitions().size()) {
      throw new IllegalArgumentException(
          "The update of backfill '"
              + id
              + "' changed its id, target, creation time or partitions; only statuses, runs,"
              + " tags, error and end time may change");
    }
    Backfill.requireStoredChange(stored.status(), next.status(), id);
    List<BackfillPartition> changed = new ArrayList<>();
    for (int i = 0; i < stored.partitions().size(); i++) {
      BackfillPartition before = stored.partitions().get(i);
      BackfillPartition after = next.partitions().get(i);
      if (!before.partitionKey().equals(after.partitionKey())) {
        throw new IllegalArgumentException(
            "The update of backfill '"
                + id
                + "' changed partition #"
                + i
                + " from '"
                + before.partitionKey()
                + "' to '"
                + after.partitionKey()
                + "'; partitions keep their keys and order");
      }
      if (!before.equals(after)) {
        if (!before.status().canTransitionTo(after.status())) {
          throw new IllegalBackfillTransitionException(
              "Illegal transition of partition '"
                  + before.partitionKey()
                  + "' of backfill '"
                  + id
                  + "' "
                  + before.status()
                  + " -> "
                  + after.status());
        }
        changed.add(after);
      }
    }
    return changed;
  }
}
