package io.pipewright.daemon.bench;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.daemon.testing.BenchWorkers;
import io.pipewright.executor.k8s.PodLabels;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A Kubernetes for the daemon's figures: fabric8's mock API server in CRUD mode (as executor-k8s's
 * {@code TestCluster}), with a kubelet that plays the step worker of each pod in no time.
 *
 * <p>Why not {@code TestCluster}'s test kubelet: it short-circuits only pods whose whole command is
 * {@code true}, while the daemon's pods run {@code execute-step --args ...}; its full path starts a
 * process per pod and writes five statuses (46 pods per second on this machine, measuring the mock
 * server). And a worker reports before its container exits: here, for each new pod, the worker's
 * {@code STEP_START}, {@code STEP_OUTPUT} and {@code STEP_SUCCESS} are stored through the event
 * log's ingest (as the webserver's ingest stores them, as {@code BenchWorkers} does), then the pod
 * gets its final status in one write (Succeeded, exit code 0), as the test kubelet's no-op path
 * writes it. Its log ({@code pods/<name>/log}) is one line, so the launcher's log copy is a real
 * call.
 */
final class BenchCluster implements AutoCloseable {

  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    // The mock server logs every request at INFO.
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
  }

  static final String LOG_LINE = "bench worker: step done\n";

  private final KubernetesMockServer server;
  private final KubernetesClient kubeletClient;
  private final String namespace;
  private final EventLog events;
  private final ExecutorService workers;
  private final Set<String> handled = ConcurrentHashMap.newKeySet();

  /** When each attempt's STEP_SUCCESS was stored: when the store answered (System.nanoTime). */
  final Map<AttemptId, Long> successStored = new ConcurrentHashMap<>();

  /** When each attempt's STEP_SUCCESS was sent to the store (System.nanoTime). */
  final Map<AttemptId, Long> successSent = new ConcurrentHashMap<>();

  /** When each pod's final status was written (System.nanoTime, noted before the write). */
  final Map<AttemptId, Long> podEnded = new ConcurrentHashMap<>();

  /**
   * The pod creations the API server received (every HTTP request, a client's re-sent ones too), by
   * answer: "201", "409", ...
   */
  static final Map<String, AtomicInteger> POSTS = new ConcurrentHashMap<>();

  /** How many create requests the API server received per pod name. */
  static final Map<String, AtomicInteger> POSTS_PER_POD = new ConcurrentHashMap<>();

  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private SharedIndexInformer<Pod> informer;

  private BenchCluster(
      KubernetesMockServer server, String namespace, EventLog events, int workerThreads) {
    this.server = server;
    this.kubeletClient = server.createClient();
    this.namespace = namespace;
    this.events = events;
    AtomicInteger count = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            workerThreads,
            r -> {
              Thread t = new Thread(r, "bench-kubelet-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts the API server, one ready node and the kubelet.
   *
   * @param namespace the steps' namespace
   * @param events where the workers store their events
   * @param workerThreads how many pods are worked on at once
   * @return the cluster
   */
  static BenchCluster start(String namespace, EventLog events, int workerThreads) {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            expectations,
            new Logs(new KubernetesMixedDispatcher(expectations)),
            false);
    server.init();
    BenchCluster cluster = new BenchCluster(server, namespace, events, workerThreads);
    cluster.startKubelet();
    return cluster;
  }

  /** A new client of the API server (the daemon's); close it when done. */
  KubernetesClient newClient() {
    return server.createClient();
  }

  /** The first failure of a worker, or null. */
  Throwable failure() {
    return failure.get();
  }

  private void startKubelet() {
    kubeletClient
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName("bench-node")
                .endMetadata()
                .withNewStatus()
                .withConditions(
                    new NodeConditionBuilder()
                        .withType("Ready")
                        .withStatus("True")
                        .withReason("KubeletReady")
                        .withLastTransitionTime(now())
                        .withLastHeartbeatTime(now())
                        .build())
                .endStatus()
                .build())
        .create();
    informer =
        kubeletClient
            .pods()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<Pod>() {
                  @Override
                  public void onAdd(Pod pod) {
                    if (handled.add(pod.getMetadata().getName())) {
                      workers.execute(() -> work(pod));
                    }
                  }

                  @Override
                  public void onUpdate(Pod old, Pod pod) {}

                  @Override
                  public void onDelete(Pod pod, boolean finalStateUnknown) {}
                });
  }

  private void work(Pod pod) {
    try {
      Map<String, String> annotations = pod.getMetadata().getAnnotations();
      AttemptId id =
          new AttemptId(
              annotations.get(PodLabels.RUN_ID),
              annotations.get(PodLabels.STEP),
              Integer.parseInt(annotations.get(PodLabels.ATTEMPT)));
      report(id);
      succeed(id, pod);
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  /** The worker: STEP_START, STEP_OUTPUT, STEP_SUCCESS through the ingest, as one batch. */
  private void report(AttemptId id) {
    Instant now = Instant.now();
    successSent.put(id, System.nanoTime());
    // Noted where the answer arrives (an event loop on PostgreSQL), not after this thread wakes
    // up: on a busy machine the wake-up can come after the daemon has already read the event.
    events
        .ingest(BenchWorkers.successBatch(id, now))
        .onItem()
        .invoke(() -> successStored.put(id, System.nanoTime()))
        .await()
        .indefinitely();
  }

  /** The container exited 0: one status write on the informer's copy of the pod. */
  private void succeed(AttemptId id, Pod pod) {
    String at = now();
    Pod done = new PodBuilder(pod).build();
    done.getSpec().setNodeName("bench-node");
    PodStatus status = new PodStatus();
    status.setPhase("Succeeded");
    status.setHostIP("10.0.0.1");
    status.setStartTime(at);
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition("PodScheduled", "True", null));
    conditions.add(condition("Initialized", "True", null));
    conditions.add(condition("Ready", "False", "PodCompleted"));
    status.setConditions(conditions);
    status.setContainerStatuses(
        List.of(
            new ContainerStatusBuilder()
                .withName(pod.getSpec().getContainers().get(0).getName())
                .withImage(pod.getSpec().getContainers().get(0).getImage())
                .withReady(false)
                .withStarted(false)
                .withRestartCount(0)
                .withState(
                    new ContainerStateBuilder()
                        .withNewTerminated()
                        .withExitCode(0)
                        .withReason("Completed")
                        .withStartedAt(at)
                        .withFinishedAt(at)
                        .endTerminated()
                        .build())
                .build()));
    done.setStatus(status);
    // Noted before the write: the launcher's informer may see it before the write returns.
    podEnded.put(id, System.nanoTime());
    try {
      kubeletClient.pods().inNamespace(namespace).resource(done).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // Changed since the informer saw it: write on the current version.
      Pod current = kubeletClient.pods().inNamespace(namespace).withName(podName(pod)).get();
      if (current != null) {
        current.setStatus(status);
        kubeletClient.pods().inNamespace(namespace).resource(current).updateStatus();
      }
    }
  }

  private static String podName(Pod pod) {
    return pod.getMetadata().getName();
  }

  private static PodCondition condition(String type, String value, String reason) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(value)
        .withReason(reason)
        .withLastTransitionTime(now())
        .build();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.stop();
    }
    workers.shutdownNow();
    kubeletClient.close();
    server.destroy();
  }

  /** Answers {@code GET .../pods/<name>/log} with one line; the rest goes to the CRUD server. */
  private static final class Logs extends Dispatcher {
    private static final Pattern LOG_PATH =
        Pattern.compile("/api/v1/namespaces/[^/]+/pods/[^/?]+/log(\\?.*)?");
    private static final Pattern PODS_PATH =
        Pattern.compile("/api/v1/namespaces/[^/]+/pods/?(\\?.*)?");
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

    private final Dispatcher delegate;

    Logs(Dispatcher delegate) {
      this.delegate = delegate;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if ("POST".equalsIgnoreCase(request.getMethod())
          && PODS_PATH.matcher(request.getPath()).matches()) {
        MockResponse response = delegate.dispatch(request);
        POSTS
            .computeIfAbsent(String.valueOf(response.code()), c -> new AtomicInteger())
            .incrementAndGet();
        java.util.regex.Matcher name = NAME.matcher(request.getUtf8Body());
        if (name.find()) {
          POSTS_PER_POD.computeIfAbsent(name.group(1), c -> new AtomicInteger()).incrementAndGet();
        }
        return response;
      }
      if (!"GET".equalsIgnoreCase(request.getMethod())
          || !LOG_PATH.matcher(request.getPath()).matches()) {
        return delegate.dispatch(request);
      }
      return new MockResponse()
          .setResponseCode(200)
          .setHeader("Content-Type", "text/plain")
          .setBody(LOG_LINE);
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }
  }
}
