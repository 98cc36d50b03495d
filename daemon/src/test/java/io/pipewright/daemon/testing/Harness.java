package io.pipewright.daemon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.orchestration.OrchestrationSettings;
import io.pipewright.core.queue.RunQueueLimits;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.SnapshotKind;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.daemon.DaemonSettings;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.loop.DaemonLoop;
import io.pipewright.daemon.metrics.DaemonMetrics;
import io.pipewright.daemon.orchestrator.LaunchRequests;
import io.pipewright.protocol.mapping.PlanMapper;
import io.pipewright.storage.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * One daemon over in-memory storage and fake workers, stepped by hand under a fake clock. A second
 * {@link #restart()}ed loop over the same storage and launcher plays the daemon after a crash.
 */
public final class Harness {

  public final TestClock clock = new TestClock();
  public final InMemoryStorage storage = new InMemoryStorage();
  public final DaemonStores stores =
      new DaemonStores(
          storage.runs(),
          storage.snapshots(),
          storage.events(),
          storage.pools(),
          storage.heartbeats());
  public final FakeWorkers workers = new FakeWorkers(storage.events(), clock);
  public final DaemonMetrics metrics = DaemonMetrics.none();
  private DaemonSettings settings;
  private Set<String> knownLocations = Set.of("etl");
  public DaemonLoop loop;

  /** A harness with default settings and a leading loop. */
  public Harness() {
    this(RunQueueLimits.DEFAULT, OrchestrationSettings.DEFAULTS);
  }

  /**
   * A harness with the given limits and a leading loop.
   *
   * @param limits the queue's limits
   * @param orchestration the orchestration settings
   */
  public Harness(RunQueueLimits limits, OrchestrationSettings orchestration) {
    settings =
        DaemonSettings.defaults("daemon-1")
            .withQueueLimits(limits)
            .withOrchestration(orchestration);
    loop = newLoop();
    loop.leading(true);
  }

  private DaemonLoop newLoop() {
    return new DaemonLoop(
        stores,
        workers,
        new LaunchRequests(null, Duration.ofHours(1), null, null, clock),
        location ->
            knownLocations.contains(location)
                ? Optional.empty()
                : Optional.of("Code location '" + location + "' is gone."),
        settings,
        clock,
        () -> 0.5,
        metrics);
  }

  /**
   * A second loop over other stores (usually wrappers of this harness's) and this harness's
   * workers, on the system clock, for tests that run a loop on its own thread. Not leading yet.
   *
   * @param stores the stores it uses
   * @param metrics where its metrics go
   * @return the loop
   */
  public DaemonLoop realTimeLoop(DaemonStores stores, DaemonMetrics metrics) {
    return new DaemonLoop(
        stores,
        workers,
        new LaunchRequests(null, Duration.ofHours(1), null, null, Clock.systemUTC()),
        location -> Optional.empty(),
        DaemonSettings.defaults("daemon-1"),
        Clock.systemUTC(),
        () -> 0.5,
        metrics);
  }

  /**
   * A {@link #realTimeLoop} over this harness's stores with another event log (usually a wrapper of
   * this harness's), started and leading.
   *
   * @param events the event log it uses
   * @return the loop
   */
  public DaemonLoop leadingLoopOver(EventLog events) {
    DaemonStores over =
        new DaemonStores(
            stores.runs(), stores.snapshots(), events, stores.pools(), stores.heartbeats());
    DaemonLoop started = realTimeLoop(over, DaemonMetrics.none());
    started.start();
    started.leading(true);
    return started;
  }

  /** The attempts launched so far through this harness's workers, in launch order. */
  public List<AttemptId> launched() {
    return workers.platform().launched().stream().map(LaunchRequest::attempt).toList();
  }

  /**
   * Waits until {@code done} holds, failing with {@code what} after {@code within}.
   *
   * @param within how long to wait at most
   * @param what what is awaited, for the failure's message
   * @param done whether it happened
   * @throws InterruptedException when interrupted while waiting
   */
  public static void await(Duration within, String what, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /**
   * Replaces the loop with a new one over the same storage and launcher, as a restarted daemon.
   *
   * @return the new loop, leading
   */
  public DaemonLoop restart() {
    loop = newLoop();
    loop.leading(true);
    return loop;
  }

  /**
   * Queues a run of a plan, as the webserver's launch does.
   *
   * @param plan the plan
   * @return the run's id
   */
  public String queue(ExecutionPlanSnapshot plan) {
    return queue(plan, "etl", Map.of());
  }

  /**
   * Queues a run.
   *
   * @param plan the plan; null for a run without a stored plan
   * @param location the code location
   * @param tags the run's tags
   * @return the run's id
   */
  public String queue(ExecutionPlanSnapshot plan, String location, Map<String, String> tags) {
    String runId = UUID.randomUUID().toString();
    String planId = null;
    if (plan != null) {
      planId = "plan-" + runId;
      stores
          .snapshots()
          .put(planId, SnapshotKind.EXECUTION_PLAN, PlanMapper.toProto(plan).toByteArray())
          .await()
          .indefinitely();
    }
    Run run =
        Run.builder(runId, plan == null ? "job" : plan.jobName(), location)
            .tags(tags)
            .planSnapshotId(planId)
            .createTime(clock.instant())
            .build();
    stores.runs().add(run).await().indefinitely();
    appendEnqueued(runId);
    moveToQueued(runId);
    return runId;
  }

  /** Appends a run's {@code RUN_ENQUEUED}, as the webserver's launch does. */
  private void appendEnqueued(String runId) {
    stores
        .events()
        .append(
            List.of(
                new EventRecord(
                    runId,
                    null,
                    0,
                    0,
                    clock.instant(),
                    DagsterEventType.RUN_ENQUEUED,
                    EventLevel.INFO,
                    "",
                    null)))
        .await()
        .indefinitely();
  }

  /**
   * Creates a run and appends its {@code RUN_ENQUEUED}, leaving it NOT_STARTED: the first half of
   * the webserver's launch, whose second half is {@link #moveToQueued}.
   *
   * @param plan the plan
   * @return the run's id
   */
  public String enqueueWithoutQueuing(ExecutionPlanSnapshot plan) {
    String runId = UUID.randomUUID().toString();
    String planId = "plan-" + runId;
    stores
        .snapshots()
        .put(planId, SnapshotKind.EXECUTION_PLAN, PlanMapper.toProto(plan).toByteArray())
        .await()
        .indefinitely();
    stores
        .runs()
        .add(
            Run.builder(runId, plan.jobName(), "etl")
                .planSnapshotId(planId)
                .createTime(clock.instant())
                .build())
        .await()
        .indefinitely();
    appendEnqueued(runId);
    return runId;
  }

  /**
   * Moves a NOT_STARTED run to QUEUED, as the webserver's launch does after {@code RUN_ENQUEUED}.
   *
   * @param runId the run
   */
  public void moveToQueued(String runId) {
    stores
        .runs()
        .transition(runId, RunStatus.NOT_STARTED, RunStatus.QUEUED, clock.instant())
        .await()
        .indefinitely();
  }

  /**
   * Requests the cancel of a run, as the webserver's terminate does.
   *
   * @param runId the run
   */
  public void cancel(String runId) {
    RunStatus status = run(runId).status();
    stores
        .runs()
        .transition(runId, status, RunStatus.CANCELING, clock.instant())
        .await()
        .indefinitely();
    stores
        .events()
        .append(
            List.of(
                new EventRecord(
                    runId,
                    null,
                    0,
                    0,
                    clock.instant(),
                    DagsterEventType.RUN_CANCELING,
                    EventLevel.INFO,
                    "Sending run termination request.",
                    null)))
        .await()
        .indefinitely();
  }

  /**
   * Reads a run.
   *
   * @param runId the run
   * @return the run as stored
   */
  public Run run(String runId) {
    return stores.runs().find(runId).await().indefinitely().orElseThrow();
  }

  /**
   * Reads a run's events.
   *
   * @param runId the run
   * @return its events, oldest first
   */
  public List<EventRecord> events(String runId) {
    List<EventRecord> events = new ArrayList<>();
    for (StoredEvent stored :
        stores.events().eventsForRun(runId, 0, 10_000).await().indefinitely().events()) {
      events.add(stored.event());
    }
    return events;
  }

  /**
   * The types of a run's events, in order.
   *
   * @param runId the run
   * @return the types
   */
  public List<DagsterEventType> types(String runId) {
    return events(runId).stream().map(EventRecord::type).toList();
  }

  /**
   * Steps the loop until it is idle.
   *
   * @return this
   */
  public Harness settle() {
    loop.runUntilIdle();
    return this;
  }

  /**
   * Moves the clock and steps the loop until idle.
   *
   * @param by how far
   * @return this
   */
  public Harness advance(Duration by) {
    clock.advance(by);
    return settle();
  }

  /**
   * Sets which code locations exist.
   *
   * @param locations their names
   */
  public void knownLocations(Set<String> locations) {
    this.knownLocations = locations;
  }
}
