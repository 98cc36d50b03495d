package io.pipewright.daemon.sensor;

import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickFilter;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.schedule.RunIds;
import io.pipewright.core.schedule.RunTags;
import io.pipewright.core.schedule.SensorTiming;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.DynamicPartitionsRequestSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.core.snapshot.TargetSnapshot;
import io.pipewright.daemon.schedule.CodeLocations;
import io.pipewright.daemon.schedule.InstigationLoop;
import io.pipewright.daemon.schedule.InstigationMetrics;
import io.pipewright.daemon.schedule.InstigationStores;
import io.pipewright.daemon.schedule.RunSpec;
import io.pipewright.daemon.schedule.RunSubmitter;
import io.pipewright.daemon.schedule.Scheduler;
import io.pipewright.daemon.schedule.TickHooks;
import io.pipewright.daemon.schedule.TickRunner;
import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * The sensor daemon (Dagster's SENSOR daemon): a thin shell around core's {@link SensorTiming}.
 * Each pass reads the sensors' states (one query) and hands every running sensor that is due to a
 * bounded pool of workers, without waiting: a slow or failing code location occupies only its own
 * sensors' workers, and a sensor whose tick runs longer than the timeout is interrupted. One tick
 * of a sensor at a time.
 *
 * <p>A tick: create it (STARTED), read the events the sensor reacts to, evaluate it over gRPC,
 * apply its dynamic-partition requests, drop the requests whose run key already produced a run of
 * this sensor, reserve the others' run ids on the tick together with the new cursor, advance the
 * sensor's cursor, create the runs (ids derived from the sensor and the run key, so that a key
 * creates one run ever), finish the tick. A daemon that takes over creates the reserved runs of
 * ticks a crashed one left STARTED.
 */
public final class SensorDaemon implements InstigationLoop.Cycle {

  private static final Logger LOG = Logger.getLogger(SensorDaemon.class);

  private record Running(String location, CodeLocationSnapshot snapshot, SensorSnapshot sensor) {
    InstigatorSelector selector() {
      return InstigatorSelector.of(location, sensor.name());
    }
  }

  private record InFlight(Future<?> future, Instant startedAt) {}

  private final InstigationStores stores;
  private final CodeLocations locations;
  private final TickRunner runner;
  private final SensorEvents events;
  private final SensorSettings settings;
  private final Clock clock;
  private final InstigationMetrics metrics;
  private final ExecutorService workers;
  private final Map<InstigatorSelector, InFlight> inFlight = new ConcurrentHashMap<>();

