package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pipewright.executor.k8s.K8sConfig;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.PodFailureReason;
import io.pipewright.executor.k8s.PodLabels;
import io.pipewright.executor.k8s.PodLaunchSpec;
import io.pipewright.executor.k8s.PodOutcome;
import io.pipewright.executor.k8s.PodOutcome.State;
import io.pipewright.executor.k8s.testing.MutableClock;
import io.pipewright.executor.k8s.testing.TestCluster;
import io.pipewright.executor.k8s.testing.TestKubelet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Step pods end to end against the mock API server and the test kubelet: built by the factory,
 * created through the rate-limited API, run by the kubelet, classified by the watcher.
 */
class StepPodLifecycleTest {

  private static final String NS = "steps";

  private static TestCluster cluster;
  private static KubernetesClient client;
  private static MutableClock clock;
  private static K8sExecutorSettings settings;
  private static PodFactory factory;
  private static TokenBucket bucket;
  private static PodApi api;
  private static OutcomeRecorder outcomes;
  private static PodWatcher watcher;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(NS);
    client = cluster.newClient();
    clock = new MutableClock(Instant.now());
    settings =
        K8sExecutorSettings.builder()
            .namespace(NS)
            .instance("test")
            .rateLimit(500, 100)
            .imagePullGrace(Duration.ofMinutes(2))
            .configErrorGrace(Duration.ofMinutes(1))
            .unschedulableTimeout(Duration.ofMinutes(5))
            .startTimeout(Duration.ofMinutes(10))
            .reevaluateEvery(Duration.ofMinutes(10)) // tests re-evaluate by hand
            .deleteGracePeriod(Duration.ZERO)
            .build();
    factory = new PodFactory(settings);
    bucket = new TokenBucket(settings.qps(), settings.burst());
    api = new PodApi(client, NS, settings.instance(), bucket, new ApiStats(), 8);
    outcomes = new OutcomeRecorder();
    watcher = new PodWatcher(client, settings, clock, outcomes);
    watcher.start(Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    watcher.close();
    api.close();
    client.close();
    cluster.close();
  }

