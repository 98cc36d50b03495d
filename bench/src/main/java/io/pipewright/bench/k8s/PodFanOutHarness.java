package io.pipewright.bench.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.K8sStepLauncher;
import io.pipewright.executor.k8s.RunLookup;
import io.pipewright.executor.k8s.internal.Names;
import io.pipewright.executor.k8s.testing.TestCluster;
import io.pipewright.executor.k8s.testing.TestKubelet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Kubernetes step launcher against the mock API server and the test kubelet (issue 7's
 * figures): a run that fans out to 1,000 steps whose pods succeed at once (the kubelet
 * short-circuits the no-op command {@value TestKubelet#NO_OP_COMMAND}), launched at once through
 * one launcher with a QPS budget of 200.
 *
 * <p>Measures, after a warm-up fan-out: pods created per second (first launch call to the last
 * creation's answer), per step the time from the launch call to its {@code SUCCEEDED} status and
 * from the kubelet's terminal status write to that status (the launcher's own overhead: watch,
 * classification, delivery), API calls per successful step (create, log, delete, once every pod is
 * cleaned up), the rate limiter's waits and the informer's lag; then the same per-step times for
 * steps launched one at a time (no queue). Logs are copied into a sink that counts bytes, as a
 * compute log store would take them.
 *
 * <p>A plain program rather than JMH: one fan-out is one long measurement with its own percentiles.
 * Options: {@code --steps N} (1000), {@code --qps Q} (200), {@code --burst B} (200), {@code
 * --sequential N} (200), {@code --warmup N} (300).
 */
public final class PodFanOutHarness {

  private static final String NS = "bench";
  private static final Duration WAIT = Duration.ofMinutes(5);

  private final K8sStepLauncher launcher;
  private final TestKubelet kubelet;
  private final KubernetesClient client;
  private final MeterRegistry registry;
  private final AtomicLong logBytes;
  private final Map<AttemptId, Long> succeededAt = new ConcurrentHashMap<>();
  private volatile AttemptStatus unexpected;

  private PodFanOutHarness(
      K8sStepLauncher launcher,
      TestKubelet kubelet,
      KubernetesClient client,
      MeterRegistry registry,
      AtomicLong logBytes) {
    this.launcher = launcher;
    this.kubelet = kubelet;
    this.client = client;
    this.registry = registry;
    this.logBytes = logBytes;
  }

  /**
   * Runs the benchmark and prints its figures.
   *
   * @param args options, see the class comment
   * @throws Exception when the cluster or launcher cannot start, or steps do not finish in time
   */
  public static void main(String[] args) throws Exception {
    List<String> options = Arrays.asList(args);
    int steps = option(options, "--steps", 1000);
    int qps = option(options, "--qps", 200);
    int burst = option(options, "--burst", 200);
    int sequential = option(options, "--sequential", 200);
    int warmup = option(options, "--warmup", 300);

    try (TestCluster cluster = TestCluster.start(NS);
        KubernetesClient client = cluster.newClient()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      AtomicLong bytes = new AtomicLong();
      K8sExecutorSettings settings =
          K8sExecutorSettings.builder()
              .namespace(NS)
              .instance("bench")
              .rateLimit(qps, burst)
              .createConcurrency(16)
              .deleteGracePeriod(Duration.ZERO)
              .build();
      try (K8sStepLauncher launcher =
          K8sStepLauncher.builder(client, settings)
              .runs(runId -> Optional.of(RunLookup.RunInfo.active("fan_out", Map.of())))
              .computeLogs(log -> bytes.addAndGet(log.text().length()))
              .meterRegistry(registry)
              .start()) {
        PodFanOutHarness harness =
            new PodFanOutHarness(launcher, cluster.kubelet(), client, registry, bytes);
        launcher.watch(harness::onStatus);
        System.out.printf(
            Locale.ROOT,
            "executor-k8s fan-out: %d steps, QPS %d, burst %d, 16 creations in flight%n",
            steps,
            qps,
            burst);
        harness.fanOut(warmup, false);
        harness.fanOut(steps, true);
        harness.oneAtATime(sequential);
      }
    }
  }

  private void onStatus(AttemptStatus status) {
    if (status.phase() == AttemptStatus.Phase.SUCCEEDED) {
      succeededAt.put(status.attempt(), System.nanoTime());
    } else if (status.phase().isEnded()) {
      unexpected = status; // Listeners must not throw; the waiting thread reports it.
    }
  }

  private static LaunchRequest request(AttemptId id) {
    return LaunchRequest.builder(id, "bench")
        .image("registry.example.com/bench:1")
        .command(List.of(TestKubelet.NO_OP_COMMAND))
        .environment("PIPEWRIGHT_INGEST_TOKEN", "token")
        .build();
  }

  /** One run fanning out to {@code width} steps, all launched at once. */
  private void fanOut(int width, boolean report) throws Exception {
    String run = UUID.randomUUID().toString();
    List<AttemptId> ids = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      ids.add(new AttemptId(run, "work[" + i + "]", 1));
    }
    long callsBefore = apiCalls();
    long deletedBefore = deletedPods();
    long bytesBefore = logBytes.get();
    long[] launchedAt = new long[width];
    long[] createdAt = new long[width];
    List<CompletableFuture<LaunchResult>> results = new ArrayList<>(width);
    long start = System.nanoTime();
    for (int i = 0; i < width; i++) {
      int index = i;
      launchedAt[i] = System.nanoTime();
      results.add(
          launcher
              .launch(request(ids.get(i)))
              .toCompletableFuture()
              .whenComplete((r, e) -> createdAt[index] = System.nanoTime()));
    }
    long launchCallsDone = System.nanoTime();
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    for (CompletableFuture<LaunchResult> result : results) {
      if (result.get() != LaunchResult.launched()) {
        throw new IllegalStateException("a launch was not launched: " + result.get());
      }
    }
    long lastCreated = Arrays.stream(createdAt).max().orElseThrow();
    awaitSucceeded(ids);
    long lastSucceeded = ids.stream().mapToLong(succeededAt::get).max().orElseThrow();
    awaitPodsGone(deletedBefore + width);
    long cleanedUp = System.nanoTime();
    if (!report) {
      return;
    }
    long[] toStatus = new long[width];
    long[] afterPodEnded = new long[width];
    for (int i = 0; i < width; i++) {
      AttemptId id = ids.get(i);
      toStatus[i] = succeededAt.get(id) - launchedAt[i];
      afterPodEnded[i] = succeededAt.get(id) - kubeletEnded(id);
    }
    double seconds = (lastCreated - start) / 1e9;
    long calls = apiCalls() - callsBefore;
    System.out.printf(
        Locale.ROOT,
        "  launch calls returned after %.1f ms (launch() does not block)%n",
        (launchCallsDone - start) / 1e6);
    System.out.printf(
        Locale.ROOT,
        "  pods created: %d in %.2f s = %.0f pods/s%n",
        width,
        seconds,
        width / seconds);
    System.out.printf(
        Locale.ROOT,
        "  all SUCCEEDED after %.2f s, all pods deleted after %.2f s%n",
        (lastSucceeded - start) / 1e9,
        (cleanedUp - start) / 1e9);
    System.out.printf(
        Locale.ROOT, "  launch -> SUCCEEDED per step (queued): %s%n", percentiles(toStatus));
    System.out.printf(
        Locale.ROOT,
        "  kubelet's terminal status -> SUCCEEDED per step: %s%n",
        percentiles(afterPodEnded));
    System.out.printf(
        Locale.ROOT,
        "  API calls per successful step: %.2f (%s); logs copied: %d bytes%n",
        (double) calls / width,
        callsByVerb(),
        logBytes.get() - bytesBefore);
    Timer waits = registry.get("pipewright.k8s.ratelimiter.wait").timer();
    Timer lag = registry.get("pipewright.k8s.informer.lag").timer();
    System.out.printf(
        Locale.ROOT,
        "  rate limiter: %.1f s waited in total over %d calls; informer lag: mean %.1f ms, max"
            + " %.1f ms%n",
        waits.totalTime(TimeUnit.SECONDS),
        waits.count(),
        lag.mean(TimeUnit.MILLISECONDS),
        lag.max(TimeUnit.MILLISECONDS));
  }

  /** Steps launched one at a time, each after the previous one succeeded: no queue. */
  private void oneAtATime(int count) throws Exception {
    String run = UUID.randomUUID().toString();
    long deletedBefore = deletedPods();
    long[] toStatus = new long[count];
    long[] toLaunched = new long[count];
    long[] afterPodEnded = new long[count];
    for (int i = 0; i < count; i++) {
      AttemptId id = new AttemptId(run, "one_" + i, 1);
      long start = System.nanoTime();
      LaunchResult result =
          launcher.launch(request(id)).toCompletableFuture().get(1, TimeUnit.MINUTES);
      toLaunched[i] = System.nanoTime() - start;
      if (!result.isLaunched()) {
        throw new IllegalStateException(id + " was not launched: " + result);
      }
      awaitSucceeded(List.of(id));
      toStatus[i] = succeededAt.get(id) - start;
      afterPodEnded[i] = succeededAt.get(id) - kubeletEnded(id);
    }
    awaitPodsGone(deletedBefore + count);
    System.out.printf(Locale.ROOT, "one step at a time (%d steps):%n", count);
    System.out.printf(
        Locale.ROOT, "  launch -> launched (pod created): %s%n", percentiles(toLaunched));
    System.out.printf(Locale.ROOT, "  launch -> SUCCEEDED: %s%n", percentiles(toStatus));
    System.out.printf(
        Locale.ROOT, "  kubelet's terminal status -> SUCCEEDED: %s%n", percentiles(afterPodEnded));
  }

  private long kubeletEnded(AttemptId id) {
    Long at = kubelet.endedAtNanos(Names.podName(id.runId(), id.stepKey(), id.attempt()));
    if (at == null) {
      throw new IllegalStateException("the kubelet never ended the pod of " + id);
    }
    return at;
  }

  private void awaitSucceeded(List<AttemptId> ids) throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    for (AttemptId id : ids) {
      while (!succeededAt.containsKey(id)) {
        if (unexpected != null) {
          throw new IllegalStateException("a benchmark step did not succeed: " + unexpected);
        }
        if (System.nanoTime() > until) {
          throw new IllegalStateException(id + " did not succeed within " + WAIT);
        }
        Thread.sleep(1);
      }
    }
  }

  /** Waits until the launcher deleted every succeeded pod (counted, not listed: no extra load). */
  private void awaitPodsGone(long deletions) throws InterruptedException {
    long until = System.nanoTime() + WAIT.toNanos();
    while (deletedPods() < deletions) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException("the launcher did not delete the pods in time");
      }
      Thread.sleep(5);
    }
  }

  private long deletedPods() {
    return (long)
        registry.find("pipewright.k8s.pods.deleted").counters().stream()
            .mapToDouble(c -> c.count())
            .sum();
  }

  private long apiCalls() {
    return registry.find("pipewright.k8s.api.latency").timers().stream()
        .mapToLong(Timer::count)
        .sum();
  }

  private String callsByVerb() {
    StringBuilder text = new StringBuilder();
    for (Timer timer : registry.find("pipewright.k8s.api.latency").timers()) {
      if (timer.count() > 0) {
        text.append(text.length() == 0 ? "" : ", ")
            .append(timer.getId().getTag("verb"))
            .append(' ')
            .append(timer.getId().getTag("outcome"))
            .append(' ')
            .append(timer.count());
      }
    }
    return text.append(" in all runs so far").toString();
  }

  private static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "p50 %.1f ms, p99 %.1f ms, max %.1f ms",
        sorted[(int) Math.floor(0.50 * (sorted.length - 1))] / 1e6,
        sorted[(int) Math.floor(0.99 * (sorted.length - 1))] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  private static int option(List<String> options, String name, int fallback) {
    int at = options.indexOf(name);
    return at < 0 || at + 1 >= options.size() ? fallback : Integer.parseInt(options.get(at + 1));
  }
}
