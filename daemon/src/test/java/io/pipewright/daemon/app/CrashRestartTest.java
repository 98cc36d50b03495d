package io.pipewright.daemon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatusListener;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StatusWatch;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.logs.LogStream;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotKind;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.daemon.Daemon;
import io.pipewright.daemon.DaemonSettings;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.ingest.StdoutEventIngester;
import io.pipewright.daemon.launch.local.LocalLauncherSettings;
import io.pipewright.daemon.launch.local.LocalProcessStepLauncher;
import io.pipewright.daemon.launch.local.WorkerCommand;
import io.pipewright.daemon.leader.LeaderElection;
import io.pipewright.daemon.loop.DaemonLoop;
import io.pipewright.daemon.metrics.DaemonMetrics;
import io.pipewright.daemon.orchestrator.LaunchRequests;
import io.pipewright.daemon.testing.Plans;
import io.pipewright.protocol.mapping.PlanMapper;
import io.pipewright.storage.files.FileComputeLogStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A daemon that dies in the middle of a launch, and the daemon that replaces it, over PostgreSQL
 * and real worker processes: the run completes and no attempt runs twice.
 */
@QuarkusTest
@TestProfile(NoDaemonProfile.class)
class CrashRestartTest {

  @Inject RunStore runs;
  @Inject SnapshotStore snapshots;
  @Inject EventLog events;
  @Inject PoolStore pools;
  @Inject DaemonHeartbeatStore heartbeats;

  /** Where the daemon dies: before the launcher is called, or after it started the worker. */
  enum DeathPoint {
    BEFORE_LAUNCH,
    AFTER_LAUNCH
  }

  /** A launcher whose daemon dies (its thread blocks until killed) when launching one step. */
  static final class DyingLauncher implements StepLauncher {
    final StepLauncher delegate;
    final String step;
    final DeathPoint point;
    final CountDownLatch dying = new CountDownLatch(1);

    DyingLauncher(StepLauncher delegate, String step, DeathPoint point) {
      this.delegate = delegate;
      this.step = step;
      this.point = point;
    }

    @Override
    public CompletionStage<LaunchResult> launch(LaunchRequest request) {
      if (!request.attempt().stepKey().equals(step)) {
        return delegate.launch(request);
      }
      if (point == DeathPoint.AFTER_LAUNCH) {
        delegate.launch(request).toCompletableFuture().join();
      }
      dying.countDown();
      try {
        new CountDownLatch(1).await(); // Never returns: the daemon is dead.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the daemon was killed in the middle of a launch");
    }

    @Override
    public StatusWatch watch(AttemptStatusListener listener) {
      return delegate.watch(listener);
    }

    @Override
    public CompletionStage<Void> terminate(AttemptId attempt) {
      return delegate.terminate(attempt);
    }

    @Override
    public CompletionStage<Void> terminateRun(String runId) {
      return delegate.terminateRun(runId);
    }
  }

  private record Parts(Daemon daemon, LocalProcessStepLauncher launcher) {}

  private Parts daemon(Path dir, String id, java.util.function.UnaryOperator<StepLauncher> wrap) {
    DaemonStores stores = new DaemonStores(runs, snapshots, events, pools, heartbeats);
    FileComputeLogStore logs = new FileComputeLogStore(dir.resolve("logs"));
    StdoutEventIngester ingester =
        new StdoutEventIngester(events, Duration.ofMillis(50), Duration.ofSeconds(30));
    LocalProcessStepLauncher launcher =
        new LocalProcessStepLauncher(
            new LocalLauncherSettings(
                Map.of(
                    "fake",
                    new WorkerCommand(
                        WorkerCommand.split(FakeWorkerProfile.workerCommand()), null, Map.of())),
                dir.resolve("attempts"),
                Duration.ofSeconds(5),
                20,
                LocalLauncherSettings.DEFAULT_INHERITED_ENVIRONMENT,
                false),
            logs,
            ingester,
            Clock.systemUTC());
    DaemonSettings settings =
        DaemonSettings.defaults(id)
            .withOrchestration(
                io.pipewright.core.orchestration.OrchestrationSettings.builder()
                    .exitGracePeriod(Duration.ofSeconds(1))
                    .build());
    DaemonLoop loop =
        new DaemonLoop(
            stores,
            wrap.apply(launcher),
            new LaunchRequests(null, Duration.ofHours(1), null, null, Clock.systemUTC()),
            launcher::unavailable,
            settings,
            Clock.systemUTC(),
            () -> 0.5,
            DaemonMetrics.none());
    return new Parts(
        new Daemon(loop, LeaderElection.alone(), List.of(launcher, ingester)), launcher);
  }

