package io.pipewright.executor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.AttemptStatus.Phase;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StatusRecorder;
import io.pipewright.executor.k8s.internal.ApiStats;
import io.pipewright.executor.k8s.internal.ApiStats.Verb;
import io.pipewright.executor.k8s.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A launcher that restarts (a new instance over the same API server, as a daemon that crashed or
 * took the lead again makes) and is asked again for an attempt an earlier instance created: its pod
 * is adopted when it exists; when someone deleted it meanwhile, it is created again only when the
 * attempt's worker never reported ({@code RelaunchRule}), never when it did. Against the mock API
 * server in CRUD mode and the test kubelet; the {@link AttemptHistory} is a set the test fills as
 * the event log would be filled by the worker's first report.
 */
class K8sStepLauncherRestartTest {

  private static final String NS = "restart";
  private static final Duration WAIT = LauncherCluster.WAIT;

  private static LauncherCluster k8s;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final String instance = "r" + UUID.randomUUID().toString().substring(0, 8);
  private final Set<AttemptId> reported = ConcurrentHashMap.newKeySet();
  // Each question to the history, with whether the attempt's pod existed when it was asked.
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private Instant runStartedAt;
  private SimpleMeterRegistry registry;

  @BeforeAll
  static void startCluster() {
    k8s = LauncherCluster.start(NS);
  }

  @AfterAll
  static void stopCluster() {
    k8s.close();
  }

  @AfterEach
  void closeLaunchers() {
    k8s.closeLaunchers(instance);
  }

  private final AttemptHistory history =
      attempt -> {
        asked.add(
            attempt.stepKey() + (k8s.pod(attempt) == null ? ": pod absent" : ": pod present"));
        return reported.contains(attempt);
      };

  private K8sStepLauncher launcher(boolean withHistory) throws Exception {
    K8sExecutorSettings settings =
        k8s.settings(instance).reevaluateEvery(Duration.ofMinutes(10)).build();
    registry = new SimpleMeterRegistry();
    K8sStepLauncher.Builder builder =
        K8sStepLauncher.builder(k8s.client(), settings)
            .runs(
                runId ->
                    Optional.of(
                        RunLookup.RunInfo.active("etl", Map.of()).withStartedAt(runStartedAt)))
            .meterRegistry(registry)
            .clock(clock);
    if (withHistory) {
      builder.attemptHistory(history);
    }
    return k8s.start(builder);
  }

  /** The first launcher: the run starts under it, it creates the pod and dies. */
  private AttemptId createdByAnEarlierLauncher(String step) throws Exception {
    K8sStepLauncher first = launcher(true);
    clock.advance(Duration.ofSeconds(1));
    runStartedAt = clock.instant();
    AttemptId id = new AttemptId(UUID.randomUUID().toString(), step, 1);
    assertThat(launch(first, id)).isEqualTo(LaunchResult.launched());
    assertThat(first.engine().apiStats().of(Verb.GET).calls())
        .as("a run that started under this launcher is not checked")
        .isZero();
    k8s.awaitPod(id, true);
    first.close(); // Its memory of the attempt goes with it.
    clock.advance(Duration.ofSeconds(1));
    return id;
  }

  private static LaunchRequest request(AttemptId id) {
    return LaunchRequest.builder(id, "etl")
        .image("registry.example.com/etl:1")
        .command(List.of("sleep", "30"))
        .build();
  }

  private static LaunchResult launch(K8sStepLauncher launcher, AttemptId id) {
    return launcher.launch(request(id)).toCompletableFuture().join();
  }

  private static void deletePod(AttemptId id) throws InterruptedException {
    k8s.client()
        .pods()
        .inNamespace(NS)
        .withName(LauncherCluster.podName(id))
        .withGracePeriod(0)
        .delete();
    k8s.awaitPod(id, false);
  }

