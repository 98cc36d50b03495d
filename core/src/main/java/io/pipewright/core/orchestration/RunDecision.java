package io.pipewright.core.orchestration;

import io.pipewright.core.concurrency.PendingStep;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.run.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one orchestration cycle decided for a run. The daemon carries it out in this order: append
 * {@link #events()} (they record the decisions, including each launch, before it happens), move the
 * run to {@link #runStatus()} when set, call the launcher for {@link #launches()} and {@link
 * #terminations()}, offer {@link #slotRequests()} to the pool allocation, and wake up again at
 * {@link #wakeUpAt()} at the latest.
 *
 * @param runStatus the status the run moves to now; null to leave it
 * @param events the events to append, in order (the view has applied them already)
 * @param launches the attempts to launch
 * @param terminations the attempts to stop
 * @param slotRequests the ready steps that wait for a concurrency pool slot
 * @param wakeUpAt when a time-based decision falls due (a retry, a grace period, a timeout); null
 *     when only new events or statuses can change anything
 * @param ignored observations that did not fit the run's state (a late event for a finished
 *     attempt, a status of an unknown step), as sentences for the daemon's log
 */
public record RunDecision(
    RunStatus runStatus,
    List<EventRecord> events,
    List<StepLaunch> launches,
    List<AttemptId> terminations,
    List<PendingStep> slotRequests,
    Instant wakeUpAt,
    List<String> ignored) {

  /** Copies the lists. */
  public RunDecision {
    events = List.copyOf(events);
    launches = List.copyOf(launches);
    terminations = List.copyOf(terminations);
    slotRequests = List.copyOf(slotRequests);
    ignored = List.copyOf(ignored);
  }

  /**
   * Returns the step keys of the events of one type, in order.
   *
   * @param type the event type
   * @return the step keys (run-level events are left out)
   */
  public List<String> stepKeysOf(DagsterEventType type) {
    List<String> keys = new ArrayList<>();
    for (EventRecord event : events) {
      if (event.type() == type && event.stepKey() != null) {
        keys.add(event.stepKey());
      }
    }
    return keys;
  }

  /**
   * Returns the step keys of the launches, in order.
   *
   * @return the step keys
   */
  public List<String> launchedStepKeys() {
    List<String> keys = new ArrayList<>(launches.size());
    for (StepLaunch launch : launches) {
      keys.add(launch.attempt().stepKey());
    }
    return keys;
  }

  /**
   * Tells whether the cycle decided nothing.
   *
   * @return true when there is nothing to carry out
   */
  public boolean isEmpty() {
    return runStatus == null
        && events.isEmpty()
        && launches.isEmpty()
        && terminations.isEmpty()
        && slotRequests.isEmpty();
  }
}
