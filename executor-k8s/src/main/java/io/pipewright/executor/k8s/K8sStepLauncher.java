package io.pipewright.executor.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatusListener;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.launch.LaunchResult;
import io.pipewright.core.launch.StatusWatch;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.executor.k8s.internal.PodLauncher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The {@link StepLauncher} that runs each step attempt as one Kubernetes pod (see {@code
 * docs/kubernetes.md}).
 *
 * <ul>
 *   <li><b>launch</b> records the attempt and returns; on the launcher's threads (a burst of
 *       launches handed over once it is over, {@link #launchAll} at once) it builds the pod from
 *       the request, the run ({@link RunLookup}: job name and tags) and the layered pod settings,
 *       and creates it through the rate-limited API, at most {@code createConcurrency} at once. The
 *       pod's name is deterministic, so a repeat (even after a restart) answers {@code
 *       alreadyLaunched}. After a restart, a launch of a run that started before the launcher whose
 *       pod is gone is created only when the {@link AttemptHistory} says its worker never reported
 *       (see {@link Builder#attemptHistory}). Invalid {@value K8sConfig#TAG} settings are {@code
 *       rejected(CONFIG_ERROR)} with the path of every bad field.
 *   <li><b>watch</b> reports what one shared pod informer sees, classified ({@code PENDING} with
 *       what the pod waits for, {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} with a reason,
 *       the exit code and the last log lines, {@code TERMINATED}).
 *   <li>When an attempt ends, its container log is copied into the {@link ComputeLogSink};
 *       succeeded pods are deleted, failed pods kept for {@code keepFailedPodsFor}, pods that never
 *       started (or whose node is lost) deleted at once. A periodic sweep deletes orphans.
 *   <li><b>terminate</b> deletes the attempt's pod with {@code deleteGracePeriod}; {@code
 *       TERMINATED} follows once the pod is gone. <b>terminateRun</b> does it for all of a run's
 *       pods in one call (failed pods are kept).
 * </ul>
 *
 * <p>Meters go to the {@link MeterRegistry} given to the builder (none by default): pods created
 * and failed by reason, API latency, rate-limiter waits, informer lag.
 *
 * <pre>{@code
 * K8sStepLauncher launcher =
 *     K8sStepLauncher.builder(client, settings)
 *         .runs(runId -> runStore.find(runId).map(r -> RunInfo.active(r.jobName(), r.tags())))
 *         .computeLogs(log -> computeLogs.write(log.attempt(), log.text()))
 *         .meterRegistry(registry)
 *         .start();
 * }</pre>
 */
public final class K8sStepLauncher implements StepLauncher, AutoCloseable {

  private final PodLauncher launcher;

  private K8sStepLauncher(PodLauncher launcher) {
    this.launcher = launcher;
  }

  /**
   * Starts a builder.
   *
   * @param client the Kubernetes client; the launcher does not close it
   * @param settings namespace, instance, rate limit, timeouts and clean-up settings
   * @return the builder
   */
  public static Builder builder(KubernetesClient client, K8sExecutorSettings settings) {
    return new Builder(client, settings);
  }

  @Override
  public CompletionStage<LaunchResult> launch(LaunchRequest request) {
    return launcher.launch(request);
  }

  @Override
  public List<CompletionStage<LaunchResult>> launchAll(List<LaunchRequest> requests) {
    return launcher.launchAll(requests);
  }

  @Override
  public StatusWatch watch(AttemptStatusListener listener) {
    return launcher.watch(listener);
  }

  @Override
  public CompletionStage<Void> terminate(AttemptId attempt) {
    return launcher.terminate(attempt);
  }

  @Override
  public CompletionStage<Void> terminateRun(String runId) {
    return launcher.terminateRun(runId);
  }

  /**
   * Runs the orphan sweep now (it also runs every {@code sweepEvery}): deletes pods of finished and
   * unknown runs, succeeded pods left behind and failed pods kept long enough, and forgets ended
   * attempts of runs that are over.
   *
   * @return how many pods it deleted
   */
  public int sweepOrphans() {
    return launcher.sweepOrphans();
  }

  /** Stops the informers and the launcher's threads; the Kubernetes client stays open. */
  @Override
  public void close() {
    launcher.close();
  }

