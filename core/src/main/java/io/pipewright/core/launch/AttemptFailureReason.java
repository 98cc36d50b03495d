package io.pipewright.core.launch;

/**
 * Why a launcher says a step attempt ended without succeeding: the vocabulary every adapter maps
 * its platform's signals to (a process exit code, a pod's phase and container states).
 *
 * <p>Each reason has a {@link Kind} that tells the daemon whose fault it is, and therefore which
 * retry budget applies (see {@code docs/architecture.md}, "Orchestration decisions"):
 *
 * <ul>
 *   <li>{@link Kind#STEP}: the step's own process failed. It counts against the op's retry policy,
 *       exactly like an exception in the op, since running it again as it is will most likely fail
 *       the same way.
 *   <li>{@link Kind#INFRASTRUCTURE}: the platform failed the attempt (it never started, or its
 *       machine went away). Retried under a separate, bounded infrastructure budget that does not
 *       use up the op's retries.
 *   <li>{@link Kind#CONFIGURATION}: the attempt cannot be started as specified. Never retried: the
 *       same request would fail the same way.
 * </ul>
 */
public enum AttemptFailureReason {
  /** The process or container exited with a non-zero code. */
  NON_ZERO_EXIT(Kind.STEP),
  /**
   * The process was killed for using more memory than it may. A property of the op and its data,
   * not of the platform: a retry on the same limits fails again, so it is the op's failure.
   */
  OOM_KILLED(Kind.STEP),
  /**
   * The attempt ran longer than its allowed run time (Kubernetes: {@code activeDeadlineSeconds}).
   */
  DEADLINE_EXCEEDED(Kind.STEP),
  /**
   * The launcher cannot classify the end. Counted as the op's failure, so that an unknown condition
   * cannot retry without bound.
   */
  UNKNOWN(Kind.STEP),
  /**
   * The attempt cannot be started as specified: an invalid pod spec, a missing secret or config
   * map, an invalid image name, a command that does not exist.
   */
  CONFIG_ERROR(Kind.CONFIGURATION),
  /** The container image could not be pulled (registry unreachable, rate limited, not found). */
  IMAGE_PULL(Kind.INFRASTRUCTURE),
  /**
   * No node could take the attempt (insufficient resources, taints, affinity) before the launcher
   * gave up.
   */
  UNSCHEDULABLE(Kind.INFRASTRUCTURE),
  /** The attempt did not start running within the start timeout. */
  START_TIMEOUT(Kind.INFRASTRUCTURE),
  /** The platform evicted the attempt (node pressure). */
  EVICTED(Kind.INFRASTRUCTURE),
  /** A higher-priority workload preempted the attempt. */
  PREEMPTED(Kind.INFRASTRUCTURE),
  /** The node running the attempt went away or stopped reporting. */
  NODE_LOST(Kind.INFRASTRUCTURE),
  /** Someone other than the daemon deleted the attempt's process or pod. */
  DELETED(Kind.INFRASTRUCTURE),
  /** The launcher could not create the attempt: its platform's API failed or refused for now. */
  LAUNCH_FAILED(Kind.INFRASTRUCTURE),
  /** The launcher no longer knows an attempt it had launched (its process or pod vanished). */
  LOST(Kind.INFRASTRUCTURE);

  /** Whose fault a failure is, which decides the retry budget it uses. */
  public enum Kind {
    /** The step's process failed: the op's retry policy applies. */
    STEP,
    /** The platform failed the attempt: the infrastructure retry budget applies. */
    INFRASTRUCTURE,
    /** The attempt cannot be started as specified: never retried. */
    CONFIGURATION
  }

  private final Kind kind;

  AttemptFailureReason(Kind kind) {
    this.kind = kind;
  }

  /**
   * Returns whose fault this failure is.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Tells whether the infrastructure retry budget applies.
   *
   * @return true for {@link Kind#INFRASTRUCTURE} reasons
   */
  public boolean isInfrastructure() {
    return kind == Kind.INFRASTRUCTURE;
  }
}