  private double relaunches(String verdict) {
    Counter counter = registry.find("pipewright.k8s.relaunches").tag("verdict", verdict).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void shouldNotCreateThePodAgainWhenItsWorkerReportedAndItWasDeletedWhileNoLauncherRan()
      throws Exception {
    AttemptId id = createdByAnEarlierLauncher("extract");
    reported.add(id); // The worker's STEP_WORKER_STARTED was stored: the step's code may have run.
    deletePod(id);
    K8sStepLauncher restarted = launcher(true);
    StatusRecorder statuses = new StatusRecorder();
    restarted.watch(statuses);

    LaunchResult result = launch(restarted, id);

    assertThat(result).isEqualTo(LaunchResult.alreadyLaunched());
    AttemptStatus end = statuses.awaitEnd(id, WAIT);
    assertThat(end.phase()).isEqualTo(Phase.FAILED);
    assertThat(end.reason()).isEqualTo(AttemptFailureReason.LOST);
    assertThat(end.message()).contains("deleted after its worker reported").contains("not created");
    ApiStats stats = restarted.engine().apiStats();
    assertThat(stats.of(Verb.CREATE).calls()).as("create calls").isZero();
    assertThat(stats.of(Verb.GET).calls()).as("the pod read before the history").isEqualTo(1);
    assertThat(asked).containsExactly("extract: pod absent");
    assertThat(relaunches("LOST")).isEqualTo(1);
    assertThat(launch(restarted, id)).isEqualTo(LaunchResult.alreadyLaunched());
    Thread.sleep(300);
    assertThat(k8s.pod(id)).as("no second pod of the attempt").isNull();
    assertThat(stats.of(Verb.CREATE).calls()).isZero();
  }

  @Test
  void shouldCreateThePodAgainWhenItsWorkerNeverReportedAndItWasDeletedWhileNoLauncherRan()
      throws Exception {
    AttemptId id = createdByAnEarlierLauncher("transform");
    deletePod(id); // Before its worker reported anything: the step's code never ran.
    K8sStepLauncher restarted = launcher(true);
    StatusRecorder statuses = new StatusRecorder();
    restarted.watch(statuses);

    LaunchResult result = launch(restarted, id);

    assertThat(result).isEqualTo(LaunchResult.launched());
    k8s.awaitPod(id, true);
    assertThat(statuses.await(id, st -> st.phase() == Phase.RUNNING, WAIT)).isNotNull();
    ApiStats stats = restarted.engine().apiStats();
    assertThat(stats.of(Verb.CREATE).calls()).isEqualTo(1);
    assertThat(stats.of(Verb.GET).calls()).isEqualTo(1);
    assertThat(asked).containsExactly("transform: pod absent");
    assertThat(relaunches("LOST") + relaunches("ADOPT") + relaunches("REFUSE")).isZero();

    // The pod's name is the attempt's: a third launcher adopts it, and creates nothing.
    clock.advance(Duration.ofSeconds(1));
    K8sStepLauncher third = launcher(true);
    assertThat(launch(third, id)).isEqualTo(LaunchResult.alreadyLaunched());
    assertThat(third.engine().apiStats().of(Verb.CREATE).calls()).isLessThanOrEqualTo(1);
    assertThat(third.engine().apiStats().creates(ApiStats.CreateOutcome.CREATED)).isZero();
    assertThat(asked).as("a pod that exists needs no history").hasSize(1);
  }

  @Test
  void shouldAdoptThePodWithoutCreatingWhenItStillExistsAfterTheRestart() throws Exception {
    AttemptId id = createdByAnEarlierLauncher("load");
    reported.add(id);
    K8sStepLauncher restarted = launcher(true);
    StatusRecorder statuses = new StatusRecorder();
    restarted.watch(statuses);

    LaunchResult result = launch(restarted, id);

    assertThat(result).isEqualTo(LaunchResult.alreadyLaunched());
    assertThat(statuses.await(id, st -> st.phase() == Phase.RUNNING, WAIT)).isNotNull();
    assertThat(restarted.engine().apiStats().creates(ApiStats.CreateOutcome.CREATED)).isZero();
    assertThat(asked).as("the history is asked only about pods that are gone").isEmpty();
    assertThat(statuses.of(id)).noneMatch(st -> st.phase().isEnded());
  }

  @Test
  void shouldRejectWithoutCreatingWhenTheLauncherHasNoHistoryAndThePodIsGone() throws Exception {
    AttemptId id = createdByAnEarlierLauncher("report");
    deletePod(id);
    K8sStepLauncher restarted = launcher(false);

    LaunchResult result = launch(restarted, id);

    assertThat(result.outcome()).isEqualTo(LaunchResult.Outcome.REJECTED);
    assertThat(result.reason()).isEqualTo(AttemptFailureReason.LAUNCH_FAILED);
    assertThat(result.message())
        .contains("was recorded before this launcher started")
        .contains("AttemptHistory")
        .contains("not created");
    assertThat(restarted.engine().apiStats().of(Verb.CREATE).calls()).isZero();
    assertThat(relaunches("REFUSE")).isEqualTo(1);
    assertThat(k8s.pod(id)).isNull();
  }

  @Test
  void shouldNotCheckLaunchesOfARunThatStartedAfterTheLauncher() throws Exception {
    K8sStepLauncher launcher = launcher(true);
    clock.advance(Duration.ofMillis(1));
    runStartedAt = clock.instant();
    AttemptId id = new AttemptId(UUID.randomUUID().toString(), "fresh", 1);

    assertThat(launch(launcher, id)).isEqualTo(LaunchResult.launched());

    ApiStats stats = launcher.engine().apiStats();
    assertThat(stats.of(Verb.CREATE).calls()).isEqualTo(1);
    assertThat(stats.totalCalls()).as("no read before the create").isEqualTo(1);
    assertThat(asked).isEmpty();
  }
}
