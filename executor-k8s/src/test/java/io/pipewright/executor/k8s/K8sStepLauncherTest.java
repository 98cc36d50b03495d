package io.pipewright.executor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
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
import io.pipewright.executor.k8s.testing.TestKubelet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher's own behaviour beyond the port's contract, against the mock API server and the test
 * kubelet: API calls per step, log copying, clean-up, rejections, failures, restarts, the sweep and
 * metrics. Each test has its own launcher and installation label, so counters are its own.
 */
class K8sStepLauncherTest {

  private static final String NS = "launcher";
  private static final Duration WAIT = LauncherCluster.WAIT;

  private static LauncherCluster k8s;

  private final Set<String> finishedRuns = ConcurrentHashMap.newKeySet();
  private final Map<AttemptId, String> copiedLogs = new ConcurrentHashMap<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(Instant.now());
  private final String instance = "t" + UUID.randomUUID().toString().substring(0, 8);

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

  private K8sStepLauncher launcher(UnaryOperator<K8sExecutorSettings.Builder> tweak)
      throws Exception {
    K8sExecutorSettings.Builder defaults =
        k8s.settings(instance).reevaluateEvery(Duration.ofMinutes(10)); // tests re-evaluate by hand
    K8sExecutorSettings settings = tweak.apply(defaults).build();
    return k8s.start(
        K8sStepLauncher.builder(k8s.client(), settings)
            .runs(
                runId ->
                    Optional.of(
                        finishedRuns.contains(runId)
                            ? RunLookup.RunInfo.finished("etl", Map.of())
                            : RunLookup.RunInfo.active(
                                "etl", Map.of("team", "data", K8sConfig.TAG, "{}"))))
            .computeLogs(log -> copiedLogs.put(log.attempt(), log.text()))
            .meterRegistry(registry)
            .clock(clock));
  }

  private static AttemptId attempt(String step) {
    return new AttemptId(UUID.randomUUID().toString(), step, 1);
  }

  private static LaunchRequest.Builder request(AttemptId id, String... command) {
    return LaunchRequest.builder(id, "etl")
        .image("registry.example.com/etl:1")
        .command(List.of(command))
        .environment("PIPEWRIGHT_INGEST_TOKEN", "s3cr3t-" + id.stepKey());
  }

  private static Map<String, String> scenario(TestKubelet.Scenario scenario) {
    return Map.of(
        K8sConfig.TAG,
        "{\"pod_template_spec_metadata\": {\"annotations\": {\""
            + TestKubelet.SCENARIO_ANNOTATION
            + "\": \""
            + scenario
            + "\"}}}");
  }

  private static LaunchResult launch(K8sStepLauncher launcher, LaunchRequest request) {
    return launcher.launch(request).toCompletableFuture().join();
  }

  private static void awaitUncached(K8sStepLauncher launcher, AttemptId id)
      throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while (cached(launcher, id) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(cached(launcher, id)).as("pod of %s in the informer's cache", id).isFalse();
  }

  private static boolean cached(K8sStepLauncher launcher, AttemptId id) {
    return launcher.engine().watcher().cachedPods().stream()
        .anyMatch(p -> p.getMetadata().getName().equals(LauncherCluster.podName(id)));
  }

  private static long calls(ApiStats stats, Verb verb) {
    return stats.of(verb).calls();
  }

  @Test
  void shouldMakeThreeApiCallsPerSuccessfulStepWhenLogsAreCopied() throws Exception {
    K8sStepLauncher launcher = launcher(s -> s);
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    String run = UUID.randomUUID().toString();
    List<AttemptId> steps = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      AttemptId id = new AttemptId(run, "step_" + i, 1);
      steps.add(id);
      assertThat(launch(launcher, request(id, "sh", "-c", "echo out-" + id.stepKey()).build()))
          .isEqualTo(LaunchResult.launched());
    }

    for (AttemptId id : steps) {
      assertThat(statuses.awaitEnd(id, WAIT).phase()).isEqualTo(Phase.SUCCEEDED);
      k8s.awaitPod(id, false);
    }

