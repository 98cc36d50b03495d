package io.pipewright.core.orchestration;

import static io.pipewright.core.step.StepAttemptStatus.EXITED;
import static io.pipewright.core.step.StepAttemptStatus.FAILED;
import static io.pipewright.core.step.StepAttemptStatus.INFRA_FAILED;
import static io.pipewright.core.step.StepAttemptStatus.LAUNCHED;
import static io.pipewright.core.step.StepAttemptStatus.PENDING_LAUNCH;
import static io.pipewright.core.step.StepAttemptStatus.RUNNING;
import static io.pipewright.core.step.StepAttemptStatus.SUCCEEDED;
import static io.pipewright.core.step.StepAttemptStatus.TERMINATED;
import static io.pipewright.core.step.StepAttemptStatus.TERMINATING;
import static io.pipewright.core.step.StepAttemptStatus.UP_FOR_RETRY;

import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.event.StepSkippedPayload;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.step.StepAttemptStateMachine;
import io.pipewright.core.step.StepAttemptStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The facts half of {@link RunProgress}: folds the run's events and the launcher's reports into the
 * steps' and attempts' state, idempotently, in the order they were read. It decides nothing about
 * time; {@link RunProgress#decide} does, and writes its decisions back through {@link #emit}, the
 * same path as events read from the log.
 */
final class RunFold {

  final String runId;
  final OrchestrationSettings settings;
  final RunGraph graph;
  final Set<StepNode> waitingForRetry = new LinkedHashSet<>();
  final Set<StepNode.Attempt> live = new LinkedHashSet<>();
  final Set<StepNode> holdingSlots = new LinkedHashSet<>();

  /** Attempts stopped on cancel whose STEP_FAILURE (interrupt) is still to be written. */
  final List<StepNode.Attempt> toInterrupt = new ArrayList<>();

  /** Observations that did not fit, for the next decision's {@code ignored}. */
  final List<String> ignored = new ArrayList<>();

  RunFold(String runId, OrchestrationSettings settings, RunGraph graph) {
    this.runId = runId;
    this.settings = settings;
    this.graph = graph;
  }

  /** Adds an event the daemon decided and applies it, exactly as when it is read back. */
  void emit(Cycle out, EventRecord event) {
    out.events.add(event);
    apply(event);
  }

  // ================================================================ facts: events

  /**
   * Applies one of the run's events. Events of other types than the step lifecycle's (logs,
   * materializations, run events) change nothing.
   *
   * @param event an event of this run, in log order
   * @throws IllegalArgumentException when the event belongs to another run
   */
  void apply(EventRecord event) {
    Objects.requireNonNull(event, "event must not be null");
    if (!event.runId().equals(runId)) {
      throw new IllegalArgumentException(
          "Event of run " + event.runId() + " was given to the progress of run " + runId + ".");
    }
    if (event.stepKey() == null) {
      return; // The run's own status is an input of decide(), not folded from events.
    }
    switch (event.type()) {
      case STEP_WORKER_STARTING -> withNode(event, node -> onLaunchRecorded(node, event));
      case STEP_WORKER_STARTED, STEP_START, STEP_RESTARTED ->
          withNode(event, node -> onStarted(node, event.attempt(), event.timestamp()));
      case STEP_OUTPUT -> withNode(event, node -> onOutput(node, event));
      case STEP_SUCCESS -> withNode(event, node -> onFinal(node, event, SUCCEEDED));
      case STEP_FAILURE -> withNode(event, node -> onFinal(node, event, FAILED));
      case STEP_UP_FOR_RETRY -> withNode(event, node -> onFinal(node, event, UP_FOR_RETRY));
      case STEP_SKIPPED -> withNode(event, node -> onSkipped(node, event));
      case ENGINE_EVENT ->
          DaemonEvents.infrastructureFailureOf(event)
              .ifPresent(reason -> withNode(event, node -> onInfrastructureFailure(node, event)));
      default -> {
        // Inputs, logs, materializations, hooks: no bearing on what runs next.
      }
    }
  }

  private void withNode(EventRecord event, Consumer<StepNode> action) {
    StepNode node = graph.node(event.stepKey());
    if (node == null) {
      ignored.add(
          event.type() + " for step \"" + event.stepKey() + "\", which the run does not have.");
      return;
    }
    action.accept(node);
  }

  private void onLaunchRecorded(StepNode node, EventRecord event) {
    if (node.attempt(event.attempt()) == null) {
      adopt(node, event.attempt(), event.timestamp(), false, event.type().name());
    }
  }

  private void onStarted(StepNode node, int number, Instant at) {
    StepNode.Attempt attempt = attemptOrAdopt(node, number, at, "STEP_START");
    if (attempt != null && (attempt.status == PENDING_LAUNCH || attempt.status == LAUNCHED)) {
      attempt.launchIssued = true;
      attempt.moveTo(RUNNING);
    }
  }

  private void onOutput(StepNode node, EventRecord event) {
    StepNode.Attempt attempt = attemptOrAdopt(node, event.attempt(), event.timestamp(), "output");
    Optional<StepOutputPayload> payload = event.payload(StepOutputPayload.class);
    if (attempt != null && !attempt.status.isTerminal() && payload.isPresent()) {
      attempt.recordOutput(payload.get().outputName(), payload.get().mappingKey());
    }
  }

  private void onFinal(StepNode node, EventRecord event, StepAttemptStatus target) {
    StepNode.Attempt attempt =
        attemptOrAdopt(node, event.attempt(), event.timestamp(), event.type().name());
    if (attempt == null || attempt.status == target) {
      return;
    }
    if (attempt.status.isTerminal()) {
      boolean ownInterrupt =
          attempt.status == TERMINATED && target == FAILED && node.status == StepStatus.FAILED;
      if (!ownInterrupt) {
        ignored.add(
            event.type()
                + " of "
                + attempt.id
                + " came after its attempt had ended "
                + attempt.status
                + "; the daemon's decision stands.");
      }
      return;
    }
    attempt.moveTo(target);
    endAttempt(attempt);
    if (target == SUCCEEDED) {
      node.produced = attempt.producedOutputs();
      finish(node, StepStatus.SUCCEEDED);
    } else if (target == FAILED) {
      finish(node, StepStatus.FAILED);
    } else {
      node.retriesUsed++;
      double seconds =
          event.payload(StepRetryPayload.class).map(p -> p.secondsToWait()).orElse(0.0);
      scheduleRetry(
          node, event.timestamp().plusNanos(Math.round(seconds * 1e9)), AttemptOrigin.RETRY);
    }
  }

  private void onSkipped(StepNode node, EventRecord event) {
    if (node.status == StepStatus.SKIPPED) {
      return;
    }
    if (node.isDone() || node.status == StepStatus.IN_PROGRESS) {
      ignored.add("STEP_SKIPPED for step \"" + node.key + "\", which is " + node.status + ".");
      return;
    }
    String reason = event.payload(StepSkippedPayload.class).map(p -> p.reason()).orElse("");
    boolean afterFailure = node.pending == 0 && graph.resolve(node).afterFailure();
    skip(node, afterFailure, reason);
  }

  private void onInfrastructureFailure(StepNode node, EventRecord event) {
    StepNode.Attempt attempt =
        attemptOrAdopt(node, event.attempt(), event.timestamp(), "infrastructure failure");
    if (attempt == null || attempt.status == INFRA_FAILED) {
      return;
    }
    if (!StepAttemptStateMachine.canTransition(attempt.status, INFRA_FAILED)) {
      if (!StepAttemptStateMachine.canTransition(attempt.status, EXITED)) {
        ignored.add(
            "Infrastructure failure of " + attempt.id + ", which is " + attempt.status + ".");
        return;
      }
      // Read back after a restart: the launcher's report that preceded it is not in the log.
      attempt.moveTo(EXITED);
    }
    attempt.moveTo(INFRA_FAILED);
    endAttempt(attempt);
    node.infrastructureRetriesUsed++;
    Duration wait =
        DaemonEvents.waitOf(event)
            .orElseGet(
                () ->
                    settings
                        .infrastructureRetries()
                        .delayFor(Math.max(1, node.infrastructureRetriesUsed)));
    scheduleRetry(node, event.timestamp().plus(wait), AttemptOrigin.INFRASTRUCTURE_RETRY);
  }

  // ================================================================ facts: launcher

  /**
   * Applies a status the launcher reported.
   *
   * @param status a status of one of this run's attempts
   * @throws IllegalArgumentException when the status belongs to another run
   */
  void apply(AttemptStatus status) {
    Objects.requireNonNull(status, "status must not be null");
    AttemptId id = status.attempt();
    if (!id.runId().equals(runId)) {
      throw new IllegalArgumentException(
          "Status of " + id + " was given to the progress of run " + runId + ".");
    }
    StepNode node = graph.node(id.stepKey());
    if (node == null) {
      ignored.add("Launcher status of " + id + ": the run has no such step.");
      return;
    }
    StepNode.Attempt attempt =
        attemptOrAdopt(node, id.attempt(), status.observedAt(), "launcher status");
    if (attempt == null) {
      return;
    }
    attempt.launchIssued = true;
    switch (status.phase()) {
      case PENDING -> {
        if (attempt.status == PENDING_LAUNCH) {
          attempt.moveTo(LAUNCHED);
        }
        attempt.terminateAgain |= attempt.status == TERMINATING;
      }
      case RUNNING -> {
        if (attempt.status == PENDING_LAUNCH || attempt.status == LAUNCHED) {
          attempt.moveTo(RUNNING);
        }
        attempt.terminateAgain |= attempt.status == TERMINATING;
      }
      default -> observeEnd(attempt, status);
    }
  }

  /** The launcher says the process ended (or will never run). */
  private void observeEnd(StepNode.Attempt attempt, AttemptStatus status) {
    if (attempt.status.isTerminal() || attempt.status == EXITED) {
      return; // The final event came first, or an earlier report already counts.
    }
    if (attempt.status == TERMINATING) {
      attempt.moveTo(TERMINATED);
      endAttempt(attempt);
      attempt.interruptPending = true;
      toInterrupt.add(attempt);
      return;
    }
    // A process that may have run may have events on their way: give them a grace period.
    boolean mayHaveRun =
        status.phase() == AttemptStatus.Phase.SUCCEEDED
            || status.exitCode() != null
            || attempt.status == RUNNING;
    attempt.exit = status;
    attempt.decideAt =
        mayHaveRun ? status.observedAt().plus(settings.exitGracePeriod()) : status.observedAt();
    attempt.moveTo(EXITED);
  }

  // ================================================================ attempts

  private StepNode.Attempt attemptOrAdopt(StepNode node, int number, Instant at, String what) {
    StepNode.Attempt attempt = node.attempt(number);
    return attempt != null ? attempt : adopt(node, number, at, true, what);
  }

  /**
   * Takes on an attempt the view did not decide: read back from the log after a restart, or
   * reported by the launcher. Only the step's next attempt can be taken on.
   */
  private StepNode.Attempt adopt(
      StepNode node, int number, Instant at, boolean exists, String what) {
    StepNode.Attempt last = node.lastAttempt();
    String problem = null;
    if (node.isDone()) {
      problem = "the step has finished " + node.status;
    } else if (last != null && last.number() > number) {
      problem = "attempt " + last.number() + " came after it";
    } else if (last != null && !last.status.isTerminal()) {
      problem = "attempt " + last.number() + " is still " + last.status;
    }
    if (problem != null) {
      ignored.add(
          what + " of " + new AttemptId(runId, node.key, number) + " ignored: " + problem + ".");
      return null;
    }
    StepNode.Attempt attempt = new StepNode.Attempt(node, number, node.nextOrigin, at, runId);
    attempt.launchIssued = exists;
    node.attempts.add(attempt);
    startAttempt(node, attempt);
    return attempt;
  }

  void startAttempt(StepNode node, StepNode.Attempt attempt) {
    live.add(attempt);
    waitingForRetry.remove(node);
    node.status = StepStatus.IN_PROGRESS;
    node.retryAt = null;
    if (node.pool != null) {
      // A live attempt holds its slot, also one read back after a restart.
      node.slotGranted = true;
      holdingSlots.add(node);
    }
  }

  void endAttempt(StepNode.Attempt attempt) {
    live.remove(attempt);
    StepNode node = attempt.node;
    if (node.slotGranted) {
      node.slotGranted = false;
      holdingSlots.remove(node);
    }
  }

  private void scheduleRetry(StepNode node, Instant at, AttemptOrigin origin) {
    node.status = StepStatus.WAITING_FOR_RETRY;
    node.retryAt = at;
    node.nextOrigin = origin;
    waitingForRetry.add(node);
  }

  void finish(StepNode node, StepStatus status) {
    waitingForRetry.remove(node);
    graph.finish(node, status);
  }

  void skip(StepNode node, boolean afterFailure, String reason) {
    node.afterFailure = afterFailure;
    node.skipReason = reason;
    finish(node, StepStatus.SKIPPED);
  }
}
