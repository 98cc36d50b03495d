package io.pipewright.executor.k8s;

/**
 * Why a step pod failed, read from its status. Each reason is either a <em>step failure</em> (the
 * step itself failed: the op's retry policy decides whether to try again) or an <em>infrastructure
 * failure</em> (the cluster failed the step: the orchestrator retries it a bounded number of times
 * without using the op's retries).
 */
public enum PodFailureReason {
  /** The step container exited with a non-zero code. */
  NON_ZERO_EXIT(false),
  /** The step container was killed for using more memory than its limit. */
  OOM_KILLED(false),
  /** The pod ran longer than its {@code activeDeadlineSeconds}. */
  DEADLINE_EXCEEDED(false),
  /**
   * The container could not be created from its configuration ({@code CreateContainerConfigError},
   * {@code CreateContainerError}, {@code RunContainerError}): a missing secret, config map or key,
   * a non-root rule the image breaks, a command that does not exist. Retrying cannot help until the
   * settings change, so it is the step's failure.
   */
  CONFIG_ERROR(false),
  /** The image could not be pulled within the grace period, or its name is invalid. */
  IMAGE_PULL(true),
  /** No node could take the pod within the timeout (resources, selectors, taints). */
  UNSCHEDULABLE(true),
  /** The pod stayed pending past the start timeout, with no more specific reason. */
  START_TIMEOUT(true),
  /** The kubelet evicted the pod (node pressure, drain, graceful node shutdown). */
  EVICTED(true),
  /** The scheduler preempted the pod for a pod of higher priority. */
  PREEMPTED(true),
  /** The node admitted the pod and then rejected it ({@code OutOfcpu}, {@code NodeAffinity}...). */
  NODE_REJECTED(true),
  /** The pod's node stopped reporting ready, or disappeared, while the pod was on it. */
  NODE_LOST(true),
  /** Someone other than Pipewright deleted the pod before it finished. */
  DELETED(true),
  /**
   * The pod failed and its status says nothing recognisable. Counted as the step's failure, as
   * core's {@code AttemptFailureReason.UNKNOWN} is: an unclassified condition must not retry
   * without bound under the infrastructure budget.
   */
  UNKNOWN(false);

  private final boolean infrastructure;

  PodFailureReason(boolean infrastructure) {
    this.infrastructure = infrastructure;
  }

  /**
   * Tells whether the cluster, not the step, failed.
   *
   * @return true for an infrastructure failure (retry without using the op's retries), false for a
   *     step failure
   */
  public boolean isInfrastructureFailure() {
    return infrastructure;
  }
}
