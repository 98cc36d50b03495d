package io.pipewright.daemon.orchestrator;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.orchestration.RunDecision;
import io.pipewright.core.run.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Holds a run's end until its worker processes have exited. A step's final event can come before
 * its process ends: hooks run after the step, and their events follow {@code STEP_SUCCESS}. The
 * run's end event must come after every event of the run, so when the decision that ends a run
 * comes while some of its workers still run, the end (its run-level event and status) waits until
 * they exited, or until the exit grace period ran out; the rest of the decision is carried out at
 * once.
 */
final class EndGate {

  private static final Set<DagsterEventType> ENDS =
      Set.of(
          DagsterEventType.RUN_SUCCESS,
          DagsterEventType.RUN_FAILURE,
          DagsterEventType.RUN_CANCELED);

  /** A run end waiting for workers. */
  record Held(RunStatus status, EventRecord event, Instant deadline) {}

  private EndGate() {}

  /** Tracks which of a run's workers run, from the launcher's statuses. */
  static void observe(RunState state, AttemptStatus status) {
    state.workersRunning.observe(status);
  }

  /** A launch is about to be made: its worker counts as running until the launcher says. */
  static void launching(RunState state, AttemptId attempt) {
    state.workersRunning.launching(attempt);
  }

  /** The launcher answered a launch: a rejected one has no worker. */
  static void answered(RunState state, AttemptId attempt, LaunchResult result) {
    state.workersRunning.answered(attempt, result);
  }

  /**
   * Passes a decision on, holding back its end while workers of the run still run.
   *
   * @return the decision to carry out now
   */
  static RunDecision pass(RunState state, RunDecision decision, Instant now, Duration grace) {
    if (decision.runStatus() == null
        || !decision.runStatus().isTerminal()
        || state.workersRunning.isEmpty()) {
      return decision;
    }
    List<EventRecord> carriedOut = new ArrayList<>(decision.events().size());
    EventRecord end = null;
    for (EventRecord event : decision.events()) {
      if (event.stepKey() == null && ENDS.contains(event.type())) {
        end = event;
      } else {
        carriedOut.add(event);
      }
    }
    if (end == null) {
      return decision;
    }
    Instant deadline = now.plus(grace);
    state.heldEnd = new Held(decision.runStatus(), end, deadline);
    return new RunDecision(
        null,
        carriedOut,
        decision.launches(),
        decision.terminations(),
        decision.slotRequests(),
        deadline,
        decision.ignored());
  }

  /**
   * The held end, once the run's workers exited or the grace period ran out.
   *
   * @return the end to carry out now, or a decision to wait until the deadline
   */
  static RunDecision release(RunState state, Instant now) {
    Held held = state.heldEnd;
    if (!state.workersRunning.isEmpty() && now.isBefore(held.deadline())) {
      return new RunDecision(
          null, List.of(), List.of(), List.of(), List.of(), held.deadline(), List.of());
    }
    state.heldEnd = null;
    EventRecord e = held.event();
    EventRecord retimed =
        new EventRecord(e.runId(), null, 0, 0, now, e.type(), e.level(), e.message(), e.payload());
    return new RunDecision(
        held.status(), List.of(retimed), List.of(), List.of(), List.of(), null, List.of());
  }
}
