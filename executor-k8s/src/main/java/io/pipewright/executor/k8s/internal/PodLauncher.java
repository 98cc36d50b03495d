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
import io.pipewright.executor.k8s.AttemptHistory;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The Kubernetes step launcher's machinery behind {@code K8sStepLauncher}: builds pods ({@link
 * LaunchSpecs}, {@link PodFactory}), creates them ({@link PodApi}), turns the watcher's outcomes
 * into attempt statuses ({@link StatusMapping}, {@link AttemptBook}, {@link StatusDeliveries}),
 * copies logs and deletes pods when attempts end ({@link PodCleanup}), deletes on termination, and
 * runs the orphan sweep ({@link SweepLoop}). Its threads are {@link LauncherThreads}: the book is
 * only changed on the delivery thread.
 */
public final class PodLauncher implements AutoCloseable {

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
   * @param history the attempts' worker reports, for launches recorded before the launcher started;
   *     null when none was given (such a launch whose pod is gone is then rejected)
   */
  public record Parts(
      KubernetesClient client,
      K8sExecutorSettings settings,
      RunLookup runs,
      Function<String, K8sConfig> locationConfig,
      ComputeLogSink logs,
      MeterRegistry registry,
      Clock clock,
      AttemptHistory history) {}

  // A burst of launches is handed to the creation threads once no launch came for 2 ms, or its
  // first launch waited 50 ms (see CreationHandoff).
  private static final long HANDOFF_QUIET_NANOS = 2_000_000;
  private static final long HANDOFF_HOLD_NANOS = 50_000_000;

  private final K8sExecutorSettings settings;
  private final RunLookup runs;
  private final Function<String, K8sConfig> locationConfig;
  private final Clock clock;
  private final LauncherMetrics metrics;
  private final PodFactory factory;
  private final PodApi api;
  private final PodWatcher watcher;
  private final LauncherThreads threads;
  private final CreationHandoff handoff;
  private final AttemptBook book = new AttemptBook();
  private final StatusDeliveries deliveries;
  private final PodCleanup cleanup;
  private final SweepLoop sweep;
  private final RelaunchCheck relaunch;
  // When start() was called: launches of runs that started earlier are checked (RelaunchRule).
  private volatile Instant startedAt;
  private final Map<AttemptId, CompletableFuture<LaunchResult>> inFlight =
      new ConcurrentHashMap<>();
  // Pod name -> System.nanoTime() when its create request went out, until the informer shows it.
  private final Map<String, Long> createdAt = new ConcurrentHashMap<>();

  /**
   * Assembles the launcher; {@link #start} starts it.
   *
   * @param parts what it is made of
   */
  public PodLauncher(Parts parts) {
    this.settings = parts.settings();
    this.runs = parts.runs();
    this.locationConfig = parts.locationConfig();
    this.clock = parts.clock();
    this.metrics = new LauncherMetrics(parts.registry(), book::size);
    this.factory = new PodFactory(settings);
    TokenBucket limiter = new TokenBucket(settings.qps(), settings.burst());
    limiter.observeWaits(metrics::rateLimiterWait);
    this.api =
        new PodApi(
            parts.client(),
            settings.namespace(),
            settings.instance(),
            limiter,
            new ApiStats(metrics.apiObserver()),
            1);
    this.watcher = new PodWatcher(parts.client(), settings, clock, new Outcomes());
    this.threads = new LauncherThreads(settings.createConcurrency());
    this.handoff = new CreationHandoff(threads::create, HANDOFF_QUIET_NANOS, HANDOFF_HOLD_NANOS);
    this.deliveries = new StatusDeliveries(book, threads, clock);
    this.cleanup = new PodCleanup(api, watcher, parts.logs(), settings, metrics);
    this.sweep = new SweepLoop(watcher, runs, book, threads, cleanup, settings, clock);
    this.relaunch = new RelaunchCheck(runs, api, parts.history());
    this.startedAt = clock.instant();
  }

