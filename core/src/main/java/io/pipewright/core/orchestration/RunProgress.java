package io.pipewright.core.orchestration;

import static io.pipewright.core.step.StepAttemptStatus.EXITED;
import static io.pipewright.core.step.StepAttemptStatus.LAUNCHED;
import static io.pipewright.core.step.StepAttemptStatus.PENDING_LAUNCH;
import static io.pipewright.core.step.StepAttemptStatus.TERMINATED;
import static io.pipewright.core.step.StepAttemptStatus.TERMINATING;

import io.pipewright.core.concurrency.PendingStep;
import io.pipewright.core.concurrency.SlotHolder;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.queue.RunPriority;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.core.step.StepAttemptStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.DoubleSupplier;

/**
 * Everything the daemon knows about one run's execution, and the decisions that follow: the pure
 * core of the run orchestrator.
 *
 * <p>It is fed two streams of facts, in the order they were read: the run's events ({@link
 * #apply(EventRecord)}: the worker's reports and the daemon's own decisions, read back), and the
 * launcher's reports ({@link #apply(AttemptStatus)}, {@link #launchResult}). {@link #decide} then
 * takes the run's status and the time and returns what to do: steps to launch (with dynamic fan-out
 * resolved into concrete {@code op[key]} steps), steps to skip, retries, attempts to stop, and the
 * run's end. It performs no I/O, reads no clock and starts no thread; tests drive it one cycle at a
 * time.
 *
 * <p><b>Restarts.</b> All it needs is in the event log and the launcher: a new daemon builds a
 * fresh view with {@link #start}, applies the run's events from the first, then the launcher's
 * statuses (a new watch replays them), and decides. Attempt numbers follow from the events, so a
 * launch the old daemon may or may not have made is repeated under the same {@link AttemptId} and
 * the launcher's idempotence absorbs it. Live attempts the launcher does not know ({@link
 * #liveAttempts()} minus its replay) should be reported as {@link AttemptFailureReason#LOST}.
 *
 * <p><b>Applying twice is harmless.</b> Events the view produced itself are applied when decided;
 * reading them back from the log later changes nothing. Observations that contradict what the view
 * already decided (a final event that arrives after the grace period) are kept out and listed in
 * {@link RunDecision#ignored()}.
 *
 * <p>Not thread-safe: one orchestrator loop owns each view. After the decision that ends the run,
 * {@link #decide} decides nothing more. Per cycle the work is proportional to the live attempts,
 * the ready steps and the steps the new facts touch, not to the size of the plan.
 */
public final class RunProgress {

  /**
   * Ready steps launch by the op's priority (higher first), then in the order they became ready.
   */
  private static final Comparator<StepNode> READY_ORDER =
      Comparator.comparingInt((StepNode n) -> -n.priority).thenComparingLong(n -> n.readySequence);

  private final String runId;
  private final OrchestrationSettings settings;
  private final RunGraph graph;
  private final RunFold fold;
  private final PriorityQueue<StepNode> ready = new PriorityQueue<>(READY_ORDER);
  private long readyCounter;
  private boolean ended;

  private RunProgress(
      String runId,
      ExecutionPlanSnapshot plan,
      Map<String, String> runTags,
      OrchestrationSettings settings) {
    this.runId = runId;
    this.settings = settings;
    this.graph = new RunGraph(plan, RunPriority.of(runTags));
    this.fold = new RunFold(runId, settings, graph);
  }