  /** For this module's tests: the machinery, with its API counters and watcher. */
  PodLauncher engine() {
    return launcher;
  }

  /** Builds and starts a {@link K8sStepLauncher}. */
  public static final class Builder {
    private final KubernetesClient client;
    private final K8sExecutorSettings settings;
    private RunLookup runs;
    private Function<String, K8sConfig> locationConfig = location -> K8sConfig.empty();
    private ComputeLogSink logs = ComputeLogSink.NONE;
    private MeterRegistry registry;
    private Clock clock = Clock.systemUTC();
    private AttemptHistory history;
    private Duration syncTimeout = Duration.ofMinutes(1);

    private Builder(KubernetesClient client, K8sExecutorSettings settings) {
      this.client = Objects.requireNonNull(client, "client must not be null");
      this.settings = Objects.requireNonNull(settings, "settings must not be null");
    }

    /**
     * Sets where runs are looked up (required).
     *
     * @param runs the lookup
     * @return this builder
     */
    public Builder runs(RunLookup runs) {
      this.runs = Objects.requireNonNull(runs, "runs must not be null");
      return this;
    }

    /**
     * Sets each code location's layer of pod settings (default: none).
     *
     * @param locationConfig the layer by code location name; may throw {@link
     *     InvalidK8sConfigException}, which rejects the launch
     * @return this builder
     */
    public Builder locationConfig(Function<String, K8sConfig> locationConfig) {
      this.locationConfig = Objects.requireNonNull(locationConfig, "locationConfig");
      return this;
    }

    /**
     * Sets where container logs are copied when attempts end (default: {@link
     * ComputeLogSink#NONE}).
     *
     * @param logs the sink
     * @return this builder
     */
    public Builder computeLogs(ComputeLogSink logs) {
      this.logs = Objects.requireNonNull(logs, "logs must not be null");
      return this;
    }

    /**
     * Sets where meters go (default: nowhere).
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry must not be null");
      return this;
    }

    /**
     * Sets the clock of statuses and time-based rules (default: the system's, UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Sets where the launcher reads whether an attempt's worker reported (default: none). Needed to
     * restart safely: a launch recorded before this launcher started, of a run that started before
     * it did ({@link RunLookup.RunInfo#startedAt()}), whose pod the API server does not have, is
     * created only when the attempt's worker reported nothing (the step never ran), and reported
     * {@code LOST} when it did. Without a history such a launch is rejected ({@code
     * LAUNCH_FAILED}): the launcher cannot tell whether the step ran.
     *
     * @param history the attempts' worker reports
     * @return this builder
     */
    public Builder attemptHistory(AttemptHistory history) {
      this.history = Objects.requireNonNull(history, "history must not be null");
      return this;
    }

    /**
     * Sets how long {@link #start()} waits for the informers' first list (default: 1 min).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder syncTimeout(Duration timeout) {
      this.syncTimeout = Objects.requireNonNull(timeout, "timeout must not be null");
      return this;
    }

    /**
     * Builds the launcher and starts its informers, waiting until they listed the existing pods
     * (whose attempts a new watch then replays), and its periodic sweep.
     *
     * @return the running launcher
     * @throws IllegalStateException when no {@link #runs(RunLookup)} was set
     * @throws TimeoutException when the informers did not list in time (the launcher is closed)
     * @throws InterruptedException when interrupted while waiting
     */
    public K8sStepLauncher start() throws TimeoutException, InterruptedException {
      if (runs == null) {
        throw new IllegalStateException(
            "K8sStepLauncher needs a RunLookup (builder.runs(...)): pods carry their run's job"
                + " and tags, and the orphan sweep asks which runs are finished");
      }
      PodLauncher launcher =
          new PodLauncher(
              new PodLauncher.Parts(
                  client,
                  settings,
                  runs,
                  locationConfig,
                  logs,
                  registry == null ? new CompositeMeterRegistry() : registry,
                  clock,
                  history));
      try {
        launcher.start(syncTimeout);
      } catch (TimeoutException | InterruptedException | RuntimeException e) {
        launcher.close();
        throw e;
      }
      return new K8sStepLauncher(launcher);
    }
  }
}
