package io.pipewright.executor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.AttemptStatus.Phase;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StatusRecorder;
import io.pipewright.executor.k8s.internal.ApiStats;
import io.pipewright.executor.k8s.internal.ApiStats.CreateOutcome;
import io.pipewright.executor.k8s.internal.ApiStats.Verb;
import io.pipewright.executor.k8s.internal.Names;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An attempt is never created twice: a launch of an attempt the launcher knows is answered from its
 * book, and a create answered AlreadyExists for a pod that is gone (the attempt's pod ended and was
 * deleted; on a loaded API server, the HTTP client's re-sent POST of a create whose answer came
 * late) is not created again. Its own cluster: the tests set expectations on the API server.
 */
class K8sStepLauncherRelaunchTest {

  private static final String NS = "relaunch";
  private static final Duration WAIT = LauncherCluster.WAIT;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private LauncherCluster k8s;
  private K8sStepLauncher launcher;

  @BeforeEach
  void start() throws Exception {
    k8s = LauncherCluster.start(NS);
    K8sExecutorSettings settings = k8s.settings("relaunch").build();
    launcher =
        k8s.start(
            K8sStepLauncher.builder(k8s.client(), settings)
                .runs(runId -> Optional.of(RunLookup.RunInfo.active("etl", Map.of())))
                .computeLogs(log -> {})
                .meterRegistry(registry));
  }

  @AfterEach
  void stop() {
    k8s.close(); // The launcher, then the client and the cluster.
  }

  private static LaunchRequest request(AttemptId id) {
    return LaunchRequest.builder(id, "etl")
        .image("registry.example.com/etl:1")
        .command(List.of("true"))
        .build();
  }

  private LaunchResult launch(AttemptId id) {
    return launcher.launch(request(id)).toCompletableFuture().join();
  }

  private boolean podExists(AttemptId id) {
    return k8s.pod(id) != null;
  }

  private double counter(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).counter().count();
  }

  @Test
  void shouldNotCreateThePodAgainWhenItsCreateAnswersAlreadyExistsAndThePodIsGone()
      throws Exception {
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    AttemptId id = new AttemptId(UUID.randomUUID().toString(), "extract", 1);
    // What the launcher sees when the client re-sent a create whose first answer it did not get,
    // after the pod that first request created had ended and been deleted.
    k8s.cluster()
        .server()
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + NS + "/pods")
        .andReturn(
            409,
            new StatusBuilder()
                .withStatus("Failure")
                .withCode(409)
                .withReason("AlreadyExists")
                .withMessage("pods \"" + Names.podName(id.runId(), "extract", 1) + "\" exists")
                .build())
        .once();

    LaunchResult result = launch(id);

    assertThat(result).isEqualTo(LaunchResult.alreadyLaunched());
    AttemptStatus end = statuses.awaitEnd(id, WAIT);
    assertThat(end.phase()).isEqualTo(Phase.FAILED);
    assertThat(end.reason()).isEqualTo(AttemptFailureReason.LOST);
    assertThat(end.message()).contains("not created again");
    ApiStats stats = launcher.engine().apiStats();
    assertThat(stats.of(Verb.CREATE).calls()).as("create calls").isEqualTo(1);
    assertThat(stats.of(Verb.GET).calls()).isEqualTo(1);
    assertThat(stats.creates(CreateOutcome.GONE)).isEqualTo(1);
    assertThat(stats.creates(CreateOutcome.CREATED)).isZero();
    assertThat(counter("pipewright.k8s.pods.creations", "outcome", "GONE")).isEqualTo(1);
    Thread.sleep(200);
    assertThat(podExists(id)).as("the attempt's pod was not created a second time").isFalse();
  }

  @Test
  void shouldAnswerFromItsBookWithoutAnApiCallWhenAnEndedAndDeletedAttemptIsLaunchedAgain()
      throws Exception {
    StatusRecorder statuses = new StatusRecorder();
    launcher.watch(statuses);
    AttemptId id = new AttemptId(UUID.randomUUID().toString(), "extract", 1);
    assertThat(launch(id)).isEqualTo(LaunchResult.launched());
    assertThat(statuses.awaitEnd(id, WAIT).phase()).isEqualTo(Phase.SUCCEEDED);
    k8s.awaitPod(id, false);
    long calls = launcher.engine().apiStats().totalCalls();

    assertThat(launch(id)).isEqualTo(LaunchResult.alreadyLaunched());
    assertThat(launch(id)).isEqualTo(LaunchResult.alreadyLaunched());

    assertThat(launcher.engine().apiStats().totalCalls()).isEqualTo(calls).isEqualTo(3);
    assertThat(counter("pipewright.k8s.launches", "answer", "known")).isEqualTo(2);
    assertThat(counter("pipewright.k8s.launches", "answer", "create")).isEqualTo(1);
    assertThat(counter("pipewright.k8s.pods.creations", "outcome", "CREATED")).isEqualTo(1);
    assertThat(podExists(id)).isFalse();
  }
}
