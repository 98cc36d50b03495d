package io.pipewright.executor.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.executor.k8s.internal.Names;
import io.pipewright.executor.k8s.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixture of the launcher's tests: a {@link TestCluster} (the mock API server in CRUD mode and
 * the test kubelet) watching one namespace, the client the tests' launchers use, the launchers a
 * test started (closed after it), and the reads of an attempt's pod those tests share. One per test
 * class ({@code @BeforeAll}), or one per test when the tests set expectations on the API server.
 * Not thread-safe: a class's tests run one after the other.
 */
final class LauncherCluster implements AutoCloseable {

  /** How long a test waits for a pod or a status: long, for a loaded machine. */
  static final Duration WAIT = Duration.ofSeconds(20);

  private final String namespace;
  private final TestCluster cluster;
  private final KubernetesClient client;
  private final List<K8sStepLauncher> launchers = new ArrayList<>();

  private LauncherCluster(String namespace) {
    this.namespace = namespace;
    this.cluster = TestCluster.start(namespace);
    this.client = cluster.newClient();
  }

  /**
   * Starts a cluster whose kubelet runs the pods of one namespace.
   *
   * @param namespace the namespace of the tests' launchers
   * @return the running cluster
   */
  static LauncherCluster start(String namespace) {
    return new LauncherCluster(namespace);
  }

  TestCluster cluster() {
    return cluster;
  }

  KubernetesClient client() {
    return client;
  }

  /**
   * The settings the tests' launchers start from: this namespace, the test's installation label, a
   * rate limit that is never the test's bottleneck, and pods deleted without a grace period.
   */
  K8sExecutorSettings.Builder settings(String instance) {
    return K8sExecutorSettings.builder()
        .namespace(namespace)
        .instance(instance)
        .rateLimit(500, 100)
        .deleteGracePeriod(Duration.ZERO);
  }

  /** Starts a launcher of this cluster's client, closed by {@link #closeLaunchers}. */
  K8sStepLauncher start(K8sStepLauncher.Builder builder) throws Exception {
    K8sStepLauncher launcher = builder.start();
    launchers.add(launcher);
    return launcher;
  }

  /** After a test: closes its launchers and deletes the pods of its installation label. */
  void closeLaunchers(String instance) {
    launchers.forEach(K8sStepLauncher::close);
    launchers.clear();
    client.pods().inNamespace(namespace).withLabel(PodLabels.INSTANCE, instance).delete();
  }

  static String podName(AttemptId id) {
    return Names.podName(id.runId(), id.stepKey(), id.attempt());
  }

  /** The attempt's pod as the API server has it, null when there is none. */
  Pod pod(AttemptId id) {
    return client.pods().inNamespace(namespace).withName(podName(id)).get();
  }

  /** Waits until the attempt's pod exists or is gone, and fails when it did not come to that. */
  void awaitPod(AttemptId id, boolean present) throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while ((pod(id) != null) != present && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(pod(id) != null).as("pod of %s exists", id).isEqualTo(present);
  }

  /** Closes the launchers still open, then the client and the cluster. */
  @Override
  public void close() {
    launchers.forEach(K8sStepLauncher::close);
    launchers.clear();
    client.close();
    cluster.close();
  }
}