  /**
   * Starts the informers (and waits until they listed what exists) and the periodic sweep.
   *
   * @param syncTimeout how long to wait for the informers' first list
   * @throws TimeoutException when they did not sync in time
   * @throws InterruptedException when interrupted while waiting
   */
  public void start(Duration syncTimeout) throws TimeoutException, InterruptedException {
    // Before the informer lists: a pod created by an earlier launcher is either in that list, or
    // was deleted before it, which only the checked launches (RelaunchRule) can tell.
    startedAt = clock.instant();
    watcher.start(syncTimeout);
    threads.every(settings.sweepEvery(), sweep::sweepQuietly);
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
      metrics.launch(LauncherMetrics.LaunchAnswer.KNOWN);
      return CompletableFuture.completedFuture(LaunchResult.alreadyLaunched());
    }
    CompletableFuture<LaunchResult> mine = new CompletableFuture<>();
    CompletableFuture<LaunchResult> earlier = inFlight.putIfAbsent(id, mine);
    if (earlier != null) {
      // The same attempt is being created right now: share that creation's fate.
      metrics.launch(LauncherMetrics.LaunchAnswer.IN_FLIGHT);
      return earlier.thenApply(r -> r.isLaunched() ? LaunchResult.alreadyLaunched() : r);
    }
    if (book.knows(id)) {
      // Its creation finished between the check above and this claim (it registers the attempt
      // before it lets go of its claim): answered from the book, without an API call.
      inFlight.remove(id, mine);
      metrics.launch(LauncherMetrics.LaunchAnswer.KNOWN);
      mine.complete(LaunchResult.alreadyLaunched());
      return mine;
    }
    metrics.launch(LauncherMetrics.LaunchAnswer.CREATE);
    // Recorded (in flight: a repeat shares this creation), queued; the pod is built and created on
    // the launcher's threads once the caller's burst of launches is over.
    handoff.offer(
        new CreationHandoff.Creation(
            () -> create(request, mine),
            () -> {
              inFlight.remove(id);
              mine.complete(
                  LaunchResult.rejected(
                      AttemptFailureReason.LAUNCH_FAILED,
                      "the Kubernetes step launcher is closed"));
            }));
    return mine;
  }

  /**
   * Starts many attempts' pods: each as {@link #launch}, handed to the creation threads together
   * once all are recorded.
   *
   * @param requests the requests
   * @return their results, in order
   */
  public List<CompletionStage<LaunchResult>> launchAll(List<LaunchRequest> requests) {
    Objects.requireNonNull(requests, "requests must not be null");
    List<CompletionStage<LaunchResult>> results = new ArrayList<>(requests.size());
    for (LaunchRequest request : requests) {
      results.add(launch(request));
    }
    handoff.flush();
    return results;
  }

  private void create(LaunchRequest request, CompletableFuture<LaunchResult> result) {
    AttemptId id = request.attempt();
    if (book.knows(id)) {
      // The informer showed a pod of this attempt while its creation waited (one created before a
      // restart, or by another replica): launched, no API call.
      inFlight.remove(id);
      result.complete(LaunchResult.alreadyLaunched());
      return;
    }
    String podName = null;
    LaunchResult outcome;
    String lost = null;
    try {
      RelaunchCheck.Answer earlier = relaunch.check(id, startedAt);
      if (earlier.verdict() != RelaunchRule.Verdict.CREATE) {
        // Recorded before this launcher started, and its pod exists or is gone (RelaunchRule).
        metrics.relaunch(earlier.verdict());
        if (earlier.verdict() == RelaunchRule.Verdict.REFUSE) {
          throw new LaunchSpecs.Rejection(AttemptFailureReason.LAUNCH_FAILED, earlier.message());
        }
        podName = earlier.podName();
        lost = earlier.verdict() == RelaunchRule.Verdict.LOST ? earlier.message() : null;
        outcome = LaunchResult.alreadyLaunched();
      } else {
        Pod pod = LaunchSpecs.pod(request, runs, locationConfig, factory);
        podName = pod.getMetadata().getName();
        String sentName = podName;
        // Timed from the request going out (after the rate limiter's wait), not from its answer:
        // the informer can show the pod before the answer arrives.
        PodApi.CreateResult created =
            api.create(pod, sentAt -> createdAt.put(sentName, sentAt), () -> book.knows(id));
        if (created == PodApi.CreateResult.CREATED) {
          metrics.podCreated();
          outcome = LaunchResult.launched();
        } else {
          createdAt.remove(podName);
          if (created == PodApi.CreateResult.GONE) {
            lost =
                "pod "
                    + podName
                    + " of this attempt existed and was deleted before its end was seen; not"
                    + " created again";
          }
          outcome = LaunchResult.alreadyLaunched();
        }
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
    String lostWhy = lost;
    try {
      // Registered before the stage completes, so that a watch started afterwards replays it.
      threads.awaitOnDelivery(
          () -> {
            registerLaunch(id, name, done, lostWhy);
            return null;
          });
    } catch (IllegalStateException e) {
      // Closed meanwhile: the result stands, nobody is watching any more.
    } finally {
      inFlight.remove(id);
      result.complete(outcome);
    }
  }

  /**
   * Tracks a launched attempt and reports its first status.
   *
   * @param lost why its pod is gone and is not created again; null when it exists or was created
   */
  private void registerLaunch(AttemptId id, String podName, LaunchResult result, String lost) {
    if (!result.isLaunched()) {
      return;
    }
    book.track(id, podName);
    if (lost != null && !book.hasStatus(id)) {
      // Its pod existed and vanished before the informer showed its end: it is not created again
      // (the step would run twice); the daemon decides from the worker's events.
      deliver(
          AttemptStatus.failed(
              id, clock.instant(), AttemptFailureReason.LOST, null, lost, List.of()));
    } else if (!book.hasStatus(id)) {
      String message =
          "pod "
              + podName
              + (result.outcome() == LaunchResult.Outcome.LAUNCHED ? " created" : " exists");
      deliver(
          new AttemptStatus(
              id, AttemptStatus.Phase.PENDING, clock.instant(), null, null, message, List.of()));
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
    return deliveries.watch(listener);
  }

  private void deliver(AttemptStatus status) {
    deliveries.deliver(status);
  }

  // ============================================================================ outcomes

  /** The watcher's reports, moved to the delivery thread. */
  private final class Outcomes implements PodWatcher.Listener {
    @Override
    public void onOutcome(PodWatcher.StepPod pod, PodOutcome outcome) {
      long seenNanos = System.nanoTime();
      threads.onDelivery(() -> outcome(pod, outcome, seenNanos));
    }

    @Override
    public void onRemovedByPipewright(PodWatcher.StepPod pod) {
      threads.onDelivery(() -> removed(pod));
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
    EndPlan plan = StatusMapping.plan(outcome, cleanup.copiesLogs());
    boolean needsLines = outcome.state() == PodOutcome.State.FAILED && plan.readLog();
    if (!needsLines) {
      // A success needs no log lines: reported now, its log copied afterwards.
      deliver(StatusMapping.ended(id, outcome, clock.instant(), List.of()));
      if (plan.readLog() || plan.disposal() != PodDisposal.NOTHING) {
        threads.onCleanup(() -> cleanup.dispose(id, pod.podName(), plan));
      }
      return;
    }
    book.moveTo(id, Stage.ENDING);
    Instant at = clock.instant();
    threads.onCleanup(
        () -> {
          List<String> lines = cleanup.copyLog(id, pod.podName());
          threads.onDelivery(() -> deliver(StatusMapping.ended(id, outcome, at, lines)));
          cleanup.dispose(id, pod.podName(), new EndPlan(false, plan.disposal()));
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
    threads.onDelivery(
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
          threads.onCleanup(
              () -> {
                try {
                  boolean deleted =
                      cleanup.deletePod(podName, settings.deleteGracePeriod(), "terminated");
                  if (!deleted && stage != null) {
                    // Gone already, without its removal being ours to see: report the stop now.
                    threads.onDelivery(() -> removedWithoutEvent(id));
                  }
                  done.complete(null);
                } catch (KubernetesClientException e) {
                  // Still TERMINATING: the caller may ask again.
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
    threads.onDelivery(
        () -> {
          List<String> podNames = new ArrayList<>();
          for (AttemptId id : book.live(runId)) {
            book.moveTo(id, Stage.TERMINATING);
            podNames.add(book.podName(id));
          }
          threads.onCleanup(
              () -> {
                try {
                  cleanup.deleteRunPods(runId, podNames);
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
  public int sweepOrphans() {
    return sweep.sweep();
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
    watcher.close();
    handoff.close();
    threads.close();
    api.close();
  }
}
