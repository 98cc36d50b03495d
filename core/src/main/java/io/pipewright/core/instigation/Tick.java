package io.pipewright.core.instigation;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.ErrorSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation of a schedule or sensor, recorded with its outcome (Dagster's {@code
 * InstigatorTick} with its {@code TickData}).
 *
 * <p>Exactly-once run creation (architecture, dagster-notes §4.3): after evaluating, the daemon
 * reserves run ids on the tick ({@link #reserve}) and stores the tick before creating any run; it
 * then creates each reserved run and records it ({@link #withSubmittedRun}). After a crash, the
 * unfinished tick tells which reserved runs still need creating ({@link #unsubmittedRunIds}).
 *
 * @param id the tick id the store assigned; positive, increasing in creation order
 * @param instigator which schedule or sensor; not null
 * @param type schedule or sensor; not null
 * @param status where the tick is in its lifecycle; not null
 * @param timestamp when the evaluation started; not null
 * @param scheduledTime a schedule tick's cron time, unique per schedule; null for sensor ticks
 * @param endTime when the tick finished; null while {@link TickStatus#STARTED}
 * @param reservedRunIds run ids reserved before the runs were created, in request order
 * @param runIds ids of the runs created, in creation order
 * @param runKeys the run keys of the requests (sensors)
 * @param skipReason why the evaluation requested nothing; null unless skipped
 * @param error why the tick failed; null unless {@link TickStatus#FAILURE}
 * @param cursor the sensor's cursor after this evaluation; null when none
 */
public record Tick(
    long id,
    InstigatorSelector instigator,
    InstigatorType type,
    TickStatus status,
    Instant timestamp,
    Instant scheduledTime,
    Instant endTime,
    List<String> reservedRunIds,
    List<String> runIds,
    List<String> runKeys,
    String skipReason,
    ErrorSnapshot error,
    String cursor) {

  /** Validates the components and makes the lists immutable. */
  public Tick {
    if (id < 1) {
      throw new IllegalArgumentException("Tick needs an id of 1 or more, got " + id);
    }
    String record = "Tick";
    Checks.require(instigator, record, id, "instigator");
    Checks.require(type, record, id, "type");
    Checks.require(status, record, id, "status");
    Checks.require(timestamp, record, id, "timestamp");
    reservedRunIds = Checks.list(reservedRunIds, record, id, "reservedRunIds");
    runIds = Checks.list(runIds, record, id, "runIds");
    runKeys = Checks.list(runKeys, record, id, "runKeys");
    if (status == TickStatus.FAILURE && error == null) {
      throw new IllegalArgumentException(
          "Tick " + id + " of " + instigator + " is FAILURE without an error; say what failed");
    }
  }

  /**
   * A new tick, as {@link InstigatorStore#startTick} creates it.
   *
   * @param id the assigned id
   * @param instigator which instigator
   * @param type its kind
   * @param timestamp when the evaluation started
   * @param scheduledTime the cron time (schedules) or null (sensors)
   * @return a {@link TickStatus#STARTED} tick with nothing recorded yet
   */
  public static Tick started(
      long id,
      InstigatorSelector instigator,
      InstigatorType type,
      Instant timestamp,
      Instant scheduledTime) {
    return new Tick(
        id,
        instigator,
        type,
        TickStatus.STARTED,
        timestamp,
        scheduledTime,
        null,
        List.of(),
        List.of(),
        List.of(),
        null,
        null,
        null);
  }

  /**
   * Returns this tick with run ids reserved for its requests and the cursor the evaluation
   * returned; store it before creating the runs.
   *
   * @param runIdsToReserve the run ids, one per run request, in order
   * @param requestRunKeys the requests' run keys (may be empty)
   * @param nextCursor the cursor after the evaluation, or null
   * @return the changed copy, still {@link TickStatus#STARTED}
   * @throws IllegalTickTransitionException when the tick is finished
   */
  public Tick reserve(
      List<String> runIdsToReserve, List<String> requestRunKeys, String nextCursor) {
    requireStarted(TickStatus.STARTED);
    return new Tick(
        id,
        instigator,
        type,
        status,
        timestamp,
        scheduledTime,
        endTime,
        runIdsToReserve,
        runIds,
        requestRunKeys,
        skipReason,
        error,
        nextCursor);
  }

  /**
   * Returns this tick with one more run created.
   *
   * @param runId the created run's id
   * @return the changed copy, still {@link TickStatus#STARTED}
   * @throws IllegalTickTransitionException when the tick is finished
   */
  public Tick withSubmittedRun(String runId) {
    requireStarted(TickStatus.STARTED);
    Checks.requireNonBlank(runId, "Tick", id, "runId");
    if (runIds.contains(runId)) {
      return this;
    }
    List<String> next = new ArrayList<>(runIds);
    next.add(runId);
    return new Tick(
        id,
        instigator,
        type,
        status,
        timestamp,
        scheduledTime,
        endTime,
        reservedRunIds,
        next,
        runKeys,
        skipReason,
        error,
        cursor);
  }

  /**
   * Lists the reserved run ids not created yet, in reservation order: what a resumed tick must
   * still submit.
   *
   * @return the ids
   */
  public List<String> unsubmittedRunIds() {
    List<String> out = new ArrayList<>();
    for (String reserved : reservedRunIds) {
      if (!runIds.contains(reserved)) {
        out.add(reserved);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Finishes the tick successfully.
   *
   * @param at when it finished
   * @return the finished copy
   * @throws IllegalTickTransitionException when the tick is finished already
   */
  public Tick success(Instant at) {
    return finish(TickStatus.SUCCESS, at, null, null);
  }

  /**
   * Finishes the tick as skipped.
   *
   * @param reason why nothing was requested; non-blank
   * @param at when it finished
   * @return the finished copy
   * @throws IllegalTickTransitionException when the tick is finished already
   */
  public Tick skipped(String reason, Instant at) {
    Checks.requireNonBlank(reason, "Tick", id, "skip reason");
    return finish(TickStatus.SKIPPED, at, reason, null);
  }

  /**
   * Finishes the tick as failed.
   *
   * @param failure what failed
   * @param at when it finished
   * @return the finished copy
   * @throws IllegalTickTransitionException when the tick is finished already
   */
  public Tick failure(ErrorSnapshot failure, Instant at) {
    Checks.require(failure, "Tick", id, "error");
    return finish(TickStatus.FAILURE, at, null, failure);
  }

  private Tick finish(TickStatus next, Instant at, String reason, ErrorSnapshot failure) {
    requireStarted(next);
    Checks.require(at, "Tick", id, "end time");
    return new Tick(
        id,
        instigator,
        type,
        next,
        timestamp,
        scheduledTime,
        at,
        reservedRunIds,
        runIds,
        runKeys,
        reason,
        failure,
        cursor);
  }

  private void requireStarted(TickStatus next) {
    if (status != TickStatus.STARTED) {
      throw new IllegalTickTransitionException(id, status, next);
    }
  }
}
