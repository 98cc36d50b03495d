package io.pipewright.daemon.orchestrator;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.orchestration.RunDecision;
import io.pipewright.core.run.Run;
import io.pipewright.daemon.metrics.DaemonMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The {@link RunOrchestrator}'s last step: carries out decisions whose events are stored, in the
 * order they were sent. A decision is carried out (status moves, launches) only once its events are
 * stored, so that every launch is recorded as {@code STEP_WORKER_STARTING} before it happens; a big
 * decision appended in parts ({@link CommitParts}) has each part's launches made once that part is
 * stored. Called on the daemon's loop thread only.
 */
final class StoredDecisions {

  /** The orchestrator's category: these are its messages. */
  private static final Logger LOG = Logger.getLogger(RunOrchestrator.class);

  private final Map<String, RunState> runs;
  private final Set<RunState> dirty;
  private final CommitPipeline commits;
  private final StepLaunches launches;
  private final StepLauncher launcher;
  private final SlotQueue slots;
  private final DaemonMetrics metrics;
  private final Consumer<RunState> drop;

  /**
   * Creates the step.
   *
   * @param runs the orchestrator's runs driven (shared, read here)
   * @param dirty the orchestrator's runs to drive again (shared, added to here)
   * @param drop stops driving a run (the orchestrator forgets it)
   */
  StoredDecisions(
      Map<String, RunState> runs,
      Set<RunState> dirty,
      CommitPipeline commits,
      StepLaunches launches,
      StepLauncher launcher,
      SlotQueue slots,
      DaemonMetrics metrics,
      Consumer<RunState> drop) {
    this.runs = runs;
    this.dirty = dirty;
    this.commits = commits;
    this.launches = launches;
    this.launcher = launcher;
    this.slots = slots;
    this.metrics = metrics;
    this.drop = drop;
  }

  /**
   * Carries out the decisions whose commits are answered, in the order they were sent. A failed
   * commit fails the cycle: the loop drops its view and rebuilds it from storage.
   */
  void carryOutStored(Instant now) {
    for (InFlight.Done<Decided, BatchIo.Committed> done : commits.takeStored(runs)) {
      carryOut(done.items(), done.answer(), now);
    }
  }

  /**
   * Carries out decisions whose events are stored and statuses moved: takes the moved rows, then
   * calls the launcher.
   */
  void carryOut(List<Decided> decided, BatchIo.Committed committed, Instant now) {
    long t4 = System.nanoTime();
    for (Decided d : decided) {
      RunState state = d.state();
      if (!d.last()) {
        continue; // More of its decision is on its way.
      }
      state.committing = false;
      state.takeNotified();
      if (state.deferred || state.eventsPending) {
        state.deferred = false;
        dirty.add(state);
      }
    }
    List<RunState> moves = new ArrayList<>();
    for (Decided d : decided) {
      if (d.decision().runStatus() != null) {
        moves.add(d.state());
      }
    }
    List<Optional<Run>> moved = committed.moved();
    for (int i = 0; i < moves.size(); i++) {
      RunState state = moves.get(i);
      if (moved.get(i).isPresent()) {
        state.run = moved.get(i).get();
      } else {
        // Someone else changed the run meanwhile (a cancel): read it and decide again.
        LOG.debugf("Run %s changed under the daemon; reading it again", state.runId());
        state.reloadRun = true;
        dirty.add(state);
      }
    }
    long t5 = System.nanoTime();
    metrics.phase("move", t5 - t4);
    for (Decided d : decided) {
      if (runs.get(d.state().runId()) == d.state()) {
        act(d.state(), d.decision(), d.last(), now);
      }
    }
    metrics.phase("launch", System.nanoTime() - t5);
  }

  /**
   * Calls the launcher for a decision (or a piece of one) whose events and status are stored; the
   * last piece hands over the slot requests and the wake-up time.
   */
  private void act(RunState state, RunDecision decision, boolean last, Instant now) {
    if (launches.launch(state, decision.launches(), now)) {
      dirty.add(state); // A launch could not be built: its rejection is to apply.
    }
    for (AttemptId attempt : decision.terminations()) {
      launcher.terminate(attempt);
    }
    if (!last) {
      return;
    }
    slots.replace(state.runId(), decision.slotRequests());
    state.wakeUpAt = decision.wakeUpAt();
    if (state.run.status().isTerminal()) {
      metrics.runEnded(state.run.status());
      LOG.infof(
          "Run %s of job '%s' ended %s", state.runId(), state.run.jobName(), state.run.status());
      drop.accept(state);
    }
  }
}
