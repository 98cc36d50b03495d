package io.pipewright.daemon.orchestrator;

import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.orchestration.OrchestrationSettings;
import io.pipewright.core.orchestration.RunDecision;
import io.pipewright.core.orchestration.RunProgress;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.daemon.metrics.DaemonMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The {@link RunOrchestrator}'s decision step for one run: applies the launcher's news to the run's
 * {@link RunProgress} and asks it what to do; ends the runs that cannot be driven. Called on the
 * daemon's loop thread only.
 */
final class RunDecider {

  /** The orchestrator's category: these are its messages. */
  private static final Logger LOG = Logger.getLogger(RunOrchestrator.class);

  private final StepLauncher launcher;
  private final Function<String, Optional<String>> unavailableLocation;
  private final OrchestrationSettings settings;
  private final Clock clock;
  private final DoubleSupplier random;
  private final DaemonMetrics metrics;
  private final BatchIo io;
  private final StepTimes stepTimes;
  private final Consumer<RunState> drop;
  private final Runnable capacityFreed;

  /**
   * Creates the decision step.
   *
   * @param drop stops driving a run (the orchestrator forgets it)
   * @param capacityFreed tells the orchestrator that a run ended (the queue may admit more)
   */
  RunDecider(
      StepLauncher launcher,
      Function<String, Optional<String>> unavailableLocation,
      OrchestrationSettings settings,
      Clock clock,
      DoubleSupplier random,
      DaemonMetrics metrics,
      BatchIo io,
      StepTimes stepTimes,
      Consumer<RunState> drop,
      Runnable capacityFreed) {
    this.launcher = launcher;
    this.unavailableLocation = unavailableLocation;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
    this.metrics = metrics;
    this.io = io;
    this.stepTimes = stepTimes;
    this.drop = drop;
    this.capacityFreed = capacityFreed;
  }

  /** Reads the rows of a batch that may have changed; stops driving the runs deleted meanwhile. */
  void reloadRows(List<RunState> batch) {
    for (RunState deleted : io.reload(batch)) {
      LOG.warnf("Run %s was deleted while running; stopping its steps", deleted.runId());
      launcher.terminateRun(deleted.runId());
      drop.accept(deleted);
    }
  }

  /** Applies the launcher's news and decides; null when the run needs no decision (it left). */
  RunDecision decide(RunState state, Instant now) {
    if (state.run.status().isTerminal()) {
      // Ended by someone else (marked canceled from outside): stop what still runs.
      if (!state.progress.liveAttempts().isEmpty()) {
        launcher.terminateRun(state.runId());
      }
      LOG.infof(
          "Run %s was ended %s from outside the daemon; no longer driving it",
          state.runId(), state.run.status());
      drop.accept(state);
      return null;
    }
    for (AttemptStatus status : state.statuses) {
      state.progress.apply(status);
      state.reported.add(status.attempt());
      stepTimes.observe(status);
      EndGate.observe(state, status);
    }
    state.statuses.clear();
    for (RunState.LaunchAnswer answer : state.answers) {
      state.progress.launchResult(answer.attempt(), answer.result(), answer.at());
      EndGate.answered(state, answer.attempt(), answer.result());
    }
    state.answers.clear();
    if (state.heldEnd != null) {
      return EndGate.release(state, now);
    }
    if (state.reconcile) {
      state.reconcile = false;
      state.reportLost(now);
    }
    if (state.run.status() == RunStatus.STARTING) {
      Optional<String> gone = unavailableLocation.apply(state.run.codeLocation());
      if (gone.isPresent()) {
        endUndrivable(state.run, gone.get());
        drop.accept(state);
        return null;
      }
    }
    RunDecision decision = state.progress.decide(state.run.status(), now, random);
    for (String ignored : decision.ignored()) {
      LOG.debugf("Run %s: %s", state.runId(), ignored);
    }
    return EndGate.pass(state, decision, now, settings.exitGracePeriod());
  }

  /** Ends a run that cannot be driven (no plan, an unknown code location), with the reason. */
  void endUndrivable(Run run, String reason) {
    LOG.warnf("Run %s cannot be driven: %s", run.runId(), reason);
    launcher.terminateRun(run.runId());
    RunStatus end = run.status() == RunStatus.CANCELING ? RunStatus.CANCELED : RunStatus.FAILURE;
    if (io.end(run, end, RunEvents.end(run, end, reason, clock.instant()), clock.instant())) {
      metrics.runEnded(end);
    }
    capacityFreed.run();
  }
}
