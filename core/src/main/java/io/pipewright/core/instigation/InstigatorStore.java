package io.pipewright.core.instigation;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The port to the stored state and ticks of schedules and sensors (Dagster's schedule storage).
 *
 * <p>Every adapter (in memory, PostgreSQL) passes the same contract test suite. Methods may be
 * called from any thread; adapters that need a Vert.x context switch to one themselves. Failures
 * arrive as failed {@link Uni}s with the exceptions named below.
 */
public interface InstigatorStore {

  /**
   * Reads one instigator's stored state.
   *
   * @param selector which instigator
   * @return the state, or empty when none is stored (its status is then as declared in code)
   */
  Uni<Optional<InstigatorState>> state(InstigatorSelector selector);

  /**
   * Lists stored states.
   *
   * @param codeLocation only this code location's; null for all
   * @param type only schedules or only sensors; null for both
   * @return the states, ordered by code location and name
   */
  Uni<List<InstigatorState>> states(String codeLocation, InstigatorType type);

  /**
   * Changes one instigator's state atomically: reads the stored state (or {@link
   * InstigatorState#initial} when none is stored), applies {@code change} and stores the result,
   * with no other writer in between. The webserver starts and stops instigators and the daemon
   * records ticks this way, so that neither overwrites the other's change.
   *
   * @param selector which instigator
   * @param type its kind, for the initial state
   * @param at the time of the initial state, when none is stored
   * @param change a pure function from the current state to the next; it must keep the selector and
   *     type, and may run more than once
   * @return the stored state
   * @throws IllegalArgumentException when {@code change} returns another instigator's state
   */
  Uni<InstigatorState> updateState(
      InstigatorSelector selector,
      InstigatorType type,
      Instant at,
      UnaryOperator<InstigatorState> change);

  /**
   * Moves instigators' checkpoints forward, as {@link #updateState} with {@link
   * InstigatorState#afterTick} would one by one: each state whose last tick time is unset or before
   * its new time gets that time (cursor and last run key kept) and {@code at} as its update time; a
   * later or equal checkpoint stays as it is; a state not stored is created ({@link
   * InstigatorState#initial}) with the time. The scheduler moves a chunk of schedules' checkpoints
   * this way once their ticks are finished. The default calls {@link #updateState} per instigator;
   * adapters may do it in one statement.
   *
   * @param type the instigators' kind, for states created
   * @param lastTickTimes each instigator's new last tick time
   * @param at the update time (and the time of a created state)
   * @return nothing, once every checkpoint is stored
   */
  default Uni<Void> advanceCheckpoints(
      InstigatorType type, Map<InstigatorSelector, Instant> lastTickTimes, Instant at) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Map.Entry<InstigatorSelector, Instant> e : lastTickTimes.entrySet()) {
      Instant time = e.getValue();
      chain =
          chain.chain(
              () ->
                  updateState(
                          e.getKey(),
                          type,
                          at,
                          s ->
                              s.lastTickTime() != null && !s.lastTickTime().isBefore(time)
                                  ? s
                                  : s.afterTick(time, s.cursor(), s.lastRunKey(), at))
                      .replaceWithVoid());
    }
    return chain;
  }

  /**
   * Deletes one instigator's state (its ticks stay, as history).
   *
   * @param selector which instigator
   * @return true when a state was deleted
   */
  Uni<Boolean> deleteState(InstigatorSelector selector);

  /**
   * Creates a {@link TickStatus#STARTED} tick. A schedule has at most one tick per scheduled time:
   * a second one fails, which makes a cron time fire once even when two daemons race or one
   * restarts mid-tick.
   *
   * @param instigator which instigator
   * @param type its kind
   * @param timestamp when the evaluation starts
   * @param scheduledTime the schedule's cron time; null for a sensor tick (not unique)
   * @return the new tick with its id
   * @throws TickAlreadyExistsException when the schedule has a tick for {@code scheduledTime}
   */
  Uni<Tick> startTick(
      InstigatorSelector instigator, InstigatorType type, Instant timestamp, Instant scheduledTime);

  /**
   * Creates the {@link TickStatus#STARTED} ticks of many schedules' cron times in one call (the
   * scheduler creates a chunk of due ticks at once). Each time gets at most one tick, as with
   * {@link #startTick}: a time that has a tick already is reported with that tick instead of
   * failing the call, so that one resumed tick does not hold up the others.
   *
   * @param type the instigators' kind (schedules)
   * @param timestamp when their evaluations start
   * @param times the cron times, each at most once
   * @return one outcome per time, in the order of {@code times}
   * @throws IllegalArgumentException when a time is listed twice
   */
  Uni<List<TickStart>> startTicks(
      InstigatorType type, Instant timestamp, List<ScheduledTime> times);

  /**
   * Stores a changed tick (reserved and submitted runs, cursor, outcome). The stored tick's status
   * must allow the new one: a started tick may stay started or finish; a finished tick never
   * changes again.
   *
   * @param tick the tick, as changed by its methods
   * @return the stored tick
   * @throws TickNotFoundException when no tick has its id
   * @throws IllegalTickTransitionException when the stored tick is finished already
   */
  Uni<Tick> updateTick(Tick tick);

  /**
   * Stores many changed ticks in one call, each checked as {@link #updateTick} checks it. All or
   * nothing: when one cannot be stored, none is, and the call fails with that tick's exception (the
   * caller may then store them one by one).
   *
   * @param ticks the ticks, as changed by their methods, each at most once
   * @return the stored ticks, in order
   * @throws TickNotFoundException when no tick has one of their ids
   * @throws IllegalTickTransitionException when one stored tick is finished already
   * @throws IllegalArgumentException when a tick is listed twice
   */
  Uni<List<Tick>> updateTicks(List<Tick> ticks);

  /**
   * Reads one tick.
   *
   * @param tickId the tick's id
   * @return the tick, or empty when none has this id
   */
  Uni<Optional<Tick>> tick(long tickId);

  /**
   * Lists one instigator's ticks, newest first (by timestamp, then id).
   *
   * @param instigator which instigator
   * @param filter which ticks
   * @return the ticks
   */
  Uni<List<Tick>> ticks(InstigatorSelector instigator, TickFilter filter);

  /**
   * Deletes old ticks (retention; Dagster's {@code purge_after_days} per status).
   *
   * @param before ticks with an earlier timestamp are deleted
   * @param statuses only ticks in these statuses; empty for any finished tick. Started ticks are
   *     never purged: they may still have runs to submit.
   * @return how many ticks were deleted
   */
  Uni<Long> deleteTicksBefore(Instant before, Set<TickStatus> statuses);
}
