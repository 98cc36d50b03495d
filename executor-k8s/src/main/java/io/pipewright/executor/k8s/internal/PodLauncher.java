package io.pipewright.executor.k8s.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.AttemptStatusListener;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StatusWatch;
import io.pipewright.executor.k8s.ComputeLogSink;
import io.pipewright.executor.k8s.K8sConfig;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.PodOutcome;
import io.pipewright.executor.k8s.RunLookup;
import io.pipewright.executor.k8s.internal.AttemptBook.Stage;
import io.pipewright.executor.k8s.internal.StatusMapping.EndPlan;
import io.pipewright.executor.k8s.internal.StatusMapping.PodDisposal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes step launcher's machinery behind {@code K8sStepLauncher}: builds pods ({@link
 * PodFactory}), creates them ({@link PodApi}), turns the watcher's outcomes into attempt statuses
 * ({@link StatusMapping}, {@link AttemptBook}), copies logs and deletes pods when attempts end,
 * deletes on termination, and runs the orphan sweep.
 *
 * <p>Threads: creations run on a pool of {@code createConcurrency}; log copies and deletions on a
 * smaller clean-up pool (so that creations get most of the rate limiter's tokens when both queue);
 * the {@link AttemptBook} and every listener call live on one delivery thread, which keeps statuses
 * in order and listener calls apart; the sweep has its own thread, since it asks the run lookup.
 */
public final class PodLauncher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PodLauncher.class);

  /**
   * What the launcher is made of, from {@code K8sStepLauncher.Builder}.
   *
   * @param client the Kubernetes client (not closed by the launcher)
   * @param settings the executor's settings
   * @param runs the run lookup
   * @param locationConfig each code location's layer of pod settings
   * @param logs where container logs go
   * @param registry where meters go
   * @param clock the time of statuses and decisions
   */
  public record Parts(
      KubernetesClient client,
      K8sExecutorSettings settings,
      RunLookup runs,
      Function<String, K8sConfig> locationConfig,
      ComputeLogSink logs,
      MeterRegistry registry,
      Clock clock) {}

  private final K8sExecutorSettings settings;
  private final RunLookup runs;
  private final Function<String, K8sConfig> locationConfig;
  private final ComputeLogSink logs;
  private final Clock clock;
  private final LauncherMetrics metrics;
  private final PodFactory factory;
  private final TokenBucket limiter;
  private final PodApi api;
  private final PodWatcher watcher;
  private final OrphanSweep sweep;
  private final ExecutorService creators;
  private final ExecutorService cleaners;
  private final ExecutorService delivery;
  private final ScheduledExecutorService housekeeping;
  private final AttemptBook book = new AttemptBook();
  private final Map<AttemptId, CompletableFuture<LaunchResult>> inFlight =
      new ConcurrentHashMap<>();
  // Pod name -> System.nanoTime() when its creation was asked for, until the informer shows it.
  private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
  // Delivery thread only.
  private final List<Subscription> subscriptions = new ArrayList<>();

  /**
   * Assembles the launcher; {@link #start} starts it.
   *
   * @param parts what it is made of
   */
  public PodLauncher(Parts parts) {
    this.settings = parts.settings();
    this.runs = parts.runs();
    this.locationConfig = parts.locationConfig();
    this.logs = parts.logs();
    this.clock = parts.clock();
    this.metrics = new LauncherMetrics(parts.registry(), book::size);
    this.factory = new PodFactory(settings);
    this.limiter = new TokenBucket(settings.qps(), settings.burst());
    limiter.observeWaits(metrics::rateLimiterWait);
    this.api =
        new PodApi(
            parts.client(),
            settings.namespace(),
            settings.instance(),
            limiter,
            new ApiStats(metrics::apiCall),
            1);
    this.watcher = new PodWatcher(parts.client(), settings, clock, new Outcomes());
    this.sweep = new OrphanSweep(settings.keepFailedPodsFor(), settings.orphanMinAge());
    this.creators = Executors.newFixedThreadPool(settings.createConcurrency(), threads("create"));
    this.cleaners =
        Executors.newFixedThreadPool(
            Math.max(2, settings.createConcurrency() / 4), threads("cleanup"));
    this.delivery = Executors.newSingleThreadExecutor(threads("delivery"));
    this.housekeeping = Executors.newSingleThreadScheduledExecutor(threads("sweep"));
  }

  /**
   * Starts the informers (and waits until they listed what exists) and the periodic sweep.
   *
   * @param syncTimeout how long to wait for the informers' first list
   * @throws TimeoutException when they did not sync in time
   * @throws InterruptedException when interrupted while waiting
   */
  public void start(Duration syncTimeout) throws TimeoutException, InterruptedException {
    watcher.start(syncTimeout);
    long every = settings.sweepEvery().toMillis();
    housekeeping.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  // ============================================================================ launch

  /**
   * Starts an attempt's pod, or recognizes it.
   *
   * @param request the request
   * @return the result
   */
  public CompletionStage<LaunchResult> launch(LaunchRequest request) {
    Objects.requireNonNull(request, "request must not be null");
    AttemptId id = request.attempt();
    if (book.knows(id)) {
      return CompletableFuture.completedFuture(LaunchResult.alreadyLaunched());
    }
    CompletableFuture<LaunchResult> mine = new CompletableFuture<>();
    CompletableFuture<LaunchResult> earlier = inFlight.putIfAbsent(id, mine);
    if (earlier != null) {
      // The same attempt is being created right now: share that creation's fate.
      return earlier.thenApply(r -> r.isLaunched() ? LaunchResult.alreadyLaunched() : r);
    }
    try {
      creators.execute(() -> create(request, mine));
    } catch (RejectedExecutionException e) {
      inFlight.remove(id);
      mine.complete(
          LaunchResult.rejected(
              AttemptFailureReason.LAUNCH_FAILED, "the Kubernetes step launcher is closed"));
    }
    return mine;
  }

  private void create(LaunchRequest request, CompletableFuture<LaunchResult> result) {
    AttemptId id = request.attempt();
    String podName = null;
    LaunchResult outcome;
    try {
      Pod pod = LaunchSpecs.pod(request, runs, locationConfig, factory);
      podName = pod.getMetadata().getName();
      // Timed from the request (which may wait for the rate limiter): the informer can show the
      // pod before the creation's answer arrives.
      createdAt.put(podName, System.nanoTime());
      PodApi.CreateResult created = api.create(pod);
      if (created == PodApi.CreateResult.CREATED) {
        metrics.podCreated();
        outcome = LaunchResult.launched();
      } else {
        createdAt.remove(podName);
        outcome = LaunchResult.alreadyLaunched();
      }
    } catch (LaunchSpecs.Rejection e) {
      outcome = e.result();
    } catch (PodNameCollisionException e) {
      outcome = LaunchResult.rejected(AttemptFailureReason.LAUNCH_FAILED, e.getMessage());
    } catch (KubernetesClientException e) {
      outcome = LaunchSpecs.refused(id, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome =
          LaunchResult.rejected(
              AttemptFailureReason.LAUNCH_FAILED,
              "interrupted while waiting for the Kubernetes API rate limiter");
    } catch (RuntimeException e) {
      // Failures are results (the port's rule); this one is unexpected, so it names its type.
      outcome =
          LaunchResult.rejected(
              AttemptFailureReason.LAUNCH_FAILED,
              "creating the pod of " + id + " failed: " + e.getClass().getName() + ": " + e);
    }
    if (!outcome.isLaunched()) {
      metrics.launchRejected(outcome.reason());
      if (podName != null) {
        createdAt.remove(podName);
      }
    }
    String name = podName;
    LaunchResult done = outcome;
    try {
      // Registered before the stage completes, so that a watch started afterwards replays it.
      awaitOnDeliveryThread(
          () -> {
            registerLaunch(id, name, done);
            return null;
          });
    } catch (IllegalStateException e) {
      // Closed meanwhile: the result stands, nobody is watching any more.
    } finally {
      inFlight.remove(id);
      result.complete(outcome);
    }
  }

  private void registerLaunch(AttemptId id, String podName, LaunchResult result) {
    if (!result.isLaunched()) {
      return;
    }
    book.track(id, podName);
    if (!book.hasStatus(id)) {
      deliver(
          new AttemptStatus(
              id,
              AttemptStatus.Phase.PENDING,
              clock.instant(),
              null,
              null,
              "pod " + podName + " created",
              List.of()));
    }
  }

  // ============================================================================ watch

  /**
   * Subscribes a listener: the latest status of every known attempt, then every change.
   *
   * @param listener the listener
   * @return the subscription
   */
  public StatusWatch watch(AttemptStatusListener listener) {
    Objects.requireNonNull(listener, "listener must not be null");
    Subscription subscription = new Subscription(listener);
    onDeliveryThread(
        () -> {
          if (subscription.closed) {
            return;
          }
          for (AttemptStatus status : book.latest()) {
            subscription.tell(status);
          }
          subscriptions.add(subscription);
        });
    return subscription;
  }

  private void deliver(AttemptStatus status) {
    if (!book.offer(status, clock.instant())) {
      return;
    }
    for (Subscription subscription : subscriptions) {
      subscription.tell(status);
    }
  }

  private final class Subscription implements StatusWatch {
    private final AttemptStatusListener listener;
    private volatile boolean closed;

    private Subscription(AttemptStatusListener listener) {
      this.listener = listener;
    }

    private void tell(AttemptStatus status) {
      if (closed) {
        return;
      }
      try {
        listener.onStatus(status);
      } catch (RuntimeException e) {
        // The port says listeners must not throw; one that does must not stop the others.
        LOG.error("Attempt status listener failed on {}: {}", status.attempt(), e.toString(), e);
      }
    }

    @Override
    public void close() {
      closed = true;
      onDeliveryThread(() -> subscriptions.remove(this));
    }
  }

  // ============================================================================ outcomes

  /** The watcher's reports, moved to the delivery thread. */
  private final class Outcomes implements PodWatcher.Listener {
    @Override
    public void onOutcome(PodWatcher.StepPod pod, PodOutcome outcome) {
      long seenNanos = System.nanoTime();
      onDeliveryThread(() -> outcome(pod, outcome, seenNanos));
    }

    @Override
    public void onRemovedByPipewright(PodWatcher.StepPod pod) {
      onDeliveryThread(() -> removed(pod));
    }
  }

  private void outcome(PodWatcher.StepPod pod, PodOutcome outcome, long seenNanos) {
    AttemptId id = attemptOf(pod);
    if (id == null) {
      return;
    }
    Long created = createdAt.remove(pod.podName());
    if (created != null) {
      metrics.informerLag(seenNanos - created);
    }
    book.track(id, pod.podName());
    if (!outcome.isTerminal()) {
      deliver(StatusMapping.live(id, outcome, clock.instant()));
      return;
    }
    if (!book.canMove(id, Stage.ENDING)) {
      return; // Ended (or ending) already.
    }
    if (outcome.state() == PodOutcome.State.FAILED) {
      metrics.podFailed(outcome.reason());
    }
    EndPlan plan = StatusMapping.plan(outcome, logs != ComputeLogSink.NONE);
    boolean needsLines = outcome.state() == PodOutcome.State.FAILED && plan.readLog();
    if (!needsLines) {
      // A success needs no log lines: reported now, its log copied afterwards.
      deliver(StatusMapping.ended(id, outcome, clock.instant(), List.of()));
      if (plan.readLog() || plan.disposal() != PodDisposal.NOTHING) {
        onCleanupThread(() -> dispose(id, pod.podName(), plan));
      }
      return;
    }
    book.moveTo(id, Stage.ENDING);
    Instant at = clock.instant();
    onCleanupThread(
        () -> {
          List<String> lines = copyLog(id, pod.podName());
          onDeliveryThread(() -> deliver(StatusMapping.ended(id, outcome, at, lines)));
          dispose(id, pod.podName(), new EndPlan(false, plan.disposal()));
        });
  }

  private void removed(PodWatcher.StepPod pod) {
    AttemptId id = attemptOf(pod);
    if (id == null) {
      return;
    }
    createdAt.remove(pod.podName());
    Stage stage = book.stage(id);
    if (stage == Stage.LIVE || stage == Stage.TERMINATING) {
      // Pipewright deleted a pod that had not ended: on request, or as an orphan of a finished run.
      deliver(AttemptStatus.terminated(id, clock.instant()));
    }
  }

  private static AttemptId attemptOf(PodWatcher.StepPod pod) {
    if (pod.runId() == null || pod.stepKey() == null || pod.attempt() < 1) {
      return null; // Not a pod of a launched attempt (attempts count from 1).
    }
    try {
      return new AttemptId(pod.runId(), pod.stepKey(), pod.attempt());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** On a clean-up thread: copies the log, then deletes the pod if the plan says so. */
  private void dispose(AttemptId id, String podName, EndPlan plan) {
    if (plan.readLog()) {
      copyLog(id, podName);
    }
    switch (plan.disposal()) {
      case DELETE -> deletePod(podName, Duration.ZERO, "succeeded");
      case DELETE_UNSTARTED -> deletePod(podName, Duration.ZERO, "unstarted");
      case KEEP, NOTHING -> {}
    }
  }

  /**
   * Reads the container's log (one call; a second only when the log was cut and a failure needs its
   * last lines), copies it into the compute logs, and returns its last lines.
   */
  private List<String> copyLog(AttemptId id, String podName) {
    try {
      String log = api.fullLog(podName, settings.maxLogBytes()).orElse(null);
      if (log == null) {
        return List.of();
      }
      boolean truncated = LaunchSpecs.atLeastBytes(log, settings.maxLogBytes());
      if (logs != ComputeLogSink.NONE) {
        try {
          logs.copy(new ComputeLogSink.ContainerLog(id, podName, log, truncated));
        } catch (RuntimeException e) {
          LOG.warn("Copying the log of {} (pod {}) failed: {}", id, podName, e.toString(), e);
        }
      }
      if (truncated) {
        return api.log(podName, settings.failureLogLines())
            .map(tail -> StatusMapping.lastLines(tail, settings.failureLogLines()))
            .orElse(List.of());
      }
      return StatusMapping.lastLines(log, settings.failureLogLines());
    } catch (KubernetesClientException e) {
      LOG.warn("Reading the log of {} (pod {}) failed: {}", id, podName, e.toString());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** Deletes one pod, telling the watcher first; failures are left to the sweep. */
  private boolean deletePod(String podName, Duration grace, String cause) {
    watcher.expectDeletion(podName);
    try {
      boolean deleted = api.delete(podName, grace);
      if (deleted) {
        metrics.podDeleted(cause);
      } else {
        watcher.cancelExpectedDeletion(podName);
      }
      return deleted;
    } catch (KubernetesClientException e) {
      watcher.cancelExpectedDeletion(podName);
      LOG.warn("Deleting pod {} failed (the sweep will retry): {}", podName, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watcher.cancelExpectedDeletion(podName);
      return false;
    }
  }

  // ============================================================================ terminate

  /**
   * Stops one attempt: deletes its pod with the grace period.
   *
   * @param id the attempt
   * @return completes once the deletion was asked for
   */
  public CompletionStage<Void> terminate(AttemptId id) {
    Objects.requireNonNull(id, "attempt must not be null");
    CompletableFuture<LaunchResult> launching = inFlight.get(id);
    if (launching != null) {
      // Its pod may not exist yet: stop it once its creation answered.
      return launching.handle((r, e) -> null).thenCompose(x -> terminate(id));
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    onDeliveryThread(
        () -> {
          Stage stage = book.stage(id);
          if (stage == Stage.ENDING || stage == Stage.ENDED) {
            done.complete(null);
            return;
          }
          if (stage == Stage.LIVE) {
            book.moveTo(id, Stage.TERMINATING);
          }
          // An unknown attempt may still have a pod (a daemon that restarted asks before the
          // informer's list arrived): its deterministic name finds it.
          String podName =
              stage == null
                  ? Names.podName(id.runId(), id.stepKey(), id.attempt())
                  : book.podName(id);
          onCleanupThread(
              () -> {
                boolean deleted = deletePod(podName, settings.deleteGracePeriod(), "terminated");
                if (!deleted && stage != null) {
                  // Gone already, without its removal being ours to see: report the stop now.
                  onDeliveryThread(() -> removedWithoutEvent(id));
                }
                done.complete(null);
              },
              done);
        },
        done);
    return done;
  }

  private void removedWithoutEvent(AttemptId id) {
    if (book.stage(id) == Stage.TERMINATING) {
      deliver(AttemptStatus.terminated(id, clock.instant()));
    }
  }

  /**
   * Stops every live attempt of a run: one {@code deletecollection} by the run's label, sparing
   * failed pods.
   *
   * @param runId the run
   * @return completes once the deletion was asked for
   */
  public CompletionStage<Void> terminateRun(String runId) {
    Objects.requireNonNull(runId, "runId must not be null");
    List<CompletableFuture<LaunchResult>> launching = new ArrayList<>();
    inFlight.forEach(
        (id, future) -> {
          if (id.runId().equals(runId)) {
            launching.add(future);
          }
        });
    if (!launching.isEmpty()) {
      return CompletableFuture.allOf(launching.toArray(CompletableFuture[]::new))
          .handle((r, e) -> null)
          .thenCompose(x -> terminateRun(runId));
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    onDeliveryThread(
        () -> {
          List<String> podNames = new ArrayList<>();
          for (AttemptId id : book.live(runId)) {
            book.moveTo(id, Stage.TERMINATING);
            podNames.add(book.podName(id));
          }
          onCleanupThread(
              () -> {
                podNames.forEach(watcher::expectDeletion);
                watcher.expectRunDeletion(runId);
                try {
                  int deleted = api.deleteRunPods(runId, settings.deleteGracePeriod());
                  for (int i = 0; i < deleted; i++) {
                    metrics.podDeleted("terminated");
                  }
                  done.complete(null);
                } catch (KubernetesClientException e) {
                  done.completeExceptionally(e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  done.completeExceptionally(e);
                }
              },
              done);
        },
        done);
    return done;
  }

  // ============================================================================ sweep

  /**
   * Runs the orphan sweep now: deletes pods of finished and unknown runs, succeeded pods left
   * behind, and failed pods kept long enough; then forgets ended attempts of runs that are over.
   *
   * @return how many pods it deleted
   */
  public synchronized int sweepOrphans() {
    List<Pod> pods = watcher.cachedPods();
    Map<String, OrphanSweep.RunActivity> activity = new ConcurrentHashMap<>();
    Function<String, OrphanSweep.RunActivity> lookup =
        runId -> activity.computeIfAbsent(runId, this::activityOf);
    Instant now = clock.instant();
    int deleted = 0;
    for (OrphanSweep.Deletion deletion : sweep.decide(pods, lookup, now)) {
      LOG.info(
          "Deleting step pod {} of run {}: {}",
          deletion.podName(),
          deletion.runId(),
          deletion.reason());
      if (deletePod(deletion.podName(), settings.deleteGracePeriod(), "swept")) {
        deleted++;
      }
    }
    Set<String> present = new HashSet<>();
    for (Pod pod : pods) {
      present.add(pod.getMetadata().getName());
    }
    Map<AttemptId, Instant> ended =
        awaitOnDeliveryThread(() -> book.endedWithoutPod(present::contains));
    List<AttemptId> forget = new ArrayList<>();
    ended.forEach(
        (id, endedAt) -> {
          boolean runOver = lookup.apply(id.runId()) != OrphanSweep.RunActivity.ACTIVE;
          boolean longAgo =
              endedAt == null || !endedAt.plus(settings.keepFailedPodsFor()).isAfter(now);
          if (runOver || longAgo) {
            forget.add(id);
          }
        });
    if (!forget.isEmpty()) {
      awaitOnDeliveryThread(
          () -> {
            book.forget(forget);
            return null;
          });
    }
    return deleted;
  }

  private void sweepQuietly() {
    try {
      sweepOrphans();
    } catch (RuntimeException e) {
      // The next sweep tries again; a scheduled task that throws would never run again.
      LOG.warn("The step pod sweep failed: {}", e.toString(), e);
    }
  }

  private OrphanSweep.RunActivity activityOf(String runId) {
    try {
      return runs.find(runId)
          .map(
              run ->
                  run.finished()
                      ? OrphanSweep.RunActivity.FINISHED
                      : OrphanSweep.RunActivity.ACTIVE)
          .orElse(OrphanSweep.RunActivity.UNKNOWN);
    } catch (RuntimeException e) {
      // Unsure: deleting nothing of it is the safe answer.
      LOG.warn(
          "The run lookup failed for run {}; its pods are left alone: {}", runId, e.toString());
      return OrphanSweep.RunActivity.ACTIVE;
    }
  }

  // ============================================================================ plumbing

  /**
   * Returns the API's counters (for tests and benchmarks).
   *
   * @return the counters
   */
  public ApiStats apiStats() {
    return api.stats();
  }

  /**
   * Returns the watcher (for tests that move a fake clock).
   *
   * @return the watcher
   */
  public PodWatcher watcher() {
    return watcher;
  }

  /** Stops everything; creations and clean-ups in flight get a few seconds to finish. */
  @Override
  public void close() {
    housekeeping.shutdownNow();
    watcher.close();
    creators.shutdown();
    cleaners.shutdown();
    try {
      creators.awaitTermination(5, TimeUnit.SECONDS);
      cleaners.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    creators.shutdownNow();
    cleaners.shutdownNow();
    delivery.shutdown();
    api.close();
  }

  private void onDeliveryThread(Runnable task) {
    onDeliveryThread(task, null);
  }

  private void onDeliveryThread(Runnable task, CompletableFuture<?> failWhenClosed) {
    run(delivery, task, failWhenClosed);
  }

  private void onCleanupThread(Runnable task) {
    onCleanupThread(task, null);
  }

  private void onCleanupThread(Runnable task, CompletableFuture<?> failWhenClosed) {
    run(cleaners, task, failWhenClosed);
  }

  private static void run(ExecutorService pool, Runnable task, CompletableFuture<?> failed) {
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed: nothing more happens; a caller waiting on it learns why.
      if (failed != null) {
        failed.completeExceptionally(
            new IllegalStateException("the Kubernetes step launcher is closed"));
      }
    }
  }

  private <T> T awaitOnDeliveryThread(Supplier<T> task) {
    try {
      return CompletableFuture.supplyAsync(task, delivery).join();
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("the Kubernetes step launcher is closed", e);
    }
  }

  private static ThreadFactory threads(String role) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread =
          new Thread(runnable, "pipewright-k8s-" + role + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
