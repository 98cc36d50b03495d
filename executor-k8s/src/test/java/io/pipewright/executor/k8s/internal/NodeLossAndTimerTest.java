package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pipewright.executor.k8s.K8sConfig;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.PodFailureReason;
import io.pipewright.executor.k8s.PodLaunchSpec;
import io.pipewright.executor.k8s.PodOutcome;
import io.pipewright.executor.k8s.PodOutcome.State;
import io.pipewright.executor.k8s.testing.TestCluster;
import io.pipewright.executor.k8s.testing.TestKubelet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher on the real clock, with its own cluster per test: node loss (which takes the one node
 * down) and the re-evaluation timer.
 */
class NodeLossAndTimerTest {

  private static final String NS = "nodes";

  private TestCluster cluster;
  private KubernetesClient client;
  private PodApi api;
  private PodWatcher watcher;
  private final OutcomeRecorder outcomes = new OutcomeRecorder();

  @BeforeEach
  void start() {
    cluster = TestCluster.start(NS);
    client = cluster.newClient();
    api = new PodApi(client, NS, "test", new TokenBucket(100, 10), new ApiStats(), 2);
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    api.close();
    client.close();
    cluster.close();
  }

  private K8sExecutorSettings.Builder settings() {
    return K8sExecutorSettings.builder()
        .namespace(NS)
        .instance("test")
        .nodeLostGrace(Duration.ZERO)
        .reevaluateEvery(Duration.ofMillis(100));
  }

  private String launch(K8sExecutorSettings settings, TestKubelet.Scenario scenario)
      throws InterruptedException {
    Pod pod =
        new PodFactory(settings)
            .build(
                PodLaunchSpec.builder()
                    .runId(UUID.randomUUID().toString())
                    .jobName("etl")
                    .step("step", 0)
                    .codeLocation("loc", "etl:1")
                    .command(List.of("sleep", "30"))
                    .stepTags(
                        Map.of(
                            K8sConfig.TAG,
                            "{\"pod_template_spec_metadata\": {\"annotations\": {\""
                                + TestKubelet.SCENARIO_ANNOTATION
                                + "\": \""
                                + scenario
                                + "\"}}}"))
                    .build());
    api.create(pod);
    return pod.getMetadata().getName();
  }

  @Test
  void shouldClassifyNodeLostWhenNodeStopsReporting() throws Exception {
    K8sExecutorSettings settings = settings().build();
    watcher = new PodWatcher(client, settings, Clock.systemUTC(), outcomes);
    watcher.start(Duration.ofSeconds(20));

    String pod = launch(settings, TestKubelet.Scenario.NODE_LOST);

    PodOutcome outcome = outcomes.awaitTerminal(pod);
    assertThat(outcome.reason()).isEqualTo(PodFailureReason.NODE_LOST);
    assertThat(outcome.message())
        .contains("node test-node has not been ready")
        .contains("Kubelet stopped posting node status.");
    assertThat(outcome.isInfrastructureFailure()).isTrue();
    // Kubernetes itself still shows the pod running: only the node tells.
    assertThat(client.pods().inNamespace(NS).withName(pod).get().getStatus().getPhase())
        .isEqualTo("Running");
  }

  @Test
  void shouldKeepRunningWhenNodesAreNotWatched() throws Exception {
    K8sExecutorSettings settings = settings().watchNodes(false).build();
    watcher = new PodWatcher(client, settings, Clock.systemUTC(), outcomes);
    watcher.start(Duration.ofSeconds(20));

    String pod = launch(settings, TestKubelet.Scenario.NODE_LOST);

    outcomes.await(pod, o -> o.state() == State.RUNNING, Duration.ofSeconds(20));
    Thread.sleep(500); // five re-evaluations
    assertThat(watcher.outcome(pod)).get().extracting(PodOutcome::state).isEqualTo(State.RUNNING);
  }

  @Test
  void shouldFailPendingPodOnTimerWhenStartTimeoutPasses() throws Exception {
    K8sExecutorSettings settings = settings().startTimeout(Duration.ofSeconds(1)).build();
    watcher = new PodWatcher(client, settings, Clock.systemUTC(), outcomes);
    watcher.start(Duration.ofSeconds(20));

    String pod = launch(settings, TestKubelet.Scenario.NEVER_START);

    PodOutcome outcome = outcomes.awaitTerminal(pod);
    assertThat(outcome.reason()).isEqualTo(PodFailureReason.START_TIMEOUT);
    assertThat(outcomes.of(pod)).first().extracting(PodOutcome::state).isEqualTo(State.PENDING);
  }
}
