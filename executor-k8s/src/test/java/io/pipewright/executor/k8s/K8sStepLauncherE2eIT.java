package io.pipewright.executor.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.StatusRecorder;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.launch.StepLauncherContractTest;
import io.pipewright.executor.k8s.internal.ApiStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher against a real cluster (kind, or any cluster {@code KUBECONFIG} points at): the
 * port's contract, plus what only a real kubelet shows (an image that cannot be pulled, a real OOM
 * kill, the API calls of a successful step). Runs only with {@code -Pe2e}; see {@code
 * executor-k8s/src/it/e2e-kind.sh}.
 *
 * <p>System properties: {@code e2e.namespace} (default {@code pipewright-e2e}, must exist), {@code
 * e2e.image} (default {@code busybox:1.36}; it needs {@code sh}, {@code sleep}, {@code tail}).
 * Workers run as user 65534, since the secure defaults refuse root.
 */
class K8sStepLauncherE2eIT extends StepLauncherContractTest {

  private static final String NS = System.getProperty("e2e.namespace", "pipewright-e2e");
  private static final String IMAGE = System.getProperty("e2e.image", "busybox:1.36");
  private static final Duration WAIT = Duration.ofMinutes(3);

  private static KubernetesClient client;

  @BeforeAll
  static void connect() {
    String kubeconfig = System.getenv("KUBECONFIG");
    assumeTrue(
        kubeconfig != null
            || Files.exists(Path.of(System.getProperty("user.home"), ".kube/config")),
        "no KUBECONFIG and no ~/.kube/config: no cluster to test against");
    client = new KubernetesClientBuilder().build();
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  private static K8sExecutorSettings.Builder settings() {
    return K8sExecutorSettings.builder()
        .namespace(NS)
        .instance("e2e")
        .defaults(
            K8sConfig.parse(
                "{\"container_config\": {\"securityContext\": {\"runAsUser\": 65534}}}",
                "e2e defaults"))
        .imagePullGrace(Duration.ofSeconds(20))
        .reevaluateEvery(Duration.ofSeconds(2))
        .deleteGracePeriod(Duration.ofSeconds(1));
  }

  private static K8sStepLauncher start(
      K8sExecutorSettings settings, ComputeLogSink logs, Map<String, String> runTags)
      throws Exception {
    return K8sStepLauncher.builder(client, settings)
        .runs(runId -> Optional.of(RunLookup.RunInfo.active("e2e_job", runTags)))
        .computeLogs(logs)
        .start();
  }

  @Override
  protected StepLauncher createLauncher() throws Exception {
    return start(settings().build(), ComputeLogSink.NONE, Map.of());
  }

  @Override
  protected void closeLauncher(StepLauncher created) {
    ((K8sStepLauncher) created).close();
  }

  @Override
  protected Duration timeout() {
    return WAIT;
  }

  @Override
  protected LaunchRequest succeeding(AttemptId attempt) {
    return request(attempt, "sh", "-c", "echo working").build();
  }

  @Override
  protected LaunchRequest failing(AttemptId attempt, int exitCode, String lastLine) {
    return request(attempt, "sh", "-c", "echo first; echo \"$LAST_LINE\"; exit " + exitCode)
        .environment("LAST_LINE", lastLine)
        .build();
  }

  @Override
  protected LaunchRequest longRunning(AttemptId attempt) {
    return request(attempt, "sleep", "600").build();
  }

  private static LaunchRequest.Builder request(AttemptId attempt, String... command) {
    return LaunchRequest.builder(attempt, "e2e")
        .image(IMAGE)
        .command(List.of(command))
        .environment("PIPEWRIGHT_INGEST_TOKEN", "e2e-token");
  }

  private static AttemptId attempt(String step) {
    return new AttemptId("e2e-" + UUID.randomUUID(), step, 1);
  }

  @Test
  void shouldCopyTheLogAndMakeThreeCallsWhenAStepSucceedsOnARealKubelet() throws Exception {
    Map<AttemptId, String> logs = new ConcurrentHashMap<>();
    try (K8sStepLauncher launcher =
        start(settings().build(), log -> logs.put(log.attempt(), log.text()), Map.of())) {
      StatusRecorder statuses = new StatusRecorder();
      launcher.watch(statuses);
      AttemptId id = attempt("hello");

      launcher.launch(request(id, "sh", "-c", "echo hello from a pod").build());

      assertThat(statuses.awaitEnd(id, WAIT).phase()).isEqualTo(AttemptStatus.Phase.SUCCEEDED);
      long until = System.nanoTime() + WAIT.toNanos();
      while (launcher.engine().apiStats().of(ApiStats.Verb.DELETE).calls() == 0
          && System.nanoTime() < until) {
        Thread.sleep(100);
      }
      assertThat(logs.get(id)).isEqualTo("hello from a pod\n");
      assertThat(launcher.engine().apiStats().totalCalls()).isEqualTo(3);
    }
  }

  @Test
  void shouldFailAsImagePullAfterTheGracePeriodWhenTheImageDoesNotExist() throws Exception {
    try (K8sStepLauncher launcher = start(settings().build(), ComputeLogSink.NONE, Map.of())) {
      StatusRecorder statuses = new StatusRecorder();
      launcher.watch(statuses);
      AttemptId id = attempt("missing_image");

      launcher.launch(
          LaunchRequest.builder(id, "e2e")
              .image("registry.invalid/pipewright/no-such-image:0")
              .command(List.of("true"))
              .build());

      AttemptStatus end = statuses.awaitEnd(id, WAIT);
      assertThat(end.reason()).isEqualTo(AttemptFailureReason.IMAGE_PULL);
      assertThat(end.message()).contains("registry.invalid/pipewright/no-such-image:0");
    }
  }

  @Test
  void shouldReportOomKilledWhenTheContainerExceedsItsMemoryLimit() throws Exception {
    try (K8sStepLauncher launcher = start(settings().build(), ComputeLogSink.NONE, Map.of())) {
      StatusRecorder statuses = new StatusRecorder();
      launcher.watch(statuses);
      AttemptId id = attempt("hungry");

      launcher.launch(
          request(id, "tail", "/dev/zero")
              .tags(
                  Map.of(
                      K8sConfig.TAG,
                      "{\"container_config\": {\"resources\": {\"limits\": {\"memory\":"
                          + " \"32Mi\"}}}}"))
              .build());

      AttemptStatus end = statuses.awaitEnd(id, WAIT);
      assertThat(end.reason()).isEqualTo(AttemptFailureReason.OOM_KILLED);
      assertThat(end.exitCode()).isEqualTo(137);
      // Failed pods are kept (terminateRun spares them); the script deletes the namespace.
      launcher.terminateRun(id.runId()).toCompletableFuture().join();
    }
  }
}