  /**
   * Creates the daemon.
   *
   * @param stores the stores
   * @param locations the code locations
   * @param settings the knobs
   * @param clock the time of decisions
   * @param metrics ticks and lag
   * @param hooks crash points (tests); {@link TickHooks#NONE}
   */
  public SensorDaemon(
      InstigationStores stores,
      CodeLocations locations,
      SensorSettings settings,
      Clock clock,
      InstigationMetrics metrics,
      TickHooks hooks) {
    this.stores = stores;
    this.locations = locations;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.runner =
        new TickRunner(
            stores,
            new RunSubmitter(stores, settings.storeTimeout()),
            metrics,
            hooks,
            clock,
            settings.storeTimeout());
    this.events = new SensorEvents(stores, settings.maxEvents(), settings.storeTimeout());
    this.workers =
        Executors.newFixedThreadPool(
            settings.workers(),
            r -> {
              Thread t = new Thread(r, "pipewright-sensor-worker");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public String daemonType() {
    return "SENSOR";
  }

  /** Creates the reserved runs of ticks a crashed daemon left STARTED, and ends them. */
  @Override
  public void takeOver(Instant now) {
    Instant after = now.minus(settings.resumeWindow());
    for (Running running : running(states())) {
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
        LOG.infof("Resuming tick %d of sensor %s", tick.id(), running.selector());
        resume(running, tick);
      }
    }
  }

  /**
   * Dispatches every due sensor to the workers.
   *
   * @param now the time of the pass
   * @return when the next pass is due
   */
  @Override
  public Instant run(Instant now) {
    reapTimedOut(now);
    Map<InstigatorSelector, InstigatorState> states = states();
    Instant next = now.plus(settings.interval());
    for (Running running : running(states)) {
      InstigatorSelector selector = running.selector();
      InstigatorState state = states.get(selector);
      Instant last = state == null ? null : state.lastTickTime();
      Instant due =
          SensorTiming.nextEvaluation(
              selector.toString(),
              last,
              running.sensor().minimumInterval(),
              settings.jitter(),
              now);
      if (due.isAfter(now)) {
        next = due.isBefore(next) ? due : next;
        continue;
      }
      if (inFlight.containsKey(selector)) {
        continue; // One tick per sensor at a time.
      }
      Instant dueAt = last == null ? now : due;
      // Registered before the worker starts, so that the worker's own removal cannot come first.
      synchronized (inFlight) {
        Future<?> future =
            workers.submit(
                () -> {
                  try {
                    tick(running, state, dueAt);
                  } catch (RuntimeException e) {
                    LOG.warnf(e, "The tick of sensor %s failed", selector);
                  } finally {
                    synchronized (inFlight) {
                      inFlight.remove(selector);
                    }
                  }
                });
        if (!future.isDone()) {
          inFlight.put(selector, new InFlight(future, now));
        }
      }
    }
    return next;
  }

  /** Interrupts ticks that run longer than the timeout; their sensors wait until they end. */
  private void reapTimedOut(Instant now) {
    inFlight.forEach(
        (selector, flight) -> {
          if (now.isAfter(flight.startedAt().plus(settings.timeout()))
              && !flight.future().isDone()) {
            LOG.warnf(
                "The tick of sensor %s runs longer than %s; interrupting it",
                selector, settings.timeout());
            flight.future().cancel(true);
          }
        });
  }

  /**
   * Tells how many sensor ticks are running (tests wait for them).
   *
   * @return the count
   */
  public int inFlight() {
    return inFlight.size();
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
            .states(null, InstigatorType.SENSOR)
            .await()
            .atMost(settings.storeTimeout())) {
      states.put(state.selector(), state);
    }
    return states;
  }

  private List<Running> running(Map<InstigatorSelector, InstigatorState> states) {
    List<Running> out = new ArrayList<>();
    for (String location : locations.names()) {
      Optional<CodeLocationSnapshot> snapshot = locations.snapshot(location);
      if (snapshot.isEmpty()) {
        continue;
      }
      for (SensorSnapshot sensor : snapshot.get().sensors()) {
        InstigatorState state = states.get(InstigatorSelector.of(location, sensor.name()));
        if (Scheduler.isRunning(state, sensor.defaultStatus())) {
          out.add(new Running(location, snapshot.get(), sensor));
        }
      }
    }
    return out;
  }

  /** One tick of one sensor, on a worker. */
  private void tick(Running running, InstigatorState previous, Instant dueAt) {
    InstigatorSelector selector = running.selector();
    Instant start = clock.instant();
    metrics.lag(InstigatorType.SENSOR, Duration.between(dueAt, start));
    Tick tick =
        stores
            .instigators()
            .startTick(selector, InstigatorType.SENSOR, start, null)
            .await()
            .atMost(settings.storeTimeout());
    runner.hooks().afterTickCreated(tick);
    // The evaluation time is the sensor's rhythm, whatever the tick's outcome.
    InstigatorState state =
        stores
            .instigators()
            .updateState(
                selector,
                InstigatorType.SENSOR,
                start,
                s -> s.afterTick(start, s.cursor(), s.lastRunKey(), start))
            .await()
            .atMost(settings.storeTimeout());
    Optional<CodeLocationClient> client = locations.client(running.location());
    if (client.isEmpty()) {
      return;
    }
    SensorSnapshot sensor = running.sensor();
    InstigatorEvaluation evaluation;
    try {
      SensorEvaluationRequest request =
          new SensorEvaluationRequest(
              sensor.name(),
              state.cursor(),
              previous == null ? null : previous.lastTickTime(),
              state.lastRunKey(),
              events.materializations(sensor, state.cursor()),
              events.runStatuses(sensor, state.cursor()),
              dynamicPartitions(running.snapshot()));
      evaluation = client.get().evaluateSensor(request);
    } catch (RuntimeException e) {
      runner.finish(tick.failure(TickRunner.unavailable(running.location(), e), clock.instant()));
      return;
    }
    if (evaluation.isFailure()) {
      runner.finish(tick.failure(evaluation.error(), clock.instant()));
      return;
    }
    applyDynamicPartitions(evaluation.dynamicPartitionRequests());
    String cursor = evaluation.cursor() != null ? evaluation.cursor() : state.cursor();
    List<RunRequestSnapshot> fresh = new ArrayList<>();
    List<String> runIds = new ArrayList<>();
    List<String> runKeys = new ArrayList<>();
    Set<String> existing = existingRuns(selector, evaluation.runRequests());
    List<String> skippedKeys = new ArrayList<>();
    for (RunRequestSnapshot request : evaluation.runRequests()) {
      String runId =
          request.runKey() == null
              ? RunIds.forSensorTick(selector, tick.id(), fresh.size())
              : RunIds.forSensorRunKey(selector, request.runKey());
      if (request.runKey() != null) {
        if (existing.contains(runId) || runIds.contains(runId)) {
          skippedKeys.add(request.runKey());
          continue;
        }
        runKeys.add(request.runKey());
      }
      fresh.add(request);
      runIds.add(runId);
    }
    String lastRunKey = runKeys.isEmpty() ? state.lastRunKey() : runKeys.get(runKeys.size() - 1);
    if (fresh.isEmpty()) {
      advanceCursor(selector, cursor, lastRunKey);
      String reason =
          !skippedKeys.isEmpty()
              ? "Run keys " + skippedKeys + " already requested runs of this sensor"
              : evaluation.skipReason() == null || evaluation.skipReason().isBlank()
                  ? "The sensor requested no runs"
                  : evaluation.skipReason();
      runner.finish(tick.reserve(List.of(), List.of(), cursor).skipped(reason, clock.instant()));
      return;
    }
    tick = runner.reserve(tick, fresh, runIds, runKeys, cursor);
    advanceCursor(selector, cursor, lastRunKey);
    submit(running, tick, fresh);
  }

  private void resume(Running running, Tick tick) {
    if (tick.reservedRunIds().isEmpty()) {
      // Interrupted before its runs were reserved: the sensor is evaluated again at its interval.
      runner.finish(
          tick.failure(
              ErrorSnapshot.of(
                  "io.pipewright.TickInterrupted",
                  "The daemon stopped during this evaluation; the sensor runs again at its next"
                      + " interval"),
              clock.instant()));
      return;
    }
    Optional<List<RunRequestSnapshot>> requests = runner.reservedRequests(tick);
    if (requests.isEmpty()) {
      runner.finish(
          tick.failure(
              ErrorSnapshot.of(
                  RunSubmitter.REJECTED,
                  "The run requests of this tick were lost before its runs were created"),
              clock.instant()));
      return;
    }
    submit(running, tick, requests.get());
  }

  private void submit(Running running, Tick tick, List<RunRequestSnapshot> requests) {
    Optional<CodeLocationClient> client = locations.client(running.location());
    if (client.isEmpty()) {
      return;
    }
    SensorSnapshot sensor = running.sensor();
    TargetSnapshot target = sensor.targets().isEmpty() ? null : sensor.targets().get(0);
    long tickId = tick.id();
    runner.submitReserved(
        tick,
        requests,
        client.get(),
        running.snapshot(),
        (runId, request) ->
            new RunSpec(
                runId,
                running.location(),
                target == null && request.jobName() == null
                    ? Scheduler.IMPLICIT_ASSET_JOB
                    : Scheduler.jobOf(request, target),
                request.runConfig(),
                tags(sensor, tickId, request),
                request.assetSelection(),
                request.partitionKey(),
                null),
        false);
  }

  private static Map<String, String> tags(
      SensorSnapshot sensor, long tickId, RunRequestSnapshot request) {
    Map<String, String> tags = new LinkedHashMap<>(request.tags());
    tags.put(RunTags.SENSOR_NAME, sensor.name());
    tags.put(RunTags.TICK, Long.toString(tickId));
    if (request.runKey() != null) {
      tags.put(RunTags.RUN_KEY, request.runKey());
    }
    if (request.partitionKey() != null) {
      tags.put(RunTags.PARTITION, request.partitionKey());
    }
    return tags;
  }

  /** The ids of the requests' keyed runs that exist already. */
  private Set<String> existingRuns(InstigatorSelector selector, List<RunRequestSnapshot> requests) {
    List<String> ids = new ArrayList<>();
    for (RunRequestSnapshot request : requests) {
      if (request.runKey() != null) {
        ids.add(RunIds.forSensorRunKey(selector, request.runKey()));
      }
    }
    Set<String> existing = new HashSet<>();
    if (ids.isEmpty()) {
      return existing;
    }
    for (Run run :
        stores
            .runs()
            .list(RunFilter.builder().runIds(ids).build(), null, ids.size())
            .await()
            .atMost(settings.storeTimeout())) {
      existing.add(run.runId());
    }
    return existing;
  }

  private void advanceCursor(InstigatorSelector selector, String cursor, String lastRunKey) {
    Instant now = clock.instant();
    stores
        .instigators()
        .updateState(
            selector,
            InstigatorType.SENSOR,
            now,
            s -> s.afterTick(s.lastTickTime(), cursor, lastRunKey, now))
        .await()
        .atMost(settings.storeTimeout());
  }

  private void applyDynamicPartitions(List<DynamicPartitionsRequestSnapshot> requests) {
    for (DynamicPartitionsRequestSnapshot request : requests) {
      if (request.action() == DynamicPartitionsRequestSnapshot.Action.ADD) {
        stores
            .dynamicPartitions()
            .add(request.partitionsName(), request.keys())
            .await()
            .atMost(settings.storeTimeout());
      } else {
        stores
            .dynamicPartitions()
            .delete(request.partitionsName(), request.keys())
            .await()
            .atMost(settings.storeTimeout());
      }
    }
  }

  /** The keys of the dynamic partitions the location's jobs use. */
  private Map<String, List<String>> dynamicPartitions(CodeLocationSnapshot snapshot) {
    Set<String> names = new HashSet<>();
    snapshot
        .jobs()
        .forEach(
            job -> {
              if (job.partitions() != null) {
                RunSubmitter.dynamicNames(job.partitions(), names);
              }
            });
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String name : names) {
      keys.put(name, stores.dynamicPartitions().keys(name).await().atMost(settings.storeTimeout()));
    }
    return keys;
  }
}
