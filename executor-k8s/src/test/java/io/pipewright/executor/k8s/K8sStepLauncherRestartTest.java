package io.pipewright.executor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import io.pipewright.executor.k8s.internal.Names;
import io.pipewright.executor.k8s.testing.MutableClock;
import io.pipewright.executor.k8s.testing.TestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static TestCluster cluster;
  private static KubernetesClient client;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final String instance = "r" + UUID.randomUUID().toString().substring(0, 8);
  private final Set<AttemptId> reported = ConcurrentHashMap.newKeySet();
  // Each question to the history, with whether the attempt's pod existed when it was asked.
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final List<K8sStepLauncher> launchers = new ArrayList<>();
  private Instant runStartedAt;
  private SimpleMeterRegistry registry;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(NS);
    client = cluster.newClient();
  }

  @AfterAll
  static void stopCluster() {
    client.close();
    cluster.close();
  }

  @AfterEach
  void closeLaunchers() {
    launchers.forEach(K8sStepLauncher::close);
    client.pods().inNamespace(NS).withLabel(PodLabels.INSTANCE, instance).delete();
  }

  private final AttemptHistory history =
      attempt -> {
        asked.add(attempt.stepKey() + (pod(attempt) == null ? ": pod absent" : ": pod present"));
        return reported.contains(attempt);
      };

  private K8sStepLauncher launcher(boolean withHistory) throws Exception {
    K8sExecutorSettings settings =
        K8sExecutorSettings.builder()
            .namespace(NS)
            .instance(instance)
            .rateLimit(500, 100)
            .reevaluateEvery(Duration.ofMinutes(10))
            .deleteGracePeriod(Duration.ZERO)
            .build();
    registry = new SimpleMeterRegistry();
    K8sStepLauncher.Builder builder =
        K8sStepLauncher.builder(client, settings)
            .runs(
                runId ->
                    Optional.of(
                        RunLookup.RunInfo.active("etl", Map.of()).withStartedAt(runStartedAt)))
            .meterRegistry(registry)
            .clock(clock);
    if (withHistory) {
      builder.attemptHistory(history);
    }
    K8sStepLauncher launcher = builder.start();
    launchers.add(launcher);
    return launcher;
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
    awaitPod(id, true);
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

  private static Pod pod(AttemptId id) {
    return client
        .pods()
        .inNamespace(NS)
        .withName(Names.podName(id.runId(), id.stepKey(), id.attempt()))
        .get();
  }

  private static void deletePod(AttemptId id) throws InterruptedException {
    client
        .pods()
        .inNamespace(NS)
        .withName(Names.podName(id.runId(), id.stepKey(), id.attempt()))
        .withGracePeriod(0)
        .delete();
    awaitPod(id, false);
  }

  private static void awaitPod(AttemptId id, boolean present) throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while ((pod(id) != null) != present && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(pod(id) != null).as("pod of %s exists", id).isEqualTo(present);
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
    assertThat(pod(id)).as("no second pod of the attempt").isNull();
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
    awaitPod(id, true);
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
    assertThat(pod(id)).isNull();
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
