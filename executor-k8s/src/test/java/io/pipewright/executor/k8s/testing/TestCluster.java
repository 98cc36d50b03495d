package io.pipewright.executor.k8s.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API for tests: fabric8's mock API server in CRUD mode (objects are stored, listed,
 * watched, patched and deleted as by a real API server, without admission or defaulting), plus a
 * {@link TestKubelet} that runs pods' commands as local processes and serves their logs through the
 * API's {@code pods/log} endpoint.
 *
 * <p>Reusable by other modules through this module's test-jar (they must declare {@code
 * io.fabric8:kubernetes-server-mock} with test scope themselves).
 *
 * <pre>{@code
 * try (TestCluster cluster = TestCluster.start("steps")) {
 *   KubernetesClient client = cluster.newClient();
 *   ... create pods; cluster.kubelet() runs them ...
 * }
 * }</pre>
 */
public final class TestCluster implements AutoCloseable {

  // Held so that the level stays set: java.util.logging keeps loggers weakly.
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    // The mock server logs every request at INFO; a run of tests would drown in it.
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final KubernetesClient kubeletClient;
  private final TestKubelet kubelet;

  private TestCluster(KubernetesMockServer server, LogDispatcher dispatcher, String namespace) {
    this.server = server;
    this.kubeletClient = server.createClient();
    this.kubelet = new TestKubelet(kubeletClient, namespace);
    dispatcher.logs(kubelet::logs);
  }

  /**
   * Starts a mock API server and a test kubelet watching one namespace, with one ready node
   * ({@value TestKubelet#NODE_NAME}).
   *
   * @param namespace the namespace whose pods the kubelet runs
   * @return the running cluster
   */
  public static TestCluster start(String namespace) {
    return start(namespace, 0);
  }

  /**
   * Starts a mock API server on a given port (for a process under test configured before the
   * cluster starts: its API URL is {@code http://localhost:<port>/}), and a test kubelet watching
   * one namespace, with one ready node.
   *
   * @param namespace the namespace whose pods the kubelet runs
   * @param port the port; 0 for any free port
   * @return the running cluster
   */
  public static TestCluster start(String namespace, int port) {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    LogDispatcher dispatcher = new LogDispatcher(new KubernetesMixedDispatcher(expectations));
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), expectations, dispatcher, false);
    if (port == 0) {
      server.init();
    } else {
      server.init(java.net.InetAddress.getLoopbackAddress(), port);
    }
    TestCluster cluster = new TestCluster(server, dispatcher, namespace);
    cluster.kubelet.start();
    return cluster;
  }

  /**
   * Creates a new client of the API server, for the code under test; close it when done.
   *
   * @return a client
   */
  public KubernetesClient newClient() {
    return server.createClient();
  }

  /**
   * Returns the kubelet.
   *
   * @return the kubelet
   */
  public TestKubelet kubelet() {
    return kubelet;
  }

  /**
   * Returns the mock server (for expectations and request counts).
   *
   * @return the server
   */
  public KubernetesMockServer server() {
    return server;
  }

  @Override
  public void close() {
    kubelet.close();
    kubeletClient.close();
    server.destroy();
  }
}
