package io.pipewright.daemon.orchestrator;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.orchestration.OrchestrationSettings;
import io.pipewright.core.orchestration.RunDecision;
import io.pipewright.core.orchestration.RunProgress;
import io.pipewright.core.queue.ActiveRun;
import io.pipewright.core.run.Run;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.metrics.DaemonMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * The run orchestrator: a thin shell around core's {@link RunProgress}. For each run it drives it
 * reads the run's new events, applies the launcher's reports, asks {@link RunProgress#decide} what
 * to do ({@code RunDecider}), and carries the decision out in a fixed order: append the decision's
 * events (every launch is recorded as {@code STEP_WORKER_STARTING} before it happens), move the
 * run's status, then call the launcher ({@code StoredDecisions}).
 *
 * <p><b>Restarts.</b> Nothing lives only here. A new leader {@link #adopt}s every run in progress:
 * it rebuilds the view from the run's events, so attempts are numbered as before, and a launch the
 * old leader recorded but may not have made is made again under the same {@link AttemptId}, which
 * the launcher recognizes. Live attempts the launcher does not know after its replay are reported
 * {@link AttemptFailureReason#LOST}.
 *
 * <p><b>Pipelined appends.</b> A cycle sends its decisions' events and goes on without waiting for
 * them to be stored: news of other runs that arrives meanwhile is read and decided by the next
 * cycle, while the append is on its way (on PostgreSQL an append waits for the event log's group
 * commit, shared with the workers' ingests). A decision is carried out (status moves, launches)
 * only once its events are stored, by the first cycle after the answer; a run whose append is on
 * its way is not decided again until then, so each run's events are still appended in order and one
 * decision at a time. {@link #clear} waits for the appends on their way: a dropped view must not be
 * overtaken by one of its writes landing later. A big decision (a fan-out to 1,000 steps) is
 * appended in parts, one after another ({@link CommitParts}): each part is carried out once it is
 * stored, while the next part is appended.
 *
 * <p><b>Pipelined reads.</b> Reads of new events are sent the same way ({@link EventReads}): the
 * runs read are decided by the first cycle after the answer, and a run with a read on its way is
 * neither read again nor decided until then. Runs with other news only (launcher reports, a time
 * due) are decided at once.
 *
 * <p>Not thread-safe: the daemon's loop thread calls every method. Launch answers and answered
 * reads and appends come back through the callbacks given at construction, which must hand them to
 * that thread.
 */
public final class RunOrchestrator {

  /** Events per read. */
  private static final int PAGE = 1000;

  private final DaemonStores stores;
  private final StepLauncher launcher;
  private final PlanLoader plans;
  private final OrchestrationSettings settings;
  private final Clock clock;
  private final DaemonMetrics metrics;
  private final Duration timeout;
  private final BatchIo io;
  private final SlotQueue slots;
  private final StepTimes stepTimes;
  private final Map<String, RunState> runs = new LinkedHashMap<>();
  private final Set<RunState> dirty = new LinkedHashSet<>();

  /** Commits on their way (the parts of a cycle's appends), with the decisions they record. */
  private final CommitPipeline commits;

  /** Reads of new events on their way. */
  private final EventReads reads;

  private final Runnable storeAnswered;

  /** Decides each run. */
  private final RunDecider decider;

  /** Carries out the decisions stored. */
  private final StoredDecisions stored;

  /** Runs dropped lately (bounded), whose late notifications need no admission cycle. */
  private final Map<String, Boolean> recentlyEnded =
      new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > 10_000;
        }
      };

  private boolean capacityFreed;

  /**
   * Creates the orchestrator.
   *
   * @param stores the stores
   * @param launcher starts, watches and stops attempts
   * @param requests builds launch requests
   * @param unavailableLocation tells why a code location cannot run steps (gone, unknown), or empty
   *     when it can
   * @param settings the orchestration knobs
   * @param clock the time of decisions
   * @param random uniform doubles in [0, 1] for retry jitter
   * @param metrics the metrics
   * @param launchDone receives each launch's answer; must hand it to the loop thread ({@link
   *     #launchAnswered})
   * @param storeAnswered called (on any thread) when a read or a commit on its way was answered;
   *     must wake the loop thread, whose next {@link #cycle} decides the runs read, and carries out
   *     the decisions stored
   * @param timeout how long one store call may take
   */
  public RunOrchestrator(
      DaemonStores stores,
      StepLauncher launcher,
      LaunchRequests requests,
      Function<String, Optional<String>> unavailableLocation,
      OrchestrationSettings settings,
      Clock clock,
      DoubleSupplier random,
      DaemonMetrics metrics,
      BiConsumer<AttemptId, LaunchResult> launchDone,
      Runnable storeAnswered,
      Duration timeout) {
    this.stores = Objects.requireNonNull(stores, "stores must not be null");
    this.launcher = Objects.requireNonNull(launcher, "launcher must not be null");
    Objects.requireNonNull(unavailableLocation, "unavailableLocation");
    this.settings = Objects.requireNonNull(settings, "settings must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    Objects.requireNonNull(random, "random must not be null");
    this.metrics = Objects.requireNonNull(metrics, "metrics must not be null");
    StepLaunches launches =
        new StepLaunches(
            launcher,
            Objects.requireNonNull(requests, "requests must not be null"),
            metrics,
            Objects.requireNonNull(launchDone, "launchDone must not be null"));
    this.storeAnswered = Objects.requireNonNull(storeAnswered, "storeAnswered must not be null");
    this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
    this.plans = new PlanLoader(stores.snapshots(), timeout);
    this.io = new BatchIo(stores, timeout);
    this.reads = new EventReads(io, PAGE, storeAnswered);
    this.commits = new CommitPipeline(io, storeAnswered);
    this.slots = new SlotQueue(stores.pools(), timeout);
    this.stepTimes = new StepTimes(metrics);
    this.decider =
        new RunDecider(
            launcher,
            unavailableLocation,
            settings,
            clock,
            random,
            metrics,
            io,
            stepTimes,
            this::drop,
            () -> capacityFreed = true);
    this.stored =
        new StoredDecisions(runs, dirty, commits, launches, launcher, slots, metrics, this::drop);
  }

  // ================================================================ inputs

  /**
   * Starts driving a run: one just admitted (STARTING), or one in progress when this daemon takes
   * over. A run whose plan cannot be loaded or driven ends at once with the reason.
   *
   * @param run the run, as stored
   * @param takingOver whether this daemon takes over from another (then its live attempts are
   *     checked against the launcher's replay)
   */
  public void adopt(Run run, boolean takingOver) {
    if (runs.containsKey(run.runId()) || run.status().isTerminal()) {
      return;
    }
    ExecutionPlanSnapshot plan;
    RunProgress progress;
    try {
      plan = plans.load(run);
      progress = RunProgress.start(run.runId(), plan, run.tags(), settings);
    } catch (PlanLoader.PlanUnavailableException | IllegalArgumentException e) {
      decider.endUndrivable(run, e.getMessage());
      return;
    }
    RunState state = new RunState(run, plan, progress);
    state.reconcile = takingOver;
    runs.put(run.runId(), state);
    dirty.add(state);
    metrics.activeRuns(runs.size());
  }

  /**
   * The run's event log grew.
   *
   * @param runId the run
   * @param lastEventId the id of the newest event appended; a notification for events read already
   *     (several appends read in one go) changes nothing
   */
  public void eventsAppended(String runId, long lastEventId) {
    RunState state = runs.get(runId);
    if (state == null || (lastEventId > 0 && lastEventId <= state.cursor)) {
      return;
    }
    if (state.committing || state.reading) {
      // A commit or a read is on its way: whether this brings anything new is known once it is
      // answered ({@link StoredDecisions#carryOut}, {@link EventReads#takeAnswered}).
      state.notifiedMeanwhile.add(lastEventId);
      dirty.add(state);
      return;
    }
    if (state.isOwn(lastEventId)) {
      // This daemon's own append: notifications come one per append, in commit order, so any
      // other writer's events before it were notified already. Read them back later, with the
      // next read the run needs.
      return;
    }
    state.eventsPending = true;
    dirty.add(state);
  }

  /**
   * Tells whether a run ended here lately: notifications of its last events bring nothing.
   *
   * @param runId the run
   * @return true when this daemon ended it lately
   */
  public boolean endedRecently(String runId) {
    return recentlyEnded.containsKey(runId);
  }

  /**
   * The launcher reported a status.
   *
   * @param status the status
   */
  public void status(AttemptStatus status) {
    RunState state = runs.get(status.attempt().runId());
    if (state != null) {
      state.statuses.add(status);
      dirty.add(state);
    }
  }

  /**
   * The launcher answered a launch.
   *
   * @param attempt the attempt
   * @param result the answer
   */
  public void launchAnswered(AttemptId attempt, LaunchResult result) {
    RunState state = runs.get(attempt.runId());
    if (state != null) {
      state.answers.add(new RunState.LaunchAnswer(attempt, result, clock.instant()));
      dirty.add(state);
    }
  }

  /** Reads every run's events and row again: after a notification may have been lost. */
  public void resync() {
    for (RunState state : runs.values()) {
      state.eventsPending = true;
      state.reloadRun = true;
      dirty.add(state);
    }
  }

  /**
   * Tells whether a run is driven here.
   *
   * @param runId the run
   * @return true while it is
   */
  public boolean drives(String runId) {
    return runs.containsKey(runId);
  }

  /**
   * The runs in progress, for the queue's limits.
   *
   * @return the runs with their tags
   */
  public List<ActiveRun> activeRuns() {
    List<ActiveRun> active = new ArrayList<>(runs.size());
    for (RunState state : runs.values()) {
      active.add(new ActiveRun(state.runId(), state.run.tags()));
    }
    return active;
  }

  /**
   * Tells whether a run ended since the last call (the queue may admit more), and resets it.
   *
   * @return true when capacity was freed
   */
  public boolean takeCapacityFreed() {
    boolean freed = capacityFreed;
    capacityFreed = false;
    return freed;
  }

  /**
   * Forgets every run (leadership lost, a failed cycle, the loop closing); nothing more is written.
   * Waits first for the appends on their way (at most the store timeout), so that none of them
   * lands after the next owner of the runs read them; their decisions are not carried out (a launch
   * recorded and not made is made by whoever adopts the run next, under the same attempt id). The
   * reads on their way are dropped: they write nothing.
   */
  public void clear() {
    commits.awaitAll(timeout);
    commits.clear();
    reads.clear();
    runs.clear();
    recentlyEnded.clear();
    dirty.clear();
    slots.clear();
    stepTimes.clear();
    metrics.activeRuns(0);
  }

  // ================================================================ cycle

  /**
   * Drives every run that has news or a decision due, then gives out pool slots: carries out the
   * decisions stored, decides the runs read, sends reads for the runs with new events, and decides
   * at once the runs with other news (launcher reports, a time due).
   *
   * @param now the time of the decisions
   * @return when the next time-based decision falls due; null when none
   */
  public Instant cycle(Instant now) {
    stored.carryOutStored(now);
    for (RunState state : runs.values()) {
      if (state.wakeUpAt != null && !state.wakeUpAt.isAfter(now)) {
        dirty.add(state);
      }
    }
    List<RunState> read = takeRead();
    for (int pass = 0; pass < 3 && (!dirty.isEmpty() || !read.isEmpty()); pass++) {
      List<RunState> batch = new ArrayList<>(dirty.size() + read.size());
      for (RunState state : read) {
        if (runs.get(state.runId()) == state) {
          batch.add(state);
          dirty.remove(state);
        }
      }
      List<RunState> toRead = new ArrayList<>();
      for (RunState state : dirty) {
        if (runs.get(state.runId()) != state || state.reading) {
          continue; // Dropped, or decided once its read is answered.
        }
        if (state.committing) {
          state.deferred = true; // Driven once its append is answered.
        } else if (state.eventsPending) {
          toRead.add(state);
        } else {
          batch.add(state);
        }
      }
      dirty.clear();
      long t0 = System.nanoTime();
      reads.send(toRead);
      metrics.phase("read", System.nanoTime() - t0);
      drive(batch, now);
      read = takeRead(); // Answered at once (in memory): decided in this cycle.
      dirty.addAll(slots.allocate(runs));
    }
    dirty.addAll(read); // Read in the last pass: decided by the next cycle.
    Instant next = null;
    for (RunState state : runs.values()) {
      if (state.reading || state.committing) {
        continue; // Its answer wakes the loop; a time due then is seen (the loop must not spin).
      }
      if (state.wakeUpAt != null && (next == null || state.wakeUpAt.isBefore(next))) {
        next = state.wakeUpAt;
      }
    }
    return dirty.isEmpty() ? next : now;
  }

  /** Applies the reads answered so far; their runs are to be decided. */
  private List<RunState> takeRead() {
    long t0 = System.nanoTime();
    List<RunState> read = reads.takeAnswered();
    metrics.phase("read", System.nanoTime() - t0);
    return read;
  }

  /**
   * One cycle for a batch of runs whose new events are read, in phases so that the database sees a
   * few calls per cycle: read the rows that may have changed, decide each run, then send every
   * decision's events (in parts, {@link CommitParts}) followed by the status moves, without
   * waiting: the launcher is called once they are stored ({@link StoredDecisions#carryOutStored}).
   * Decisions with nothing to store are carried out at once.
   */
  private void drive(List<RunState> batch, Instant now) {
    if (batch.isEmpty()) {
      return;
    }
    long t1 = System.nanoTime();
    decider.reloadRows(batch);
    long t2 = System.nanoTime();
    metrics.phase("reload", t2 - t1);
    List<Decided> recorded = new ArrayList<>(batch.size());
    List<Decided> quiet = new ArrayList<>();
    for (RunState state : batch) {
      if (runs.get(state.runId()) != state) {
        continue; // Dropped while reloading.
      }
      RunDecision decision = decider.decide(state, now);
      if (decision == null) {
        continue;
      }
      if (decision.events().isEmpty()) {
        quiet.add(new Decided(state, decision, true)); // Nothing to store first.
      } else {
        recorded.add(new Decided(state, decision, true));
      }
    }
    long t3 = System.nanoTime();
    metrics.phase("decide", t3 - t2);
    if (!recorded.isEmpty()) {
      commits.send(recorded, now);
      metrics.phase("append", System.nanoTime() - t3);
    }
    if (!quiet.isEmpty()) {
      List<BatchIo.Move> moves = new ArrayList<>();
      for (Decided d : quiet) {
        if (d.decision().runStatus() != null) {
          moves.add(new BatchIo.Move(d.state(), d.decision().runStatus()));
        }
      }
      stored.carryOut(quiet, new BatchIo.Committed(List.of(), io.move(moves, now)), now);
    }
    stored.carryOutStored(now); // Answered at once (in memory): carried out in this cycle.
  }

  /**
   * Waits (at most the store timeout) until every read and append on its way is answered; failures
   * are left for {@link #cycle} to raise.
   */
  public void awaitStoreCalls() {
    reads.awaitAll(timeout);
    commits.awaitAll(timeout);
  }

  private void drop(RunState state) {
    runs.remove(state.runId());
    recentlyEnded.put(state.runId(), Boolean.TRUE);
    dirty.remove(state);
    slots.forget(state.runId());
    stepTimes.forget(state.runId());
    capacityFreed = true;
    metrics.activeRuns(runs.size());
  }

  /**
   * The runs driven now, for tests and health.
   *
   * @return their ids
   */
  public Collection<String> runIds() {
    return List.copyOf(runs.keySet());
  }
}
