package io.pipewright.executor.k8s.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.PodLabels;
import io.pipewright.executor.k8s.PodOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches this installation's step pods with one shared informer (and nodes with another, when node
 * watching is on), classifies every change with {@link PodClassifier}, and reports each pod's
 * outcome when it changes. No polling: pod and node changes arrive by watch, and the time-based
 * rules are re-evaluated from the informer's cache every {@code reevaluateEvery}, without API
 * calls.
 *
 * <p>All decisions run on one thread, in order, so the listener is never called concurrently. A
 * terminal outcome is reported once per pod. On start the informer lists every existing pod, so a
 * restarted daemon learns the outcome of every attempt it launched before.
 */
public final class PodWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PodWatcher.class);

  /** Receives outcomes. */
  @FunctionalInterface
  public interface Listener {
    /**
     * Called on the watcher's thread when a pod's outcome changes.
     *
     * @param pod the pod's identity
     * @param outcome its new outcome
     */
    void onOutcome(StepPod pod, PodOutcome outcome);

    /**
     * Called on the watcher's thread when a pod that Pipewright deleted (see {@link
     * #expectDeletion}) is gone: the launcher reports a terminated attempt once its pod stopped.
     *
     * @param pod the pod's identity
     */
    default void onRemovedByPipewright(StepPod pod) {}
  }

  /**
   * A step pod's identity, read from its annotations.
   *
   * @param podName the pod's name
   * @param runId the run id
   * @param stepKey the step key
   * @param attempt the attempt number, -1 when unreadable
   */
  public record StepPod(String podName, String runId, String stepKey, int attempt) {
    static StepPod of(Pod pod) {
      Map<String, String> annotations = pod.getMetadata().getAnnotations();
      String attempt = annotations == null ? null : annotations.get(PodLabels.ATTEMPT);
      int number;
      try {
        number = attempt == null ? -1 : Integer.parseInt(attempt);
      } catch (NumberFormatException e) {
        number = -1;
      }
      return new StepPod(
          pod.getMetadata().getName(),
          annotations == null ? null : annotations.get(PodLabels.RUN_ID),
          annotations == null ? null : annotations.get(PodLabels.STEP),
          number);
    }
  }

  /**
   * The watcher's counters, ready for a metrics registry.
   *
   * @param podEvents pod adds, updates and deletes received from the informer
   * @param nodeEvents node adds, updates and deletes received
   * @param outcomesReported outcomes passed to the listener
   * @param trackedPods pods whose outcome is known and not yet deleted
   */
  public record Stats(long podEvents, long nodeEvents, long outcomesReported, int trackedPods) {}

  private final KubernetesClient client;
  private final K8sExecutorSettings settings;
  private final Clock clock;
  private final Listener listener;
  private final PodClassifier classifier;
  private final ScheduledExecutorService loop;
  private final Map<String, PodOutcome> outcomes = new ConcurrentHashMap<>();
  private final Set<String> expectedDeletions = ConcurrentHashMap.newKeySet();
  private final AtomicLong podEvents = new AtomicLong();
  private final AtomicLong nodeEvents = new AtomicLong();
  private final AtomicLong reported = new AtomicLong();

  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<Node> nodes;

  /**
   * Creates a watcher; {@link #start()} starts it.
   *
   * @param client the Kubernetes client
   * @param settings namespace, instance, grace periods and node watching
   * @param clock the time of decisions
   * @param listener receives outcomes
   */
  public PodWatcher(
      KubernetesClient client, K8sExecutorSettings settings, Clock clock, Listener listener) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.classifier = new PodClassifier(settings);
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "pipewright-pod-watcher");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts the informers and the re-evaluation timer, and waits until the informers have listed
   * what exists.
   *
   * @param timeout how long to wait for the first list
   * @throws TimeoutException when the informers did not sync in time (they keep trying)
   * @throws InterruptedException when interrupted while waiting
   */
  public synchronized void start(Duration timeout) throws TimeoutException, InterruptedException {
    if (pods != null) {
      throw new IllegalStateException("the pod watcher is started already");
    }
    if (settings.watchNodes()) {
      nodes = client.nodes().runnableInformer(0);
      nodes.addEventHandler(new NodeHandler());
    }
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(PodLabels.MANAGED_BY, PodLabels.MANAGED_BY_VALUE);
    selector.put(PodLabels.INSTANCE, settings.instance());
    pods = client.pods().inNamespace(settings.namespace()).withLabels(selector).runnableInformer(0);
    pods.addEventHandler(new PodHandler());
    long every = settings.reevaluateEvery().toNanos();
    loop.scheduleWithFixedDelay(this::reevaluatePending, every, every, TimeUnit.NANOSECONDS);
    try {
      pods.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (nodes != null) {
        nodes.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("the pod watcher's informers failed to start", e.getCause());
    }
  }

  /**
   * Marks a pod as deleted by Pipewright (termination, clean-up): its deletion is not reported as
   * {@code DELETED}. Call before deleting.
   *
   * @param podName the pod's name
   */
  public void expectDeletion(String podName) {
    expectedDeletions.add(podName);
  }

  /**
   * Withdraws {@link #expectDeletion}: for a deletion that found no pod, so that nothing waits for
   * a removal that will never be seen.
   *
   * @param podName the pod's name
   */
  public void cancelExpectedDeletion(String podName) {
    expectedDeletions.remove(podName);
  }

  /**
   * Returns the pods in the informer's cache (no API call), for the orphan sweep.
   *
   * @return the cached pods; empty before {@link #start}
   */
  public List<Pod> cachedPods() {
    SharedIndexInformer<Pod> informer = pods;
    return informer == null ? List.of() : informer.getStore().list();
  }

  /**
   * Marks every known pod of a run as deleted by Pipewright: call before deleting a run's pods.
   *
   * @param runId the run id
   */
  public void expectRunDeletion(String runId) {
    SharedIndexInformer<Pod> informer = pods;
    if (informer == null) {
      return;
    }
    for (Pod pod : informer.getStore().list()) {
      if (runId.equals(StepPod.of(pod).runId())) {
        expectedDeletions.add(pod.getMetadata().getName());
      }
    }
  }

  /**
   * Returns the last outcome reported for a pod.
   *
   * @param podName the pod's name
   * @return the outcome, or empty when the pod is unknown or gone
   */
  public Optional<PodOutcome> outcome(String podName) {
    return Optional.ofNullable(outcomes.get(podName));
  }

  /**
   * Re-evaluates every pod that is not finished, now, on the watcher's thread, and waits for it:
   * what the timer does, for tests that move a fake clock.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public void reevaluateNow() throws InterruptedException {
    try {
      loop.submit(this::reevaluatePending).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Returns the counters.
   *
   * @return a snapshot
   */
  public Stats stats() {
    return new Stats(podEvents.get(), nodeEvents.get(), reported.get(), outcomes.size());
  }

  /** Stops the informers and the timer. */
  @Override
  public synchronized void close() {
    if (pods != null) {
      pods.stop();
    }
    if (nodes != null) {
      nodes.stop();
    }
    loop.shutdownNow();
  }

  private void evaluate(Pod pod) {
    String name = pod.getMetadata().getName();
    PodOutcome previous = outcomes.get(name);
    if (previous != null && previous.isTerminal()) {
      return; // Terminal outcomes are final.
    }
    if (expectedDeletions.contains(name) && pod.getMetadata().getDeletionTimestamp() != null) {
      // Pipewright is stopping it on purpose: the exit its stop signal causes is no outcome. A pod
      // that ends by itself before its deletion starts still reports its real end.
      return;
    }
    report(pod, classifier.classify(pod, readiness(pod), clock.instant()), previous);
  }

  private void deleted(Pod pod) {
    String name = pod.getMetadata().getName();
    PodOutcome previous = outcomes.remove(name);
    boolean ours = expectedDeletions.remove(name);
    if (ours) {
      tellRemoved(pod);
      return;
    }
    if (previous != null && previous.isTerminal()) {
      return;
    }
    // The pod is gone: report its last outcome without remembering it.
    tell(pod, classifier.classifyDeleted(pod, readiness(pod), clock.instant()));
  }

  private void report(Pod pod, PodOutcome outcome, PodOutcome previous) {
    if (outcome.equals(previous)) {
      return;
    }
    outcomes.put(pod.getMetadata().getName(), outcome);
    tell(pod, outcome);
  }

  private void tell(Pod pod, PodOutcome outcome) {
    reported.incrementAndGet();
    try {
      listener.onOutcome(StepPod.of(pod), outcome);
    } catch (RuntimeException e) {
      // The loop must go on for the other pods; the listener's failure is its own to handle.
      LOG.error(
          "Pod outcome listener failed for pod {} ({}): {}",
          pod.getMetadata().getName(),
          outcome.state(),
          e.toString(),
          e);
    }
  }

  private void tellRemoved(Pod pod) {
    try {
      listener.onRemovedByPipewright(StepPod.of(pod));
    } catch (RuntimeException e) {
      // As in tell(): one listener failure must not stop the loop.
      LOG.error(
          "Pod removal listener failed for pod {}: {}",
          pod.getMetadata().getName(),
          e.toString(),
          e);
    }
  }

  private void reevaluatePending() {
    SharedIndexInformer<Pod> informer = pods;
    if (informer == null) {
      return;
    }
    for (Pod pod : informer.getStore().list()) {
      evaluate(pod);
    }
  }

  private void nodeChanged(String nodeName) {
    SharedIndexInformer<Pod> informer = pods;
    if (informer == null) {
      return;
    }
    for (Pod pod : informer.getStore().list()) {
      if (pod.getSpec() != null && nodeName.equals(pod.getSpec().getNodeName())) {
        evaluate(pod);
      }
    }
  }

  private void submit(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed: the informers' last events are of no interest any more.
    }
  }

  private NodeReadiness readiness(Pod pod) {
    SharedIndexInformer<Node> informer = nodes;
    String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (informer == null || nodeName == null || !informer.hasSynced()) {
      return NodeReadiness.unknown();
    }
    return NodeReadiness.of(informer.getStore().getByKey(nodeName));
  }

  private final class PodHandler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      podEvents.incrementAndGet();
      submit(() -> evaluate(pod));
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
      podEvents.incrementAndGet();
      submit(() -> evaluate(pod));
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      podEvents.incrementAndGet();
      submit(() -> deleted(pod));
    }
  }

  private final class NodeHandler implements ResourceEventHandler<Node> {
    @Override
    public void onAdd(Node node) {
      changed(node);
    }

    @Override
    public void onUpdate(Node old, Node node) {
      changed(node);
    }

    @Override
    public void onDelete(Node node, boolean finalStateUnknown) {
      changed(node);
    }

    private void changed(Node node) {
      nodeEvents.incrementAndGet();
      String name = node.getMetadata().getName();
      submit(() -> nodeChanged(name));
    }
  }
}
