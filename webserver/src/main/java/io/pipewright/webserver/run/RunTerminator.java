package io.pipewright.webserver.run;

import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunConflictException;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Terminates runs: applies {@link Termination}'s decision with compare-and-set status changes, so
 * that a race with the daemon (which may admit or finish the run meanwhile) is detected and the
 * decision taken again on the new status, then writes the decision's events.
 */
@ApplicationScoped
public class RunTerminator {

  private static final Logger LOG = Logger.getLogger(RunTerminator.class);

  /** How often a termination is decided again after losing a race with another writer. */
  static final int ATTEMPTS = 5;

  private final RunStore runs;
  private final EventLog events;
  private final Clock clock;
  private final HostEvents hostEvents = new HostEvents();

  /**
   * Creates the terminator.
   *
   * @param runs the run storage
   * @param events the event log
   * @param clock the time of changes
   */
  @Inject
  public RunTerminator(RunStore runs, EventLog events, Clock clock) {
    this.runs = runs;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Terminates a run.
   *
   * @param runId the run
   * @param policy how
   * @return the outcome
   */
  public TerminateOutcome terminate(String runId, TerminatePolicy policy) {
    for (int attempt = 1; ; attempt++) {
      Optional<Run> found = Await.of(runs.find(runId));
      if (found.isEmpty()) {
        return new TerminateOutcome.NotFound(runId);
      }
      Run run = found.get();
      Termination.Decision decision = Termination.decide(runId, run.status(), policy);
      if (!decision.accepted()) {
        return new TerminateOutcome.Refused(run, decision.refusal());
      }
      Instant now = clock.instant();
      try {
        RunStatus expected = run.status();
        for (RunStatus next : decision.statuses()) {
          run = Await.of(runs.transition(runId, expected, next, now));
          expected = next;
        }
      } catch (RunConflictException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        continue;
      }
      List<EventRecord> records = new ArrayList<>();
      for (Termination.Event event : decision.events()) {
        records.add(hostEvents.runEvent(runId, event.type(), event.level(), event.message(), now));
      }
      Await.of(events.append(records));
      LOG.infof("Run %s terminated (%s): now %s", runId, policy, run.status());
      return new TerminateOutcome.Terminated(run);
    }
  }
}
