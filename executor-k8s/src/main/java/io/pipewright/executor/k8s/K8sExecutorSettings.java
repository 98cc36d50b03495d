package io.pipewright.executor.k8s;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Kubernetes executor runs step pods: where, with which deployment defaults, how fast it
 * may call the API server, and when a pod that does not progress counts as failed.
 *
 * @param namespace the namespace step pods run in
 * @param instance this installation's name, the value of {@link PodLabels#INSTANCE}: installations
 *     sharing a namespace only see their own pods; a valid label value
 * @param defaults the deployment's layer of pod settings, above Pipewright's secure defaults and
 *     below the code location's
 * @param qps API calls per second allowed on average, by one client-side token bucket for all calls
 * @param burst API calls allowed at once after a quiet period (the bucket's size); at least 1
 * @param createConcurrency how many pod creations may be in flight at once
 * @param imagePullGrace how long a container may wait for its image ({@code ErrImagePull}, {@code
 *     ImagePullBackOff}) before the attempt fails; the kubelet retries pulls meanwhile
 * @param configErrorGrace how long a container may wait in {@code CreateContainerConfigError} (a
 *     missing secret or config map) before the attempt fails
 * @param unschedulableTimeout how long a pod may stay unschedulable before the attempt fails
 * @param startTimeout how long a pod may stay pending for any other reason (never scheduled, never
 *     started) before the attempt fails, so that no run waits forever
 * @param nodeLostGrace how long a pod's node may be not ready before the attempt counts as lost
 *     (instead of Kubernetes's 300 s eviction toleration)
 * @param watchNodes whether to watch nodes (needs RBAC on nodes); without it a lost node is only
 *     noticed when Kubernetes evicts the pod
 * @param reevaluateEvery how often pending pods are re-classified from the informer's cache, for
 *     the time-based rules (no API calls)
 * @param keepFailedPodsFor how long failed pods are kept for inspection before the sweep deletes
 *     them
 * @param orphanMinAge pods younger than this are never swept for belonging to an unknown run (the
 *     run may just not be visible yet)
 * @param deleteGracePeriod the grace period given to pods that are deleted while they run
 * @param sweepEvery how often the launcher's orphan sweep runs (it reads the informer's cache and
 *     asks the run lookup about each run it sees; it calls the API only to delete)
 * @param failureLogLines how many of the container's last log lines go into a failure's message and
 *     {@code lastLogLines}; at least 1
 * @param maxLogBytes the most bytes of a container's log copied into the compute logs when its
 *     attempt ends (the kubelet's {@code limitBytes}); at least 1
 */
public record K8sExecutorSettings(
    String namespace,
    String instance,
    K8sConfig defaults,
    double qps,
    int burst,
    int createConcurrency,
    Duration imagePullGrace,
    Duration configErrorGrace,
    Duration unschedulableTimeout,
    Duration startTimeout,
    Duration nodeLostGrace,
    boolean watchNodes,
    Duration reevaluateEvery,
    Duration keepFailedPodsFor,
    Duration orphanMinAge,
    Duration deleteGracePeriod,
    Duration sweepEvery,
    int failureLogLines,
    int maxLogBytes) {

  /** Validates the components. */
  public K8sExecutorSettings {
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("K8sExecutorSettings needs a namespace");
    }
    if (instance == null || !isLabelValue(instance) || instance.isEmpty()) {
      throw new IllegalArgumentException(
          "K8sExecutorSettings needs an instance name that is a valid label value (at most 63"
              + " letters, digits, '-', '_' or '.'), got '"
              + instance
              + "'");
    }
    Objects.requireNonNull(defaults, "defaults");
    if (!(qps > 0) || burst < 1) {
      throw new IllegalArgumentException(
          "K8sExecutorSettings needs qps > 0 and burst >= 1, got qps "
              + qps
              + " and burst "
              + burst);
    }
    if (createConcurrency < 1) {
      throw new IllegalArgumentException(
          "K8sExecutorSettings needs createConcurrency >= 1, got " + createConcurrency);
    }
    nonNegative(imagePullGrace, "imagePullGrace");
    nonNegative(configErrorGrace, "configErrorGrace");
    nonNegative(unschedulableTimeout, "unschedulableTimeout");
    nonNegative(startTimeout, "startTimeout");
    nonNegative(nodeLostGrace, "nodeLostGrace");
    nonNegative(reevaluateEvery, "reevaluateEvery");
    if (reevaluateEvery.isZero()) {
      throw new IllegalArgumentException("K8sExecutorSettings needs reevaluateEvery > 0");
    }
    nonNegative(keepFailedPodsFor, "keepFailedPodsFor");
    nonNegative(orphanMinAge, "orphanMinAge");
    nonNegative(deleteGracePeriod, "deleteGracePeriod");
    nonNegative(sweepEvery, "sweepEvery");
    if (sweepEvery.isZero()) {
      throw new IllegalArgumentException("K8sExecutorSettings needs sweepEvery > 0");
    }
    if (failureLogLines < 1 || maxLogBytes < 1) {
      throw new IllegalArgumentException(
          "K8sExecutorSettings needs failureLogLines >= 1 and maxLogBytes >= 1, got "
              + failureLogLines
              + " and "
              + maxLogBytes);
    }
  }

  /**
   * Returns the defaults: namespace {@code default}, instance {@code pipewright}, 100 calls per
   * second with a burst of 200, 16 creations in flight, image pull grace 2 min, config error grace
   * 1 min, unschedulable timeout 10 min, start timeout 15 min, node lost grace 30 s, nodes watched,
   * re-evaluation every 5 s, failed pods kept 24 h, orphan minimum age 10 min, delete grace period
   * 30 s, a sweep every 5 min, 20 log lines in failure messages, at most 16 MiB of log copied.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder with these settings.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.namespace = namespace;
    b.instance = instance;
    b.defaults = defaults;
    b.qps = qps;
    b.burst = burst;
    b.createConcurrency = createConcurrency;
    b.imagePullGrace = imagePullGrace;
    b.configErrorGrace = configErrorGrace;
    b.unschedulableTimeout = unschedulableTimeout;
    b.startTimeout = startTimeout;
    b.nodeLostGrace = nodeLostGrace;
    b.watchNodes = watchNodes;
    b.reevaluateEvery = reevaluateEvery;
    b.keepFailedPodsFor = keepFailedPodsFor;
    b.orphanMinAge = orphanMinAge;
    b.deleteGracePeriod = deleteGracePeriod;
    b.sweepEvery = sweepEvery;
    b.failureLogLines = failureLogLines;
    b.maxLogBytes = maxLogBytes;
    return b;
  }

  private static void nonNegative(Duration value, String component) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(
          "K8sExecutorSettings needs a " + component + " of zero or more, got " + value);
    }
  }

  private static boolean isLabelValue(String value) {
    return value.length() <= 63 && value.matches("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  }

  /** Builds {@link K8sExecutorSettings}, starting from the defaults. */
  public static final class Builder {
    private String namespace = "default";
    private String instance = "pipewright";
    private K8sConfig defaults = K8sConfig.empty();
    private double qps = 100;
    private int burst = 200;
    private int createConcurrency = 16;
    private Duration imagePullGrace = Duration.ofMinutes(2);
    private Duration configErrorGrace = Duration.ofMinutes(1);
    private Duration unschedulableTimeout = Duration.ofMinutes(10);
    private Duration startTimeout = Duration.ofMinutes(15);
    private Duration nodeLostGrace = Duration.ofSeconds(30);
    private boolean watchNodes = true;
    private Duration reevaluateEvery = Duration.ofSeconds(5);
    private Duration keepFailedPodsFor = Duration.ofHours(24);
    private Duration orphanMinAge = Duration.ofMinutes(10);
    private Duration deleteGracePeriod = Duration.ofSeconds(30);
    private Duration sweepEvery = Duration.ofMinutes(5);
    private int failureLogLines = 20;
    private int maxLogBytes = 16 * 1024 * 1024;

    private Builder() {}

    /**
     * Sets the namespace.
     *
     * @param namespace the namespace of step pods
     * @return this builder
     */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /**
     * Sets the installation's name.
     *
     * @param instance a valid label value
     * @return this builder
     */
    public Builder instance(String instance) {
      this.instance = instance;
      return this;
    }

    /**
     * Sets the deployment's layer of pod settings.
     *
     * @param defaults the layer
     * @return this builder
     */
    public Builder defaults(K8sConfig defaults) {
      this.defaults = defaults;
      return this;
    }

    /**
     * Sets the API rate limit.
     *
     * @param qps calls per second on average
     * @param burst calls at once
     * @return this builder
     */
    public Builder rateLimit(double qps, int burst) {
      this.qps = qps;
      this.burst = burst;
      return this;
    }

    /**
     * Sets how many creations may be in flight.
     *
     * @param createConcurrency at least 1
     * @return this builder
     */
    public Builder createConcurrency(int createConcurrency) {
      this.createConcurrency = createConcurrency;
      return this;
    }

    /**
     * Sets the image pull grace period.
     *
     * @param grace zero or more
     * @return this builder
     */
    public Builder imagePullGrace(Duration grace) {
      this.imagePullGrace = grace;
      return this;
    }

    /**
     * Sets the config error grace period.
     *
     * @param grace zero or more
     * @return this builder
     */
    public Builder configErrorGrace(Duration grace) {
      this.configErrorGrace = grace;
      return this;
    }

    /**
     * Sets the unschedulable timeout.
     *
     * @param timeout zero or more
     * @return this builder
     */
    public Builder unschedulableTimeout(Duration timeout) {
      this.unschedulableTimeout = timeout;
      return this;
    }

    /**
     * Sets the start timeout.
     *
     * @param timeout zero or more
     * @return this builder
     */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Sets the node lost grace period.
     *
     * @param grace zero or more
     * @return this builder
     */
    public Builder nodeLostGrace(Duration grace) {
      this.nodeLostGrace = grace;
      return this;
    }

    /**
     * Sets whether nodes are watched.
     *
     * @param watchNodes true to watch node readiness
     * @return this builder
     */
    public Builder watchNodes(boolean watchNodes) {
      this.watchNodes = watchNodes;
      return this;
    }

    /**
     * Sets how often pending pods are re-classified.
     *
     * @param every more than zero
     * @return this builder
     */
    public Builder reevaluateEvery(Duration every) {
      this.reevaluateEvery = every;
      return this;
    }

    /**
     * Sets how long failed pods are kept.
     *
     * @param keep zero or more
     * @return this builder
     */
    public Builder keepFailedPodsFor(Duration keep) {
      this.keepFailedPodsFor = keep;
      return this;
    }

    /**
     * Sets the minimum age of pods swept for an unknown run.
     *
     * @param age zero or more
     * @return this builder
     */
    public Builder orphanMinAge(Duration age) {
      this.orphanMinAge = age;
      return this;
    }

    /**
     * Sets the grace period of deletions.
     *
     * @param grace zero or more
     * @return this builder
     */
    public Builder deleteGracePeriod(Duration grace) {
      this.deleteGracePeriod = grace;
      return this;
    }

    /**
     * Sets how often the orphan sweep runs.
     *
     * @param every more than zero
     * @return this builder
     */
    public Builder sweepEvery(Duration every) {
      this.sweepEvery = every;
      return this;
    }

    /**
     * Sets how many last log lines go into failure messages.
     *
     * @param lines at least 1
     * @return this builder
     */
    public Builder failureLogLines(int lines) {
      this.failureLogLines = lines;
      return this;
    }

    /**
     * Sets the most bytes of a container's log copied into the compute logs.
     *
     * @param bytes at least 1
     * @return this builder
     */
    public Builder maxLogBytes(int bytes) {
      this.maxLogBytes = bytes;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws IllegalArgumentException when a value is out of range
     */
    public K8sExecutorSettings build() {
      return new K8sExecutorSettings(
          namespace,
          instance,
          defaults,
          qps,
          burst,
          createConcurrency,
          imagePullGrace,
          configErrorGrace,
          unschedulableTimeout,
          startTimeout,
          nodeLostGrace,
          watchNodes,
          reevaluateEvery,
          keepFailedPodsFor,
          orphanMinAge,
          deleteGracePeriod,
          sweepEvery,
          failureLogLines,
          maxLogBytes);
    }
  }
}
