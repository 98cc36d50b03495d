package io.pipewright.daemon.schedule;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.ScheduledTime;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickFilter;
import io.pipewright.core.instigation.TickStart;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.schedule.ScheduleTicks;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.DefaultStatus;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.TargetSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * The scheduler (Dagster's SCHEDULER daemon): a thin shell around core's {@link ScheduleTicks}.
 * Each pass reads every schedule's state (one query), and for every running schedule ticks the
 * scheduled times that are due, in order:
 *
 * <ol>
 *   <li>create the tick, unique by (schedule, scheduled time): when it exists, resume it;
 *   <li>evaluate the schedule over gRPC;
 *   <li>reserve the runs' ids on the tick (ids derived from the schedule and the time);
 *   <li>create the runs (QUEUED, tagged {@code dagster/schedule_name}, {@code dagster/tick});
 *   <li>finish the tick (SUCCESS, SKIPPED with the reason, FAILURE with the error), then move the
 *       schedule's checkpoint ({@code lastTickTime}) to the scheduled time.
 * </ol>
 *
 * A crash anywhere leaves either no tick (the time is still due), a STARTED tick (resumed), or a
 * finished tick with the checkpoint behind (found finished, the checkpoint moves on): no tick is
 * missed and no run is created twice. Schedules are ticked in parallel ({@code workers}); a slow
 * code location holds up only its own schedules' workers.
 */
public final class Scheduler implements InstigationLoop.Cycle {

  private static final Logger LOG = Logger.getLogger(Scheduler.class);

  /** The job that materializes an asset selection (the code location's implicit asset job). */
  public static final String IMPLICIT_ASSET_JOB = "__ASSET_JOB";

  private final InstigationStores stores;
  private final CodeLocations locations;
  private final TickRunner runner;
  private final SchedulerSettings settings;
  private final Clock clock;
  private final InstigationMetrics metrics;
  private final ExecutorService workers;
  private final ScheduleTimes times;
  private final ScheduleEvaluator evaluator;

  /**
   * Creates the scheduler.
   *
   * @param stores the stores
   * @param locations the code locations
   * @param settings the knobs
   * @param clock the time of decisions
   * @param metrics ticks and lag
   * @param hooks crash points (tests); {@link TickHooks#NONE}
   */
  public Scheduler(
      InstigationStores stores,
      CodeLocations locations,
      SchedulerSettings settings,
      Clock clock,
      InstigationMetrics metrics,
      TickHooks hooks) {
    this.stores = stores;
    this.locations = locations;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.times = new ScheduleTimes(settings.catchUp());
    this.runner =
        new TickRunner(
            stores,
            new RunSubmitter(stores, settings.storeTimeout()),
            metrics,
            hooks,
            clock,
            settings.storeTimeout());
    this.evaluator = new ScheduleEvaluator(locations, runner, settings, clock, metrics);
    this.workers =
        Executors.newFixedThreadPool(
            settings.workers(),
            r -> {
              Thread t = new Thread(r, "pipewright-scheduler-worker");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public String daemonType() {
    return "SCHEDULER";
  }

  /** Resumes the ticks a crashed daemon left STARTED. */
  @Override
  public void takeOver(Instant now) {
    Instant after = now.minus(settings.resumeWindow());
    List<Callable<Instant>> tasks = new ArrayList<>();
    for (RunningSchedule running : running()) {
      tasks.add(
          () -> {
            List<Tick> started =
                new ArrayList<>(
                    stores
                        .instigators()
                        .ticks(
                            running.selector(),
                            new TickFilter(Set.of(TickStatus.STARTED), after, null, 100))
                        .await()
                        .atMost(settings.storeTimeout()));
            started.sort(Comparator.comparing(Tick::id));
            for (Tick tick : started) {
              LOG.infof(
                  "Resuming tick %d of schedule %s (scheduled for %s)",
                  tick.id(), running.selector(), tick.scheduledTime());
              if (advance(running, tick) == TickRunner.Progress.RETRY_LATER) {
                break;
              }
            }
            return null;
          });
    }
    runAll(tasks);
  }

  /**
   * Ticks every running schedule's due times.
   *
   * @param now the time of the pass
   * @return when the next pass is due
   */
  @Override
  public Instant run(Instant now) {
    long startedAt = System.nanoTime();
    Map<InstigatorSelector, InstigatorState> states = states();
    long statesAt = System.nanoTime();
    // The due set, computed once for the pass on this thread: schedules that share a cron, a time
    // zone and a checkpoint (most of them) share one computation.
    ScheduleTimes.Pass dueSet = times.pass(now);
    List<Due> due = new ArrayList<>();
    List<RunningSchedule> firstSight = new ArrayList<>();
    Instant next = now.plus(settings.interval());
    for (RunningSchedule running : running(states)) {
      InstigatorState state = states.get(running.selector());
      Instant checkpoint = ScheduleTimes.checkpoint(state);
      if (checkpoint == null) {
        firstSight.add(running);
        continue;
      }
      List<Instant> times = dueSet.times(running, checkpoint);
      if (!times.isEmpty()) {
        due.add(new Due(running, times));
      }
      Instant after = dueSet.next(running);
      if (after != null && after.isBefore(next)) {
        next = after;
      }
    }
    // Earliest due first: their evaluations start first (the sort is stable, so schedules due at
    // the same time keep the code location's order).
    due.sort(Comparator.comparing(d -> d.times().get(0)));
    long dueAt = System.nanoTime();
    // Phase 1, in chunks, in two stages. Evaluate: one call creates a chunk's ticks, then its
    // schedules are evaluated; their reservations are only gathered. Reserve: one call stores a
    // chunk's run requests and one its reserved or finished ticks. The lag of a tick ends with its
    // evaluation's start, so every evaluation comes before any reservation's store round trips:
    // no schedule waits for another's bookkeeping, nor for any run. A crash between the stages
    // leaves STARTED ticks without reserved runs, evaluated again when resumed (as before).
    List<Callable<Evaluated>> evaluations = new ArrayList<>();
    for (int from = 0; from < due.size(); from += BATCH) {
      List<Due> chunk = due.subList(from, Math.min(due.size(), from + BATCH));
      evaluations.add(() -> evaluateChunk(chunk));
    }
    for (int from = 0; from < firstSight.size(); from += BATCH) {
      List<RunningSchedule> chunk =
          firstSight.subList(from, Math.min(firstSight.size(), from + BATCH));
      evaluations.add(
          () -> {
            chunk.forEach(r -> firstSight(r, now));
            return new Evaluated(List.of(), new TickRunner.Batch());
          });
    }
    boolean failed = false;
    List<Evaluated> evaluated = new ArrayList<>();
    for (Evaluated chunk : runAll(evaluations)) {
      if (chunk == null) {
        failed = true;
      } else {
        evaluated.add(chunk);
      }
    }
    long evaluatedAt = System.nanoTime();
    List<Callable<List<Phase>>> reservations = new ArrayList<>();
    for (Evaluated chunk : evaluated) {
      reservations.add(
          () -> {
            runner.store(chunk.batch());
            return chunk.phases();
          });
    }
    List<List<Phase>> reservedChunks = new ArrayList<>();
    for (List<Phase> chunk : runAll(reservations)) {
      if (chunk == null) {
        // Its ticks stay STARTED without reserved runs: the next pass evaluates them again.
        failed = true;
      } else {
        reservedChunks.add(chunk);
      }
    }
    long reservedAt = System.nanoTime();
    // Phase 2, per chunk: create the reserved runs, finish the ticks (one call), move the
    // checkpoints.
    List<Callable<Instant>> submissions = new ArrayList<>();
    for (List<Phase> chunk : reservedChunks) {
      List<Phase> work = new ArrayList<>();
      for (Phase phase : chunk) {
        if (!phase.reserved().isEmpty() || !phase.done().isEmpty()) {
          work.add(phase);
        } else if (phase.retry()) {
          failed = true;
        }
      }
      if (!work.isEmpty()) {
        submissions.add(() -> submitChunk(work));
      }
    }
    for (Instant at : runAll(submissions)) {
      if (at == null) {
        continue;
      }
      if (at.isBefore(next)) {
        next = at;
      }
    }
    if (!due.isEmpty()) {
      LOG.debugf(
          "Scheduler pass at %s: %d schedules due; states read in %d ms, due set in %d ms,"
              + " evaluated in %d ms, reserved in %d ms, runs created in %d ms",
          now,
          due.size(),
          millis(startedAt, statesAt),
          millis(statesAt, dueAt),
          millis(dueAt, evaluatedAt),
          millis(evaluatedAt, reservedAt),
          millis(reservedAt, System.nanoTime()));
    }
    if (failed) {
      Instant retry = clock.instant().plus(settings.retryDelay());
      if (retry.isBefore(next)) {
        next = retry;
      }
    }
    return next;
  }

  /** How many schedules' ticks one store call creates, and one call reserves. */
  static final int BATCH = 50;

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  /** A chunk after its evaluations: each schedule's phase, and the reservations to store. */
  private record Evaluated(List<Phase> phases, TickRunner.Batch batch) {}

  /** A running schedule and its times due in this pass, in order. */
  private record Due(RunningSchedule running, List<Instant> times) {}

  /**
   * One schedule after phase 1: in scheduled order, ticks finished already (their times) and ticks
   * reserved; whether its location asked to retry.
   */
  private record Phase(
      RunningSchedule running,
      List<Instant> done,
      List<ScheduleEvaluator.Reserved> reserved,
      boolean retry) {}

  /** Phase 1 of a chunk of schedules: their ticks created at once, evaluated; not reserved yet. */
  private Evaluated evaluateChunk(List<Due> chunk) {
    List<ScheduledTime> times = new ArrayList<>();
    for (Due d : chunk) {
      for (Instant t : d.times()) {
        times.add(new ScheduledTime(d.running().selector(), t));
      }
    }
    List<TickStart> starts =
        stores
            .instigators()
            .startTicks(InstigatorType.SCHEDULE, clock.instant(), times)
            .await()
            .atMost(settings.storeTimeout());
    for (TickStart start : starts) {
      start
          .tick()
          .filter(t -> !t.status().isTerminal())
          .ifPresent(runner.hooks()::afterTickCreated);
    }
    TickRunner.Batch batch = new TickRunner.Batch();
    TickSink sink = TickSink.batched(batch);
    List<Phase> phases = new ArrayList<>(chunk.size());
    int at = 0;
    for (Due d : chunk) {
      List<TickStart> mine = starts.subList(at, at + d.times().size());
      at += d.times().size();
      phases.add(evaluate(d.running(), mine, sink));
    }
    return new Evaluated(phases, batch);
  }

  /** Phase 1 of one schedule, its ticks started. */
  private Phase evaluate(RunningSchedule running, List<TickStart> starts, TickSink sink) {
    List<Instant> done = new ArrayList<>();
    List<ScheduleEvaluator.Reserved> reserved = new ArrayList<>();
    for (TickStart start : starts) {
      Instant scheduledTime = start.time().scheduledTime();
      Object step =
          start.tick().isEmpty() || start.tick().get().status().isTerminal()
              ? TickRunner.Progress.FINISHED
              : evaluator.evaluateAndReserve(running, start.tick().get(), sink);
      if (step == TickRunner.Progress.RETRY_LATER) {
        // Its later ticks stay STARTED: the next pass finds and resumes them.
        return new Phase(running, done, reserved, true);
      }
      if (step instanceof ScheduleEvaluator.Reserved r) {
        reserved.add(r);
      } else if (reserved.isEmpty()) {
        done.add(scheduledTime);
      } else {
        // Finished after a reserved one: the checkpoint moves once that one is finished.
        reserved.add(new ScheduleEvaluator.Reserved(null, List.of(), scheduledTime));
      }
    }
    return new Phase(running, done, reserved, false);
  }

  /**
   * Phase 2 of a chunk: each schedule's reserved runs created, in order; then every finished tick
   * stored with one call; then each schedule's checkpoint moved to its latest finished time. A
   * crash before the ticks are stored leaves them reserved (resumed: their runs are found by their
   * ids); a crash before a checkpoint leaves finished ticks behind it (found finished, it moves
   * on).
   *
   * @return when to retry (a location did not answer), or null
   */
  private Instant submitChunk(List<Phase> phases) {
    List<Tick> finished = new ArrayList<>();
    Map<InstigatorSelector, Instant> checkpoints = new LinkedHashMap<>();
    Set<String> storedSnapshots = new HashSet<>();
    boolean waiting = false;
    for (Phase phase : phases) {
      Instant last = phase.done().isEmpty() ? null : phase.done().get(phase.done().size() - 1);
      boolean retry = phase.retry();
      for (ScheduleEvaluator.Reserved r : phase.reserved()) {
        if (r.tick() != null) {
          Optional<Tick> done =
              createRuns(phase.running(), r.tick(), r.requests(), storedSnapshots);
          if (done.isEmpty()) {
            retry = true;
            break;
          }
          finished.add(done.get());
        }
        last = r.scheduledTime();
      }
      waiting |= retry;
      if (last != null) {
        checkpoints.put(phase.running().selector(), last);
      }
    }
    runner.finishAll(finished);
    stores
        .instigators()
        .advanceCheckpoints(InstigatorType.SCHEDULE, checkpoints, clock.instant())
        .await()
        .atMost(settings.storeTimeout());
    return waiting ? clock.instant().plus(settings.retryDelay()) : null;
  }

  /** First sight of a running schedule: it ticks from now on, without catching up on the past. */
  private void firstSight(RunningSchedule running, Instant now) {
    stores
        .instigators()
        .updateState(
            running.selector(),
            InstigatorType.SCHEDULE,
            now,
            s -> s.lastTickTime() != null ? s : s.afterTick(now, s.cursor(), s.lastRunKey(), now))
        .await()
        .atMost(settings.storeTimeout());
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  private Map<InstigatorSelector, InstigatorState> states() {
    Map<InstigatorSelector, InstigatorState> states = new HashMap<>();
    for (InstigatorState state :
        stores
            .instigators()
            .states(null, InstigatorType.SCHEDULE)
            .await()
            .atMost(settings.storeTimeout())) {
      states.put(state.selector(), state);
    }
    return states;
  }

  private List<RunningSchedule> running() {
    return running(states());
  }

  private List<RunningSchedule> running(Map<InstigatorSelector, InstigatorState> states) {
    List<RunningSchedule> out = new ArrayList<>();
    for (String location : locations.names()) {
      Optional<CodeLocationSnapshot> snapshot = locations.snapshot(location);
      if (snapshot.isEmpty()) {
        continue;
      }
      for (ScheduleSnapshot schedule : snapshot.get().schedules()) {
        InstigatorState state = states.get(InstigatorSelector.of(location, schedule.name()));
        if (isRunning(state, schedule.defaultStatus())) {
          out.add(new RunningSchedule(location, snapshot.get(), schedule));
        }
      }
    }
    return out;
  }

  /**
   * Tells whether an instigator runs: as stored, or as its code declares when nothing is stored.
   *
   * @param state the stored state, or null
   * @param declared the default status in code
   * @return true when the daemon ticks it
   */
  public static boolean isRunning(InstigatorState state, DefaultStatus declared) {
    if (state == null || state.status() == InstigatorStatus.DECLARED_IN_CODE) {
      return declared == DefaultStatus.RUNNING;
    }
    return state.status() == InstigatorStatus.RUNNING;
  }

  /** Evaluates a started tick (unless its runs are reserved), creates its runs, finishes it. */
  private TickRunner.Progress advance(RunningSchedule running, Tick tick) {
    Object step = evaluator.evaluateAndReserve(running, tick, TickSink.immediate(runner));
    if (step instanceof ScheduleEvaluator.Reserved r) {
      return submitTick(running, r.tick(), r.requests());
    }
    return (TickRunner.Progress) step;
  }

  /** Creates a reserved tick's runs; the tick finished, not stored, or empty to retry later. */
  private Optional<Tick> createRuns(
      RunningSchedule running,
      Tick tick,
      List<RunRequestSnapshot> requests,
      Set<String> storedSnapshots) {
    TickRuns runs = tickRuns(running, tick);
    if (runs == null) {
      return Optional.empty();
    }
    return runner.createRuns(
        tick,
        requests,
        runs.client(),
        running.snapshot(),
        runs.specs(),
        runs.withinGrace(),
        storedSnapshots);
  }

  /** Creates a reserved tick's runs and finishes it. */
  private TickRunner.Progress submitTick(
      RunningSchedule running, Tick tick, List<RunRequestSnapshot> requests) {
    TickRuns runs = tickRuns(running, tick);
    if (runs == null) {
      return TickRunner.Progress.RETRY_LATER;
    }
    return runner.submitReserved(
        tick, requests, runs.client(), running.snapshot(), runs.specs(), runs.withinGrace());
  }

  /** What creating a reserved tick's runs needs from its code location and its tick. */
  private record TickRuns(
      CodeLocationClient client,
      boolean withinGrace,
      BiFunction<String, RunRequestSnapshot, RunSpec> specs) {}

  /** The tick's {@link TickRuns}, or null while its code location is not loaded. */
  private TickRuns tickRuns(RunningSchedule running, Tick tick) {
    Optional<CodeLocationClient> client = locations.client(running.location());
    if (client.isEmpty()) {
      return null;
    }
    Instant scheduledTime = tick.scheduledTime();
    long tickId = tick.id();
    return new TickRuns(
        client.get(),
        clock.instant().isBefore(scheduledTime.plus(settings.unavailableGrace())),
        (runId, request) -> running.runSpec(tickId, scheduledTime, runId, request));
  }

  /**
   * Runs tasks on the workers, in order; a task that failed (logged) yields null.
   *
   * @param tasks the tasks
   * @return their results, in order
   */
  private <T> List<T> runAll(List<Callable<T>> tasks) {
    List<T> out = new ArrayList<>(tasks.size());
    List<Future<T>> futures;
    try {
      futures = workers.invokeAll(tasks);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return out;
    }
    for (Future<T> future : futures) {
      try {
        out.add(future.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return out;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          throw error; // A crash (tests), or the JVM in trouble: nothing more is written.
        }
        LOG.warnf(e.getCause(), "A schedule's pass failed; it is tried again shortly");
        out.add(null);
      }
    }
    return out;
  }

  /**
   * The job a request runs: its own, else the target's (an asset selection runs in the implicit
   * asset job).
   *
   * @param request the request
   * @param target the instigator's target
   * @return the job's name
   */
  public static String jobOf(RunRequestSnapshot request, TargetSnapshot target) {
    if (request.jobName() != null) {
      return request.jobName();
    }
    return target instanceof TargetSnapshot.Job job ? job.jobName() : IMPLICIT_ASSET_JOB;
  }
}