  private String queue(ExecutionPlanSnapshot plan) {
    String runId = UUID.randomUUID().toString();
    String planId = "plan-" + runId;
    snapshots
        .put(planId, SnapshotKind.EXECUTION_PLAN, PlanMapper.toProto(plan).toByteArray())
        .await()
        .indefinitely();
    Instant now = Instant.now();
    runs.add(
            Run.builder(runId, plan.jobName(), "fake")
                .planSnapshotId(planId)
                .createTime(now)
                .build())
        .await()
        .indefinitely();
    events
        .append(
            List.of(
                new EventRecord(
                    runId,
                    null,
                    0,
                    0,
                    now,
                    DagsterEventType.RUN_ENQUEUED,
                    EventLevel.INFO,
                    "",
                    null)))
        .await()
        .indefinitely();
    runs.transition(runId, RunStatus.NOT_STARTED, RunStatus.QUEUED, now).await().indefinitely();
    return runId;
  }

  private RunStatus awaitEnd(String runId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      RunStatus status = runs.find(runId).await().indefinitely().orElseThrow().status();
      if (status.isTerminal()) {
        return status;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("Run " + runId + " did not end within 60 s");
  }

  private void crashAndRestart(DeathPoint point) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("target"), "crash-");
    String runId = queue(Plans.chain("job", "extract", "load"));
    Parts first = daemon(dir, "dying", l -> new DyingLauncher(l, "load", point));
    first.daemon().start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    // Wait until the first daemon is inside the launch of "load".
    while (System.nanoTime() < deadline
        && events.eventsForRun(runId, 0, 1000).await().indefinitely().events().stream()
            .noneMatch(
                e ->
                    "load".equals(e.event().stepKey())
                        && e.event().type() == DagsterEventType.STEP_WORKER_STARTING)) {
      Thread.sleep(50);
    }
    Thread.sleep(300);
    first.daemon().close(); // Its workers keep running, as when a process dies.

    Parts second = daemon(dir, "replacement", l -> l);
    second.daemon().start();
    try {
      assertThat(awaitEnd(runId)).isEqualTo(RunStatus.SUCCESS);
    } finally {
      second.daemon().close();
    }

    FileComputeLogStore logs = new FileComputeLogStore(dir.resolve("logs"));
    for (String step : List.of("extract", "load")) {
      AttemptId attempt = new AttemptId(runId, step, 1);
      assertThat(logs.tail(attempt, LogStream.STDERR, 50))
          .as("the workers of " + attempt)
          .filteredOn(line -> line.startsWith("fake worker: running"))
          .containsExactly("fake worker: running " + step + " attempt 1");
    }
    assertThat(logs.attempts(runId))
        .containsExactly(new AttemptId(runId, "extract", 1), new AttemptId(runId, "load", 1));
    List<EventRecord> all =
        events.eventsForRun(runId, 0, 1000).await().indefinitely().events().stream()
            .map(StoredEvent::event)
            .toList();
    assertThat(all)
        .filteredOn(e -> e.type() == DagsterEventType.STEP_WORKER_STARTING)
        .extracting(EventRecord::stepKey)
        .containsExactly("extract", "load");
  }

  @Test
  void shouldLaunchTheRecordedAttemptOnceWhenTheDaemonDiedBeforeLaunchingIt() throws Exception {
    crashAndRestart(DeathPoint.BEFORE_LAUNCH);
  }

  @Test
  void shouldNotLaunchAgainWhenTheDaemonDiedRightAfterLaunching() throws Exception {
    crashAndRestart(DeathPoint.AFTER_LAUNCH);
  }
}
