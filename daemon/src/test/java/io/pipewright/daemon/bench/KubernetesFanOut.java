package io.pipewright.daemon.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewright.core.auth.AttemptTokens;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatusListener;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StatusWatch;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.ExecutionPlanSnapshot;
import io.pipewright.daemon.Daemon;
import io.pipewright.daemon.DaemonSettings;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.launch.k8s.ComputeLogCopy;
import io.pipewright.daemon.launch.k8s.LeaderBoundLauncher;
import io.pipewright.daemon.launch.k8s.RunStoreLookup;
import io.pipewright.daemon.leader.LeaderElection;
import io.pipewright.daemon.loop.DaemonLoop;
import io.pipewright.daemon.metrics.DaemonMetrics;
import io.pipewright.daemon.orchestrator.LaunchRequests;
import io.pipewright.daemon.testing.Plans;
import io.pipewright.daemon.testing.Runs;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.K8sStepLauncher;
import io.pipewright.storage.memory.InMemoryComputeLogStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Issue 7's figures through one daemon: the real loop ({@link Daemon} with {@link DaemonLoop}: run
 * queue, orchestrator, monitor) drives runs whose steps are pods, launched by the real {@link
 * K8sStepLauncher} wired as {@code KubernetesWiring} wires it (bound to leadership by {@link
 * LeaderBoundLauncher}, runs looked up in the run store, logs copied to a compute log store, tokens
 * and the ingest URL in each request), against the mock API server of {@link BenchCluster}, whose
 * kubelet stores each worker's events and then ends its pod Succeeded.
 *
 * <p>A run is {@code root}, then {@code width} steps reading root's output, then {@code collect}
 * reading all of them. Recorded per step ({@link System#nanoTime()}): when its upstream's success
 * was stored (it became ready), the daemon's {@code launch} call, the creation's answer.
 */
final class KubernetesFanOut implements AutoCloseable {

  static final String NAMESPACE = "bench";
  static final int QPS = 200;
  static final int BURST = 200;
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final String LOCATION = "bench";

  private final DaemonStores stores;
  private final TimedEventLog events;
  private final BenchCluster cluster;
  private final KubernetesClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Recorder recorder;
  private final Daemon daemon;
  private final LeaderBoundLauncher bound;
  private final GcPauses gc = new GcPauses();

  KubernetesFanOut(DaemonStores plain) {
    this.events = new TimedEventLog(plain.events());
    this.stores =
        new DaemonStores(
            plain.runs(), plain.snapshots(), events, plain.pools(), plain.heartbeats());
    this.cluster = BenchCluster.start(NAMESPACE, plain.events(), 8);
    this.client = cluster.newClient();
    K8sExecutorSettings settings =
        K8sExecutorSettings.builder()
            .namespace(NAMESPACE)
            .instance("bench")
            .rateLimit(QPS, BURST)
            .createConcurrency(16)
            // The mock server deletes at once either way; no grace keeps it comparable to
            // PodFanOutHarness.
            .deleteGracePeriod(Duration.ZERO)
            .build();
    DaemonSettings daemonSettings = DaemonSettings.defaults("bench-k8s");
    RunStoreLookup lookup = new RunStoreLookup(stores.runs(), daemonSettings.storeTimeout());
    ComputeLogCopy logs = new ComputeLogCopy(new InMemoryComputeLogStore());
    this.bound =
        new LeaderBoundLauncher(
            () ->
                K8sStepLauncher.builder(client, settings)
                    .runs(lookup)
                    .computeLogs(logs)
                    .meterRegistry(registry)
                    .start(),
            Duration.ofSeconds(5));
    this.recorder = new Recorder(bound);
    byte[] secret = new byte[32];
    ThreadLocalRandom.current().nextBytes(secret);
    LaunchRequests requests =
        new LaunchRequests(
            new AttemptTokens(secret),
            Duration.ofHours(24),
            "http://pipewright-webserver:3000",
            null,
            Clock.systemUTC(),
            (location, job, fromPlan) -> "registry.example.com/bench:1");
    DaemonLoop loop =
        new DaemonLoop(
            stores,
            recorder,
            requests,
            location -> Optional.empty(),
            daemonSettings,
            Clock.systemUTC(),
            () -> ThreadLocalRandom.current().nextDouble(),
            new DaemonMetrics(registry));
    this.daemon = new Daemon(loop, bound.follow(LeaderElection.alone()), List.of(bound));
    daemon.start();
    await("the launcher to start", () -> bound.isRunning() && daemon.loop().isActive());
  }

  /** One fan-out's figures. */
  record Result(
      int width,
      RunStatus end,
      double podsPerSecond,
      double creationSeconds,
      Percentiles overhead,
      Percentiles deciding,
      Percentiles storingDecision,
      Percentiles callingLauncher,
      String timeline,
      double collectOverheadMillis,
      double rootOverheadMillis,
      Percentiles launchToCreated,
      double apiCallsPerStep,
      String apiCallsByVerb,
      double runSeconds,
      double allDeletedSeconds,
      double loopBusyMillis,
      double loopCpuMillis,
      double rateLimiterWaitSeconds,
      String creations) {

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "fan-out to %d steps (+ root + collect), QPS %d, burst %d: run ended %s%n"
              + "  pods created per second: %.0f (%d pods, first launch call -> last creation"
              + " answered: %.2f s)%n"
              + "  orchestrator overhead per fanned-out step (root's success stored -> launch"
              + " call): %s%n"
              + "    of which: success stored -> append of STEP_WORKER_STARTING begins: %s%n"
              + "              the append: %s%n"
              + "              append answered -> launch call: %s%n"
              + "  timeline (s after the run was queued): %s%n"
              + "  collect (last upstream success stored -> launch call): %.2f ms; root (run"
              + " queued -> launch call): %.2f ms%n"
              + "  launch call -> pod created (rate limiter queue): %s%n"
              + "  API calls per successful step: %.2f (%s)%n"
              + "  run wall time (queued -> SUCCESS seen): %.2f s (%.2f s from root's launch call);"
              + " all pods deleted after %.2f s%n"
              + "  loop busy (its cycles' wall time): %.0f ms in all; the loop thread's CPU time:"
              + " %.0f ms in all (%.0f us per step); rate limiter waits: %.1f s summed over"
              + " threads%n"
              + "  pod creations: %s%n",
          width,
          QPS,
          BURST,
          end,
          podsPerSecond,
          width,
          creationSeconds,
          overhead,
          deciding,
          storingDecision,
          callingLauncher,
          timeline,
          collectOverheadMillis,
          rootOverheadMillis,
          launchToCreated,
          apiCallsPerStep,
          apiCallsByVerb,
          runSeconds,
          runSeconds - rootOverheadMillis / 1000,
          allDeletedSeconds,
          loopBusyMillis,
          loopCpuMillis,
          loopCpuMillis * 1000 / (width + 2),
          rateLimiterWaitSeconds,
          creations);
    }
  }

  /** Latency percentiles in milliseconds. */
  record Percentiles(int count, double p50, double p90, double p99, double max) {
    static Percentiles of(List<Long> nanos) {
      List<Long> sorted = new ArrayList<>(nanos);
      Collections.sort(sorted);
      return new Percentiles(
          sorted.size(), at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), at(sorted, 1.0));
    }

    private static double at(List<Long> sorted, double q) {
      int index = (int) Math.ceil(q * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms",
          count,
          p50,
          p90,
          p99,
          max);
    }
  }

  /**
   * Runs one fan-out to its end and measures it.
   *
   * @param width how many steps root fans out to
   * @return the figures
   */
  Result fanOut(int width) {
    String job = "fan_out_" + width + "_" + System.nanoTime();
    List<String> keys = new ArrayList<>(width);
    List<Plans.Step> steps = new ArrayList<>(width + 2);
    steps.add(Plans.step("root"));
    Plans.Step collect = Plans.step("collect");
    for (int i = 0; i < width; i++) {
      String key = String.format(Locale.ROOT, "work_%04d", i);
      keys.add(key);
      steps.add(Plans.step(key).in("x", "root"));
      collect.in("x" + i, key);
    }
    steps.add(collect);
    ExecutionPlanSnapshot plan = Plans.plan(job, steps.toArray(Plans.Step[]::new));

    long callsBefore = apiCalls();
    double deletedBefore = deletedPods();
    double busyBefore = loopBusyMillis();
    long cpuBefore = loopCpuNanos();
    double waitedBefore = limiterWaitSeconds();
    Map<String, Double> countersBefore = counters();
    Map<String, Integer> postsBefore = posts();
    events.clear();
    long queued = System.nanoTime();
    String runId = Runs.queue(stores, plan, LOCATION, Map.of(), Instant.now());
    await("the run to end", () -> ended(runId));
    long endSeen = System.nanoTime();
    RunStatus end = stores.runs().find(runId).await().indefinitely().map(Run::status).orElse(null);
    if (end != RunStatus.SUCCESS) {
      return failed(width, end, endSeen - queued);
    }
    await("every pod to be deleted", () -> deletedPods() - deletedBefore >= width + 2);
    long deleted = System.nanoTime();

    // The root's success is stored once the store answers the bench kubelet, or once the daemon is
    // notified of it, whichever comes first: the kubelet's thread may see its answer after the
    // daemon has already read the event.
    AttemptId rootId = attempt(runId, "root");
    long rootSuccess =
        Math.min(
            cluster.successStored.get(rootId),
            events.notifiedAfter(runId, cluster.successSent.get(rootId)).orElse(Long.MAX_VALUE));
    List<Long> overhead = new ArrayList<>(width);
    List<Long> queue = new ArrayList<>(width);
    List<Long> deciding = new ArrayList<>(width);
    List<Long> storing = new ArrayList<>(width);
    List<Long> calling = new ArrayList<>(width);
    List<Long> inLauncher = new ArrayList<>(width);
    long lastAnswered = Long.MIN_VALUE;
    long firstLaunch = Long.MAX_VALUE;
    long lastCreated = Long.MIN_VALUE;
    long lastWorkSuccess = Long.MIN_VALUE;
    Map<AttemptId, long[]> appends = events.startingAppends();
    for (String key : keys) {
      AttemptId id = attempt(runId, key);
      long launched = recorder.launchCalls.get(id);
      long created = recorder.created.get(id);
      overhead.add(launched - rootSuccess);
      long began = appends.get(id)[0];
      long answered = appends.get(id)[1];
      deciding.add(began - rootSuccess);
      storing.add(answered - began);
      calling.add(launched - answered);
      inLauncher.add(recorder.launchReturned.get(id) - launched);
      lastAnswered = Math.max(lastAnswered, answered);
      queue.add(created - launched);
      firstLaunch = Math.min(firstLaunch, launched);
      lastCreated = Math.max(lastCreated, created);
      lastWorkSuccess = Math.max(lastWorkSuccess, cluster.successStored.get(id));
    }
    AttemptId collectId = attempt(runId, "collect");
    long collectLaunch = recorder.launchCalls.get(collectId);
    long rootLaunch = recorder.launchCalls.get(attempt(runId, "root"));
    String timeline =
        String.format(
                Locale.ROOT,
                "root launch call %.2f, root success stored %.2f, first fanned-out launch call %.2f,"
                    + " last pod created %.2f, last fanned-out success stored %.2f, collect launch"
                    + " call %.2f, collect pod created %.2f, collect success stored %.2f, run end"
                    + " seen %.2f",
                (rootLaunch - queued) / 1e9,
                (rootSuccess - queued) / 1e9,
                (firstLaunch - queued) / 1e9,
                (lastCreated - queued) / 1e9,
                (lastWorkSuccess - queued) / 1e9,
                (collectLaunch - queued) / 1e9,
                (recorder.created.get(collectId) - queued) / 1e9,
                (cluster.successStored.get(collectId) - queued) / 1e9,
                (endSeen - queued) / 1e9)
            + String.format(
                Locale.ROOT,
                ", RUN_SUCCESS appended %.2f",
                (events.runSuccessAppended(runId).orElse(queued) - queued) / 1e9)
            + String.format(
                Locale.ROOT,
                "; handing over: last append answered -> first launch call %.2f ms, first -> last"
                    + " launch call %.2f ms, time inside the launcher's launch per call: %s",
                (firstLaunch - lastAnswered) / 1e6,
                (keys.stream()
                            .mapToLong(k -> recorder.launchCalls.get(attempt(runId, k)))
                            .max()
                            .orElse(firstLaunch)
                        - firstLaunch)
                    / 1e6,
                Percentiles.of(inLauncher))
            + "; attempts whose last status to the daemon is not an end: "
            + recorder.notEnded(runId)
            + "; GC collections from root's success stored to the last fanned-out launch call: "
            + gc.during(
                rootSuccess,
                keys.stream()
                    .mapToLong(k -> recorder.launchCalls.get(attempt(runId, k)))
                    .max()
                    .orElse(rootSuccess))
            + "; collect's statuses (phase@ms, queued@"
            + queued / 1_000_000
            + "): "
            + recorder.statuses.get(collectId);
    double creation = (lastCreated - firstLaunch) / 1e9;
    long calls = apiCalls() - callsBefore;
    return new Result(
        width,
        end,
        width / creation,
        creation,
        Percentiles.of(overhead),
        Percentiles.of(deciding),
        Percentiles.of(storing),
        Percentiles.of(calling),
        timeline,
        (collectLaunch - lastWorkSuccess) / 1e6,
        (rootLaunch - queued) / 1e6,
        Percentiles.of(queue),
        (double) calls / (width + 2),
        callsByVerb(),
        (endSeen - queued) / 1e9,
        (deleted - queued) / 1e9,
        loopBusyMillis() - busyBefore,
        (loopCpuNanos() - cpuBefore) / 1e6,
        limiterWaitSeconds() - waitedBefore,
        creations(runId, countersBefore, postsBefore));
  }

  /** The launcher's creation and launch counters, and what the API server received, by name. */
  private Map<String, Double> counters() {
    Map<String, Double> counters = new java.util.TreeMap<>();
    registry
        .find("pipewright.k8s.pods.creations")
        .counters()
        .forEach(c -> counters.put("creation " + c.getId().getTag("outcome"), c.count()));
    registry
        .find("pipewright.k8s.launches")
        .counters()
        .forEach(c -> counters.put("launch " + c.getId().getTag("answer"), c.count()));
    return counters;
  }

  private static Map<String, Integer> posts() {
    Map<String, Integer> posts = new java.util.TreeMap<>();
    BenchCluster.POSTS.forEach((code, n) -> posts.put(code, n.get()));
    return posts;
  }

  private String creations(
      String runId, Map<String, Double> countersBefore, Map<String, Integer> postsBefore) {
    StringBuilder text = new StringBuilder("launcher:");
    counters()
        .forEach(
            (name, n) -> {
              double delta = n - countersBefore.getOrDefault(name, 0.0);
              if (delta > 0) {
                text.append(' ').append(name).append(' ').append((long) delta).append(',');
              }
            });
    text.append(" API server received POST pods:");
    posts()
        .forEach(
            (code, n) -> {
              int delta = n - postsBefore.getOrDefault(code, 0);
              if (delta > 0) {
                text.append(' ').append(code).append(' ').append(delta).append(',');
              }
            });
    long podsPostedTwice =
        BenchCluster.POSTS_PER_POD.values().stream().filter(n -> n.get() > 1).count();
    long attemptsLaunchedTwice =
        recorder.launchCount.entrySet().stream()
            .filter(e -> e.getKey().runId().equals(runId) && e.getValue().get() > 1)
            .count();
    long launchCalls =
        recorder.launchCount.entrySet().stream()
            .filter(e -> e.getKey().runId().equals(runId))
            .mapToLong(e -> e.getValue().get())
            .sum();
    return text.append(" pods POSTed more than once (since the start): ")
        .append(podsPostedTwice)
        .append("; daemon launch calls: ")
        .append(launchCalls)
        .append(", attempts asked for more than once: ")
        .append(attemptsLaunchedTwice)
        .toString();
  }

  private static Result failed(int width, RunStatus end, long nanos) {
    Percentiles none = new Percentiles(0, 0, 0, 0, 0);
    return new Result(
        width,
        end,
        0,
        0,
        none,
        none,
        none,
        none,
        "",
        0,
        0,
        none,
        0,
        "",
        nanos / 1e9,
        0,
        0,
        0,
        0,
        "");
  }

  private boolean ended(String runId) {
    if (cluster.failure() != null) {
      throw new IllegalStateException("a bench worker failed", cluster.failure());
    }
    return stores
        .runs()
        .find(runId)
        .await()
        .indefinitely()
        .map(run -> run.status().isTerminal())
        .orElse(false);
  }

  private static AttemptId attempt(String runId, String step) {
    return new AttemptId(runId, step, 1);
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
    return text.append(" since the daemon started").toString();
  }

  private double deletedPods() {
    return registry.find("pipewright.k8s.pods.deleted").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private double loopBusyMillis() {
    Timer loop = registry.find("pipewright.daemon.loop").timer();
    return loop == null ? 0 : loop.totalTime(TimeUnit.MILLISECONDS);
  }

  /** CPU time of the daemon's loop thread (the one that decides and calls the launcher). */
  private static long loopCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("pipewright-daemon-loop")) {
        return threads.getThreadCpuTime(thread.getId());
      }
    }
    return 0;
  }

  private double limiterWaitSeconds() {
    Timer waits = registry.find("pipewright.k8s.ratelimiter.wait").timer();
    return waits == null ? 0 : waits.totalTime(TimeUnit.SECONDS);
  }

  private static void await(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen within " + WAIT);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    daemon.close();
    client.close();
    cluster.close();
    gc.close();
  }

  /** The daemon's launcher as the loop sees it, noting each launch call and its answer. */
  private static final class Recorder implements StepLauncher {
    private final StepLauncher delegate;
    final Map<AttemptId, Long> launchCalls = new ConcurrentHashMap<>();
    // When the launcher's launch returned: the time it took the loop's thread, per call.
    final Map<AttemptId, Long> launchReturned = new ConcurrentHashMap<>();
    final Map<AttemptId, java.util.concurrent.atomic.AtomicInteger> launchCount =
        new ConcurrentHashMap<>();
    final Map<AttemptId, Long> created = new ConcurrentHashMap<>();
    final Map<AttemptId, List<String>> statuses = new ConcurrentHashMap<>();

    Recorder(StepLauncher delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletionStage<LaunchResult> launch(LaunchRequest request) {
      AttemptId id = request.attempt();
      long called = System.nanoTime();
      launchCalls.putIfAbsent(id, called);
      launchCount
          .computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicInteger())
          .incrementAndGet();
      CompletionStage<LaunchResult> answer = delegate.launch(request);
      launchReturned.putIfAbsent(id, System.nanoTime());
      return answer.whenComplete(
          (result, error) -> {
            if (error == null && result.isLaunched()) {
              created.putIfAbsent(id, System.nanoTime());
            }
          });
    }

    @Override
    public StatusWatch watch(AttemptStatusListener listener) {
      return delegate.watch(
          status -> {
            statuses
                .computeIfAbsent(
                    status.attempt(), id -> Collections.synchronizedList(new ArrayList<>()))
                .add(status.phase() + "@" + (System.nanoTime() / 1_000_000));
            listener.onStatus(status);
          });
    }

    /** Attempts of a run whose last status told to the daemon was not an end, with them all. */
    List<String> notEnded(String runId) {
      List<String> out = new ArrayList<>();
      statuses.forEach(
          (id, list) -> {
            if (id.runId().equals(runId)) {
              String last = list.get(list.size() - 1);
              if (!last.startsWith("SUCCEEDED") && !last.startsWith("FAILED")) {
                out.add(id.stepKey() + " " + list);
              }
            }
          });
      return out;
    }

    @Override
    public CompletionStage<Void> terminate(AttemptId attempt) {
      return delegate.terminate(attempt);
    }

    @Override
    public CompletionStage<Void> terminateRun(String runId) {
      return delegate.terminateRun(runId);
    }
  }
}