  private static PodLaunchSpec.Builder spec(String stepKey, String... command) {
    return PodLaunchSpec.builder()
        .runId(UUID.randomUUID().toString())
        .jobName("etl")
        .step(stepKey, 0)
        .codeLocation("etl-location", "registry.example.com/etl:1")
        .command(List.of(command))
        .sensitiveEnv("PIPEWRIGHT_INGEST_TOKEN", "tok");
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

  private static String launch(PodLaunchSpec spec) throws InterruptedException {
    Pod pod = factory.build(spec);
    assertThat(api.create(pod)).isEqualTo(PodApi.CreateResult.CREATED);
    return pod.getMetadata().getName();
  }

  /** Waits for a non-terminal outcome, then moves the clock past a limit and re-evaluates. */
  private static PodOutcome afterWaiting(String pod, String pendingText, Duration wait)
      throws InterruptedException {
    outcomes.await(
        pod,
        o -> o.state() == State.PENDING && o.message().contains(pendingText),
        Duration.ofSeconds(20));
    clock.advance(wait);
    watcher.reevaluateNow();
    return outcomes.awaitTerminal(pod);
  }

  @Test
  void shouldClassifyNonZeroExitWithExitCodeWhenCommandExitsThree() throws Exception {
    String pod = launch(spec("extract", "sh", "-c", "echo hi; exit 3").build());

    PodOutcome outcome = outcomes.awaitTerminal(pod);

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.NON_ZERO_EXIT);
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.isInfrastructureFailure()).isFalse();
    assertThat(api.log(pod, 10)).contains("hi\n");
    assertThat(outcomes.of(pod)).extracting(PodOutcome::state).startsWith(State.PENDING);
    assertThat(outcomes.identity(pod).stepKey()).isEqualTo("extract");
  }

  @Test
  void shouldSucceedWithPipewrightEnvironmentWhenStepWorkerExitsZero() throws Exception {
    PodLaunchSpec spec =
        spec(
                "load",
                "sh",
                "-c",
                "test \"$PIPEWRIGHT_INGEST_TOKEN\" = tok && test \"$PIPEWRIGHT_POD_NAME\" = \"$HOSTNAME_WANTED\"")
            .build();
    String name = factory.build(spec).getMetadata().getName();
    PodLaunchSpec withName =
        spec(
                "load",
                "sh",
                "-c",
                "test \"$PIPEWRIGHT_INGEST_TOKEN\" = tok && test \"$PIPEWRIGHT_POD_NAME\" = "
                    + name
                    + " && test \"$PIPEWRIGHT_NODE_NAME\" = "
                    + TestKubelet.NODE_NAME)
            .runId(spec.runId())
            .build();
    String pod = launch(withName);

    assertThat(outcomes.awaitTerminal(pod)).isEqualTo(PodOutcome.succeeded());
    assertThat(outcomes.of(pod))
        .extracting(PodOutcome::state)
        .containsSubsequence(State.PENDING, State.RUNNING, State.SUCCEEDED);
  }

  @Test
  void shouldClassifyOomKilledWhenContainerRunsOutOfMemory() throws Exception {
    String pod =
        launch(
            spec("transform", "sleep", "30")
                .stepTags(
                    Map.of(
                        K8sConfig.TAG,
                        "{\"container_config\": {\"resources\": {\"limits\": {\"memory\":"
                            + " \"256Mi\"}}}, \"pod_template_spec_metadata\": {\"annotations\":"
                            + " {\""
                            + TestKubelet.SCENARIO_ANNOTATION
                            + "\": \"OOM\"}}}"))
                .build());

    PodOutcome outcome = outcomes.awaitTerminal(pod);

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.OOM_KILLED);
    assertThat(outcome.exitCode()).isEqualTo(137);
    assertThat(outcome.message()).contains("memory limit 256Mi");
  }

  @Test
  void shouldClassifyImagePullOnlyAfterGracePeriodWhenImageCannotBePulled() throws Exception {
    clock.set(Instant.now());
    String pod =
        launch(
            spec("pull", "true").jobTags(scenario(TestKubelet.Scenario.IMAGE_PULL_ERROR)).build());

    PodOutcome outcome = afterWaiting(pod, "ImagePullBackOff", Duration.ofMinutes(3));

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.IMAGE_PULL);
    assertThat(outcome.message()).contains("registry.example.com/etl:1");
    assertThat(outcome.isInfrastructureFailure()).isTrue();
  }

  @Test
  void shouldClassifyUnschedulableAfterTimeoutWhenNoNodeFits() throws Exception {
    clock.set(Instant.now());
    String pod =
        launch(spec("big", "true").stepTags(scenario(TestKubelet.Scenario.UNSCHEDULABLE)).build());

    PodOutcome outcome = afterWaiting(pod, "Insufficient memory", Duration.ofMinutes(6));

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.UNSCHEDULABLE);
  }

  @Test
  void shouldClassifyStartTimeoutWhenPodNeverStarts() throws Exception {
    clock.set(Instant.now());
    String pod =
        launch(spec("stuck", "true").stepTags(scenario(TestKubelet.Scenario.NEVER_START)).build());

    PodOutcome outcome = afterWaiting(pod, "not scheduled yet", Duration.ofMinutes(11));

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.START_TIMEOUT);
  }

  @Test
  void shouldClassifyConfigErrorWhenSecretIsMissing() throws Exception {
    clock.set(Instant.now());
    String pod =
        launch(
            spec("secretive", "true")
                .jobTags(
                    Map.of(
                        K8sConfig.TAG,
                        "{\"container_config\": {\"env\": [{\"name\": \"DB_PASSWORD\","
                            + " \"valueFrom\": {\"secretKeyRef\": {\"name\": \"db\", \"key\":"
                            + " \"password\"}}}]}}"))
                .build());

    PodOutcome outcome = afterWaiting(pod, "CreateContainerConfigError", Duration.ofMinutes(2));

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.CONFIG_ERROR);
    assertThat(outcome.message()).contains("secret \"db\" not found");
  }

  @Test
  void shouldClassifyEvictedWhenKubeletEvicts() throws Exception {
    String pod =
        launch(
            spec("evictee", "sleep", "30").stepTags(scenario(TestKubelet.Scenario.EVICT)).build());

    PodOutcome outcome = outcomes.awaitTerminal(pod);

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.EVICTED);
    assertThat(outcome.message()).contains("low on resource: memory");
  }

  @Test
  void shouldClassifyDeadlineExceededWhenStepRunsTooLong() throws Exception {
    String pod =
        launch(
            spec("slow", "sleep", "30")
                .stepTags(
                    Map.of(K8sConfig.TAG, "{\"pod_spec_config\": {\"activeDeadlineSeconds\": 1}}"))
                .build());

    PodOutcome outcome = outcomes.awaitTerminal(pod);

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.DEADLINE_EXCEEDED);
    assertThat(outcome.message()).contains("(1 s)");
  }

  @Test
  void shouldClassifyDeletedWhenSomeoneElseDeletesRunningPod() throws Exception {
    String pod = launch(spec("victim", "sleep", "30").build());
    outcomes.await(pod, o -> o.state() == State.RUNNING, Duration.ofSeconds(20));

    client.pods().inNamespace(NS).withName(pod).delete();

    PodOutcome outcome = outcomes.awaitTerminal(pod);
    assertThat(outcome.reason()).isEqualTo(PodFailureReason.DELETED);
    assertThat(watcher.outcome(pod)).isEmpty();
  }

  @Test
  void shouldCreateOnceWhenSameAttemptIsLaunchedTwice() throws Exception {
    PodLaunchSpec spec = spec("twice", "sh", "-c", "sleep 0.2").build();
    Pod pod = factory.build(spec);
    int processesBefore = cluster.kubelet().processesStarted();

    PodApi.CreateResult first = api.create(pod);
    PodApi.CreateResult second = api.create(factory.build(spec));

    assertThat(first).isEqualTo(PodApi.CreateResult.CREATED);
    assertThat(second).isEqualTo(PodApi.CreateResult.ALREADY_EXISTED);
    assertThat(outcomes.awaitTerminal(pod.getMetadata().getName()))
        .isEqualTo(PodOutcome.succeeded());
    assertThat(cluster.kubelet().processesStarted()).isEqualTo(processesBefore + 1);
    assertThat(
            client
                .pods()
                .inNamespace(NS)
                .withLabel(PodLabels.RUN_ID, spec.runId())
                .list()
                .getItems())
        .hasSize(1);
  }

  @Test
  void shouldRefuseToTreatPodAsLaunchedWhenNameBelongsToAnotherAttempt() throws Exception {
    Pod pod = factory.build(spec("clash", "true").build());
    Pod impostor =
        new PodBuilder(pod)
            .editMetadata()
            .addToAnnotations(PodLabels.RUN_ID, "another-run")
            .endMetadata()
            .build();
    api.create(impostor);

    assertThatThrownBy(() -> api.create(pod))
        .isInstanceOf(PodNameCollisionException.class)
        .hasMessageContaining("exists for run another-run");
  }

  @Test
  void shouldCreatePodsConcurrentlyWhenManyAreLaunchedAtOnce() throws Exception {
    String runId = UUID.randomUUID().toString();
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      pods.add(factory.build(spec("fan_out[" + i + "]", "true").runId(runId).build()));
    }
    long acquiredBefore = bucket.stats().acquired();

    List<CompletableFuture<PodApi.CreateResult>> created = api.createAll(pods);

    CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).get();
    assertThat(created).allSatisfy(f -> assertThat(f.get()).isEqualTo(PodApi.CreateResult.CREATED));
    for (Pod pod : pods) {
      assertThat(outcomes.awaitTerminal(pod.getMetadata().getName()))
          .isEqualTo(PodOutcome.succeeded());
    }
    assertThat(bucket.stats().acquired() - acquiredBefore).isEqualTo(20);
    assertThat(api.stats().of(ApiStats.Verb.CREATE).calls()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void shouldDeleteRunPodsOnceAndQuietlyWhenRunIsTerminated() throws Exception {
    String runId = UUID.randomUUID().toString();
    List<String> names = new ArrayList<>();
    for (String step : List.of("a", "b", "c")) {
      names.add(launch(spec(step, "sleep", "30").runId(runId).build()));
    }
    String bystander = launch(spec("other_run", "sleep", "30").build());
    for (String name : names) {
      outcomes.await(name, o -> o.state() == State.RUNNING, Duration.ofSeconds(20));
    }

    watcher.expectRunDeletion(runId);
    int deleted = api.deleteRunPods(runId, settings.deleteGracePeriod());
    int again = api.deleteRunPods(runId, settings.deleteGracePeriod());

    assertThat(deleted).isEqualTo(3);
    assertThat(again).isZero();
    assertThat(api.delete(names.get(0), Duration.ZERO)).isFalse();
    assertThat(client.pods().inNamespace(NS).withName(bystander).get()).isNotNull();
    // The watcher saw the deletions (its cache forgot the pods) and reported none of them.
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (names.stream().anyMatch(n -> watcher.outcome(n).isPresent())
        && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    for (String name : names) {
      assertThat(watcher.outcome(name)).isEmpty();
      assertThat(outcomes.of(name)).noneMatch(PodOutcome::isTerminal);
    }
    assertThat(api.delete(bystander, Duration.ZERO)).isTrue();
  }

  @Test
  void shouldReportFinishedPodsWhenWatcherStartsAfterThem() throws Exception {
    String pod = launch(spec("before_restart", "sh", "-c", "exit 5").build());
    outcomes.awaitTerminal(pod);
    OutcomeRecorder restarted = new OutcomeRecorder();

    try (PodWatcher second = new PodWatcher(client, settings, Clock.systemUTC(), restarted)) {
      second.start(Duration.ofSeconds(20));

      PodOutcome outcome = restarted.awaitTerminal(pod);
      assertThat(outcome.reason()).isEqualTo(PodFailureReason.NON_ZERO_EXIT);
      assertThat(outcome.exitCode()).isEqualTo(5);
      assertThat(restarted.of(pod)).hasSize(1);
    }
  }
}