  /**
   * Starts the view of a run from its plan, before any event.
   *
   * @param runId the run's id
   * @param plan the run's execution plan (for a re-execution, only the steps it runs)
   * @param runTags the run's tags ({@code dagster/priority} orders its steps in pools)
   * @param settings the daemon's settings
   * @return the view
   * @throws IllegalArgumentException when the plan cannot be driven (a mapped step without its
   *     dynamic step, steps out of topological order), with the step and the problem
   */
  public static RunProgress start(
      String runId,
      ExecutionPlanSnapshot plan,
      Map<String, String> runTags,
      OrchestrationSettings settings) {
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("RunProgress needs a non-blank run id, got " + runId);
    }
    Objects.requireNonNull(plan, "plan: the run's execution plan must not be null");
    Objects.requireNonNull(runTags, "runTags: the run's tags must not be null");
    Objects.requireNonNull(settings, "settings: the orchestration settings must not be null");
    return new RunProgress(runId, plan, runTags, settings);
  }

  // ================================================================ facts

  /**
   * Applies one of the run's events. Events of other types than the step lifecycle's (logs,
   * materializations, run events) change nothing.
   *
   * @param event an event of this run, in log order
   * @throws IllegalArgumentException when the event belongs to another run
   */
  public void apply(EventRecord event) {
    fold.apply(event);
  }

  /**
   * Applies a status the launcher reported.
   *
   * @param status a status of one of this run's attempts
   * @throws IllegalArgumentException when the status belongs to another run
   */
  public void apply(AttemptStatus status) {
    fold.apply(status);
  }

  /**
   * Applies what {@link io.pipewright.core.launch.StepLauncher#launch} answered.
   *
   * @param attempt the attempt that was launched
   * @param result the launcher's answer
   * @param now when it answered
   */
  public void launchResult(AttemptId attempt, LaunchResult result, Instant now) {
    Objects.requireNonNull(result, "result must not be null");
    if (result.isLaunched()) {
      apply(AttemptStatus.pending(attempt, now));
    } else {
      apply(AttemptStatus.failed(attempt, now, result.reason(), null, result.message(), List.of()));
    }
  }

  /**
   * Gives a ready step the concurrency pool slot it asked for in {@link
   * RunDecision#slotRequests()}; the next {@link #decide} launches it.
   *
   * @param stepKey the step
   * @return false when the step no longer waits for a slot (it was skipped, or the run is ending)
   */
  public boolean grantSlot(String stepKey) {
    StepNode node = graph.node(stepKey);
    if (node == null || node.status != StepStatus.READY || node.pool == null) {
      return false;
    }
    node.slotGranted = true;
    fold.holdingSlots.add(node);
    return true;
  }

  // ================================================================ decisions

  /**
   * Decides one cycle.
   *
   * <ul>
   *   <li>{@code STARTING}: the run starts ({@code STARTED}, {@code RUN_START}) and its first steps
   *       launch.
   *   <li>{@code STARTED}: attempts whose grace period or start timeout ran out get their outcome;
   *       retries that are due become ready; steps whose upstream steps are done run or are
   *       skipped; ready steps launch (up to {@link OrchestrationSettings#maxConcurrentSteps()},
   *       pooled steps once granted a slot); when no step is left the run ends, {@code FAILURE} if
   *       any step failed, else {@code SUCCESS}.
   *   <li>{@code CANCELING}: nothing launches; every live attempt is stopped; the run ends {@code
   *       CANCELED} once none is live, or {@code FAILURE} when some would not stop within {@link
   *       OrchestrationSettings#terminateTimeout()}.
   *   <li>Any other status: nothing to decide.
   * </ul>
   *
   * @param runStatus the run's current status
   * @param now the current time
   * @param random uniform doubles in {@code [0, 1]}, for retry jitter
   * @return the decision; its events have been applied to this view already
   */
  public RunDecision decide(RunStatus runStatus, Instant now, DoubleSupplier random) {
    Objects.requireNonNull(runStatus, "runStatus must not be null");
    Objects.requireNonNull(now, "now must not be null");
    Objects.requireNonNull(random, "random must not be null");
    Cycle out = new Cycle(now);
    if (!ended) {
      switch (runStatus) {
        case STARTING -> {
          out.runStatus = RunStatus.STARTED;
          out.events.add(DaemonEvents.runStart(runId, graph.jobName(), now));
          decideStarted(out, random, false);
        }
        case STARTED -> decideStarted(out, random, true);
        case CANCELING -> decideCanceling(out);
        default -> {
          // QUEUED and NOT_STARTED belong to the queue, MANAGED to someone else; ended is ended.
        }
      }
    }
    out.ignored.addAll(fold.ignored);
    fold.ignored.clear();
    return out.toDecision();
  }

  private void decideStarted(Cycle out, DoubleSupplier random, boolean mayEnd) {
    Instant now = out.now;
    for (StepNode.Attempt attempt : List.copyOf(fold.live)) {
      if (attempt.status == EXITED) {
        if (now.isBefore(attempt.decideAt)) {
          out.wakeUp(attempt.decideAt);
        } else {
          Outcomes.decideExit(fold, out, attempt, random);
        }
      } else if (attempt.status == PENDING_LAUNCH || attempt.status == LAUNCHED) {
        Instant deadline = attempt.launchedAt.plus(settings.startTimeout());
        if (now.isBefore(deadline)) {
          out.wakeUp(deadline);
        } else {
          out.terminations.add(attempt.id);
          Outcomes.decideInfrastructure(
              fold,
              out,
              attempt,
              AttemptFailureReason.START_TIMEOUT,
              "it did not start running within " + settings.startTimeout() + ".");
        }
      }
    }
    for (StepNode node : List.copyOf(fold.waitingForRetry)) {
      if (now.isBefore(node.retryAt)) {
        out.wakeUp(node.retryAt);
      } else {
        fold.waitingForRetry.remove(node);
        makeReady(node, now);
      }
    }
    StepNode node;
    while ((node = graph.pollToDecide()) != null) {
      RunGraph.Resolution resolution = graph.resolve(node);
      if (resolution.skip()) {
        fold.skip(node, resolution.afterFailure(), resolution.reason());
        out.events.add(DaemonEvents.skipped(runId, node.key, now, resolution.reason()));
      } else {
        makeReady(node, now);
      }
    }
    for (StepNode.Attempt attempt : fold.live) {
      if (attempt.status == PENDING_LAUNCH && !attempt.launchIssued) {
        // Recorded by an earlier daemon that may not have launched it: launch again, same id.
        attempt.launchIssued = true;
        out.launches.add(launchOf(attempt));
      }
    }
    launchReady(out);
    if (graph.open() == 0 && fold.live.isEmpty()) {
      if (mayEnd) {
        end(out);
      } else {
        out.wakeUp(now); // A run goes STARTED before it may end: decide again at once.
      }
    }
  }

  private void makeReady(StepNode node, Instant now) {
    node.status = StepStatus.READY;
    node.readySince = now;
    node.readySequence = ++readyCounter;
    ready.add(node);
  }

  private void launchReady(Cycle out) {
    int limit = settings.maxConcurrentSteps();
    List<StepNode> waiting = new ArrayList<>();
    StepNode node;
    while ((node = ready.poll()) != null) {
      if (node.status != StepStatus.READY) {
        continue; // Stale: launched, skipped or adopted meanwhile.
      }
      if (limit > 0 && fold.live.size() >= limit) {
        waiting.add(node);
        break;
      }
      if (node.pool != null && !node.slotGranted) {
        waiting.add(node);
        out.slotRequests.add(
            new PendingStep(runId, node.key, node.pool, node.priority, node.readySince));
        continue;
      }
      launch(out, node);
    }
    for (StepNode back : waiting) {
      ready.add(back);
    }
  }

  private void launch(Cycle out, StepNode node) {
    StepNode.Attempt last = node.lastAttempt();
    int number = last == null ? 1 : last.number() + 1;
    StepNode.Attempt attempt = new StepNode.Attempt(node, number, node.nextOrigin, out.now, runId);
    attempt.launchIssued = true;
    node.attempts.add(attempt);
    fold.startAttempt(node, attempt);
    out.events.add(DaemonEvents.workerStarting(attempt.id, attempt.origin, out.now));
    out.launches.add(launchOf(attempt));
  }

  private StepLaunch launchOf(StepNode.Attempt attempt) {
    StepNode node = attempt.node;
    return new StepLaunch(
        attempt.id,
        node.template.nodeHandle(),
        node.mappingKey,
        attempt.origin,
        node.retriesUsed,
        node.pool,
        node.template.tags(),
        graph.mappings());
  }

  private void end(Cycle out) {
    ended = true;
    List<String> failed = graph.failedSteps();
    if (failed.isEmpty()) {
      out.runStatus = RunStatus.SUCCESS;
      out.events.add(DaemonEvents.runSuccess(runId, graph.jobName(), out.now));
    } else {
      String reason = "Steps failed: " + quoted(failed) + ".";
      out.runStatus = RunStatus.FAILURE;
      out.events.add(
          DaemonEvents.runFailure(runId, graph.jobName(), out.now, reason, List.copyOf(failed)));
    }
  }

  private void decideCanceling(Cycle out) {
    Instant now = out.now;
    List<StepNode.Attempt> overdue = new ArrayList<>();
    for (StepNode.Attempt attempt : List.copyOf(fold.live)) {
      switch (attempt.status) {
        case EXITED -> {
          // Its process is gone already: nothing to stop.
          attempt.moveTo(TERMINATED);
          fold.endAttempt(attempt);
          fold.toInterrupt.add(attempt);
        }
        case TERMINATING -> {
          if (attempt.terminateAgain) {
            attempt.terminateAgain = false;
            out.terminations.add(attempt.id);
          }
          Instant deadline = attempt.terminatingSince.plus(settings.terminateTimeout());
          if (now.isBefore(deadline)) {
            out.wakeUp(deadline);
          } else {
            overdue.add(attempt);
          }
        }
        default -> {
          attempt.moveTo(TERMINATING);
          attempt.terminatingSince = now;
          out.terminations.add(attempt.id);
          out.wakeUp(now.plus(settings.terminateTimeout()));
        }
      }
    }
    for (StepNode.Attempt attempt : fold.toInterrupt) {
      out.events.add(Outcomes.interrupted(attempt, now));
      fold.finish(attempt.node, StepStatus.FAILED);
    }
    fold.toInterrupt.clear();
    if (!overdue.isEmpty()) {
      ended = true;
      List<String> keys = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (StepNode.Attempt attempt : overdue) {
        keys.add(attempt.id.stepKey());
        ids.add(attempt.id.toString());
      }
      String reason =
          "Could not stop "
              + ids
              + " within "
              + settings.terminateTimeout()
              + " while canceling the run; they may still be running, check the launcher.";
      out.runStatus = RunStatus.FAILURE;
      out.events.add(DaemonEvents.runFailure(runId, graph.jobName(), now, reason, keys));
    } else if (fold.live.isEmpty()) {
      ended = true;
      out.runStatus = RunStatus.CANCELED;
      out.events.add(DaemonEvents.runCanceled(runId, graph.jobName(), now));
    }
  }

  // ================================================================ views

  /**
   * Returns the run's id.
   *
   * @return the id
   */
  public String runId() {
    return runId;
  }

  /**
   * Returns one concrete step.
   *
   * @param stepKey the step key ({@code op}, {@code op[key]})
   * @return the step, or empty when the run has no such step (yet: mapped instances appear once
   *     their dynamic step succeeded)
   */
  public Optional<StepView> step(String stepKey) {
    StepNode node = graph.node(stepKey);
    return node == null ? Optional.empty() : Optional.of(view(node));
  }

  /**
   * Returns every concrete step known so far, in creation order.
   *
   * @return the steps
   */
  public List<StepView> steps() {
    List<StepView> views = new ArrayList<>();
    for (StepNode node : graph.nodes()) {
      views.add(view(node));
    }
    return views;
  }

  private static StepView view(StepNode node) {
    List<StepAttemptStatus> attempts = new ArrayList<>(node.attempts.size());
    for (StepNode.Attempt attempt : node.attempts) {
      attempts.add(attempt.status);
    }
    return new StepView(
        node.key,
        node.status,
        attempts,
        node.retriesUsed,
        node.infrastructureRetriesUsed,
        node.retryAt,
        node.skipReason);
  }

  /**
   * Returns the attempts that are live (launching, running, exited without an outcome yet, being
   * stopped): after a restart, those the launcher's replay does not list are lost.
   *
   * @return the attempt ids
   */
  public List<AttemptId> liveAttempts() {
    List<AttemptId> ids = new ArrayList<>(fold.live.size());
    for (StepNode.Attempt attempt : fold.live) {
      ids.add(attempt.id);
    }
    return ids;
  }

  /**
   * Returns the steps that hold a concurrency pool slot (granted and not finished with their
   * attempt), for {@link io.pipewright.core.concurrency.ConcurrencyPools#allocate}.
   *
   * @return the holders
   */
  public List<SlotHolder> slotHolders() {
    List<SlotHolder> holders = new ArrayList<>(fold.holdingSlots.size());
    for (StepNode node : fold.holdingSlots) {
      holders.add(new SlotHolder(runId, node.key, node.pool));
    }
    return holders;
  }

  /**
   * Returns the mapping keys the run's dynamic steps produced: step key to output name to mapping
   * keys, for the workers' known state (Dagster's {@code KnownExecutionState.dynamic_mappings}).
   *
   * @return an unmodifiable map, in the order the steps succeeded
   */
  public Map<String, Map<String, List<String>>> dynamicMappings() {
    return graph.mappings();
  }

  /**
   * Returns the steps that failed, in the order they failed.
   *
   * @return the step keys
   */
  public List<String> failedSteps() {
    return List.copyOf(graph.failedSteps());
  }

  static String quoted(List<String> keys) {
    List<String> quoted = new ArrayList<>(keys.size());
    for (String key : keys) {
      quoted.add("\"" + key + "\"");
    }
    return "[" + String.join(", ", quoted) + "]";
  }
}