    ApiStats stats = launcher.engine().apiStats();
    assertThat(calls(stats, Verb.CREATE)).isEqualTo(5);
    assertThat(calls(stats, Verb.LOG)).isEqualTo(5);
    assertThat(calls(stats, Verb.DELETE)).isEqualTo(5);
    assertThat(stats.totalCalls()).as("API calls per successful step: 3").isEqualTo(3 * 5);
    for (AttemptId id : steps) {
      assertThat(copiedLogs.get(id)).isEqualTo("out-" + id.stepKey() + "\n");
    }
  }

  @Test
  void shouldMakeTwoApiCallsPerSuccessfulStepWhenNoLogsAreKept() throws Exception {
    K8sExecutorSettings settings =
        K8sExecutorSettings.builder()
            .namespace(NS)
            .instance(instance)
            .deleteGracePeriod(Duration.ZERO)
            .build();
    K8sStepLauncher launcher =
        k8s.start(
            K8sStepLauncher.builder(k8s.client(), settings)
                .runs(runId -> Optional.of(RunLookup.RunInfo.active("etl", Map.of()))));
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    AttemptId id = attempt("quiet");

    launch(launcher, request(id, "true").build());

    assertThat(statuses.awaitEnd(id, WAIT).phase()).isEqualTo(Phase.SUCCEEDED);
    k8s.awaitPod(id, false);
    assertThat(launcher.engine().apiStats().totalCalls()).isEqualTo(2);
  }

  @Test
  void shouldPutLastLogLinesIntoTheFailureAndKeepThePodWhenTheStepFails() throws Exception {
    K8sStepLauncher launcher = launcher(s -> s.failureLogLines(3));
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    AttemptId id = attempt("transform");

    launch(
        launcher,
        request(id, "sh", "-c", "for i in 1 2 3 4 5; do echo line $i; done; exit 4").build());

    AttemptStatus end = statuses.awaitEnd(id, WAIT);
    assertThat(end.reason()).isEqualTo(AttemptFailureReason.NON_ZERO_EXIT);
    assertThat(end.exitCode()).isEqualTo(4);
    assertThat(end.lastLogLines()).containsExactly("line 3", "line 4", "line 5");
    assertThat(end.message())
        .contains("exited with code 4")
        .endsWith("Last 3 log lines:\n  line 3\n  line 4\n  line 5");
    assertThat(copiedLogs.get(id)).startsWith("line 1\n").endsWith("line 5\n");
    assertThat(k8s.pod(id)).as("a failed pod is kept for inspection").isNotNull();
    assertThat(
            registry
                .get("pipewright.k8s.pods.failed")
                .tag("reason", "NON_ZERO_EXIT")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("pipewright.k8s.pods.created").counter().count()).isEqualTo(1);
    assertThat(registry.get("pipewright.k8s.api.latency").tag("verb", "create").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("pipewright.k8s.api.latency").tag("verb", "log").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("pipewright.k8s.ratelimiter.wait").timer().count())
        .isEqualTo(launcher.engine().apiStats().totalCalls());
    assertThat(registry.get("pipewright.k8s.informer.lag").timer().count()).isEqualTo(1);
  }

  @Test
  void shouldRejectWithThePathOfTheBadFieldWhenTheK8sConfigTagIsInvalid() throws Exception {
    K8sStepLauncher launcher = launcher(s -> s);
    AttemptId id = attempt("load");

    LaunchResult result =
        launch(
            launcher,
            request(id, "true")
                .tags(
                    Map.of(
                        K8sConfig.TAG,
                        "{\"container_config\": {\"resources\": {\"limits\": {\"memory\":"
                            + " \"lots\"}}}}"))
                .build());

    assertThat(result.outcome()).isEqualTo(LaunchResult.Outcome.REJECTED);
    assertThat(result.reason()).isEqualTo(AttemptFailureReason.CONFIG_ERROR);
    assertThat(result.reason().kind()).isEqualTo(AttemptFailureReason.Kind.CONFIGURATION);
    assertThat(result.message())
        .contains("step 'load' tag pipewright.io/k8s-config")
        .contains("container_config.resources.limits.memory");
    assertThat(launcher.engine().apiStats().totalCalls()).isZero();
    assertThat(k8s.pod(id)).isNull();
    assertThat(
            registry
                .get("pipewright.k8s.launches.rejected")
                .tag("reason", "CONFIG_ERROR")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldDeleteARunsPodsWithOneCallSparingFailedOnesWhenTheRunIsTerminated() throws Exception {
    K8sStepLauncher launcher = launcher(s -> s);
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    String run = UUID.randomUUID().toString();
    AttemptId a = new AttemptId(run, "a", 1);
    AttemptId b = new AttemptId(run, "b", 1);
    launch(launcher, request(a, "sleep", "30").build());
    launch(launcher, request(b, "sleep", "30").build());
    statuses.await(a, s -> s.phase() == Phase.RUNNING, WAIT);
    statuses.await(b, s -> s.phase() == Phase.RUNNING, WAIT);
    drainRequests();

    launcher.terminateRun(run).toCompletableFuture().join();
    launcher.terminateRun(run).toCompletableFuture().join();

    assertThat(statuses.awaitEnd(a, WAIT).phase()).isEqualTo(Phase.TERMINATED);
    assertThat(statuses.awaitEnd(b, WAIT).phase()).isEqualTo(Phase.TERMINATED);
    assertThat(calls(launcher.engine().apiStats(), Verb.DELETE_COLLECTION)).isEqualTo(2);
    assertThat(calls(launcher.engine().apiStats(), Verb.DELETE)).isZero();
    // The mock API server ignores field selectors; a real one keeps the run's failed pods.
    assertThat(drainRequests())
        .filteredOn(line -> line.startsWith("DELETE"))
        .hasSize(2)
        .allSatisfy(
            line ->
                assertThat(
                        java.net.URLDecoder.decode(line, java.nio.charset.StandardCharsets.UTF_8))
                    .contains("fieldSelector=status.phase!=Failed")
                    .contains("pipewright.io/run-id=" + run));
  }

  /** Takes every request the mock server recorded so far, as "METHOD path". */
  private static List<String> drainRequests() throws InterruptedException {
    List<String> requests = new ArrayList<>();
    io.fabric8.mockwebserver.http.RecordedRequest request;
    while ((request =
            k8s.cluster().server().takeRequest(50, java.util.concurrent.TimeUnit.MILLISECONDS))
        != null) {
      requests.add(request.getMethod() + " " + request.getPath());
    }
    return requests;
  }

  @Test
  void shouldRejectWhenTheImageIsMissingOrTheRunIsUnknown() throws Exception {
    K8sExecutorSettings settings =
        K8sExecutorSettings.builder().namespace(NS).instance(instance).build();
    K8sStepLauncher launcher =
        k8s.start(K8sStepLauncher.builder(k8s.client(), settings).runs(runId -> Optional.empty()));
    AttemptId id = attempt("extract");

    LaunchResult noImage =
        launch(launcher, LaunchRequest.builder(id, "etl").command(List.of("true")).build());
    LaunchResult unknownRun = launch(launcher, request(id, "true").build());

    assertThat(noImage.reason()).isEqualTo(AttemptFailureReason.CONFIG_ERROR);
    assertThat(noImage.message()).contains("names no container image for code location 'etl'");
    assertThat(unknownRun.reason()).isEqualTo(AttemptFailureReason.LAUNCH_FAILED);
    assertThat(unknownRun.message()).contains("does not know");
  }

  @Test
  void shouldFailAsImagePullAndDeleteThePodWhenTheImageCannotBePulled() throws Exception {
    K8sStepLauncher launcher = launcher(s -> s.imagePullGrace(Duration.ofMinutes(2)));
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    AttemptId id = attempt("pull");
    launch(
        launcher,
        request(id, "true").tags(scenario(TestKubelet.Scenario.IMAGE_PULL_ERROR)).build());
    statuses.await(
        id, s -> s.phase() == Phase.PENDING && s.message().contains("ImagePullBackOff"), WAIT);

    clock.advance(Duration.ofMinutes(3));
    launcher.engine().watcher().reevaluateNow();

    AttemptStatus end = statuses.awaitEnd(id, WAIT);
    assertThat(end.reason()).isEqualTo(AttemptFailureReason.IMAGE_PULL);
    assertThat(end.reason().isInfrastructure()).isTrue();
    assertThat(end.message()).contains("registry.example.com/etl:1");
    k8s.awaitPod(id, false);
    assertThat(calls(launcher.engine().apiStats(), Verb.LOG)).isZero();
  }

  @Test
  void shouldReportOomKilledAndEvictedWithTheirKinds() throws Exception {
    K8sStepLauncher launcher = launcher(s -> s);
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    AttemptId oom = attempt("hungry");
    AttemptId evicted = attempt("evictee");

    launch(launcher, request(oom, "sleep", "30").tags(scenario(TestKubelet.Scenario.OOM)).build());
    launch(
        launcher,
        request(evicted, "sleep", "30").tags(scenario(TestKubelet.Scenario.EVICT)).build());

    AttemptStatus oomEnd = statuses.awaitEnd(oom, WAIT);
    assertThat(oomEnd.reason()).isEqualTo(AttemptFailureReason.OOM_KILLED);
    assertThat(oomEnd.reason().kind()).isEqualTo(AttemptFailureReason.Kind.STEP);
    assertThat(oomEnd.exitCode()).isEqualTo(137);
    AttemptStatus evictedEnd = statuses.awaitEnd(evicted, WAIT);
    assertThat(evictedEnd.reason()).isEqualTo(AttemptFailureReason.EVICTED);
    assertThat(evictedEnd.reason().isInfrastructure()).isTrue();
    assertThat(evictedEnd.message()).contains("low on resource: memory");
  }

  @Test
  void shouldReportDeletedWhenSomeoneElseDeletesTheRunningPod() throws Exception {
    K8sStepLauncher launcher = launcher(s -> s);
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    AttemptId id = attempt("victim");
    launch(launcher, request(id, "sleep", "30").build());
    statuses.await(id, s -> s.phase() == Phase.RUNNING, WAIT);

    k8s.client().pods().inNamespace(NS).withName(LauncherCluster.podName(id)).delete();

    AttemptStatus end = statuses.awaitEnd(id, WAIT);
    assertThat(end.reason()).isEqualTo(AttemptFailureReason.DELETED);
    assertThat(end.reason().isInfrastructure()).isTrue();
  }

  @Test
  void shouldTerminateAnAttemptWhoseLaunchIsStillInFlight() throws Exception {
    K8sStepLauncher launcher = launcher(s -> s);
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    AttemptId id = attempt("hasty");

    var launched = launcher.launch(request(id, "sleep", "30").build());
    launcher.terminate(id).toCompletableFuture().join();

    assertThat(launched.toCompletableFuture().join()).isEqualTo(LaunchResult.launched());
    assertThat(statuses.awaitEnd(id, WAIT).phase()).isEqualTo(Phase.TERMINATED);
    k8s.awaitPod(id, false);
  }

  @Test
  void shouldKeepTheTokenInTheEnvironmentOnlyWhenPodsAreBuilt() throws Exception {
    K8sStepLauncher launcher = launcher(s -> s);
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    AttemptId id = attempt("secretive");
    LaunchRequest request = request(id, "sleep", "30").build();

    launch(launcher, request);

    Pod pod = k8s.pod(id);
    assertThat(pod.getMetadata().getLabels().toString()).doesNotContain("s3cr3t");
    assertThat(pod.getMetadata().getAnnotations().toString()).doesNotContain("s3cr3t");
    assertThat(pod.getSpec().getContainers().get(0).getEnv())
        .anySatisfy(
            env -> {
              assertThat(env.getName()).isEqualTo("PIPEWRIGHT_INGEST_TOKEN");
              assertThat(env.getValue()).isEqualTo("s3cr3t-secretive");
            });
    assertThat(pod.getSpec().getContainers().get(0).getArgs()).containsExactly("sleep", "30");
    assertThat(pod.getMetadata().getLabels()).containsEntry(PodLabels.JOB, "etl");
    assertThat(request.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void shouldReplayExistingPodsAndRecognizeTheirAttemptsWhenTheLauncherRestarts() throws Exception {
    K8sStepLauncher first = launcher(s -> s);
    StatusRecorder before = new StatusRecorder();
    first.watch(before);
    AttemptId failed = attempt("broken");
    AttemptId running = attempt("slow");
    launch(first, request(failed, "sh", "-c", "echo bad input; exit 2").build());
    launch(first, request(running, "sleep", "30").build());
    before.awaitEnd(failed, WAIT);
    before.await(running, s -> s.phase() == Phase.RUNNING, WAIT);
    first.close();

    K8sStepLauncher second = launcher(s -> s);
    StatusRecorder after = new StatusRecorder();
    second.watch(after);

    AttemptStatus replayedEnd = after.awaitEnd(failed, WAIT);
    assertThat(replayedEnd.reason()).isEqualTo(AttemptFailureReason.NON_ZERO_EXIT);
    assertThat(replayedEnd.lastLogLines()).containsExactly("bad input");
    assertThat(after.await(running, s -> true, WAIT).phase()).isEqualTo(Phase.RUNNING);
    assertThat(launch(second, request(running, "sleep", "30").build()))
        .isEqualTo(LaunchResult.alreadyLaunched());
    assertThat(calls(second.engine().apiStats(), Verb.CREATE)).isZero();
    second.terminateRun(running.runId()).toCompletableFuture().join();
    assertThat(after.awaitEnd(running, WAIT).phase()).isEqualTo(Phase.TERMINATED);
  }

  @Test
  void shouldSweepPodsOfFinishedRunsAndFailedPodsOnceKeptLongEnough() throws Exception {
    K8sStepLauncher launcher = launcher(s -> s.keepFailedPodsFor(Duration.ofHours(24)));
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    AttemptId straggler = attempt("straggler");
    AttemptId failed = attempt("failed");
    launch(launcher, request(straggler, "sleep", "30").build());
    launch(launcher, request(failed, "sh", "-c", "exit 1").build());
    statuses.await(straggler, s -> s.phase() == Phase.RUNNING, WAIT);
    statuses.awaitEnd(failed, WAIT);
    finishedRuns.add(straggler.runId());

    int first = launcher.sweepOrphans();

    assertThat(first).isEqualTo(1);
    assertThat(statuses.awaitEnd(straggler, WAIT).phase()).isEqualTo(Phase.TERMINATED);
    k8s.awaitPod(straggler, false);
    assertThat(k8s.pod(failed)).as("kept for inspection").isNotNull();

    clock.advance(Duration.ofHours(25));
    int second = launcher.sweepOrphans();

    assertThat(second).isEqualTo(1);
    k8s.awaitPod(failed, false);
    // The sweep forgets only attempts whose pod is gone from the informer's cache, which can see
    // the deletion after the API server answers a read without the pod (a loaded machine): wait
    // for the launcher's own view, not the API server's.
    awaitUncached(launcher, failed);
    // Once its pod is gone and it ended long ago, the attempt is forgotten: the next sweep drops
    // it, and a launch of the same attempt would make a new pod.
    launcher.sweepOrphans();
    assertThat(launch(launcher, request(failed, "true").build()))
        .isEqualTo(LaunchResult.launched());
    assertThat(registry.get("pipewright.k8s.pods.deleted").tag("cause", "swept").counter().count())
        .isEqualTo(2);
  }
}
