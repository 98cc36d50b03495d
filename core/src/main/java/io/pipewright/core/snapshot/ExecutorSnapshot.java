package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;

/**
 * How a job runs its steps when it runs in process (the sdk's {@code ExecutorConfig}). In a cluster
 * the daemon launches one pod per step and uses {@link #maxConcurrent()} as the run's own limit.
 *
 * @param kind the executor's kind, such as {@code IN_PROCESS} or {@code MULTI_THREAD}; non-blank. A
 *     string, not an enum, so that a new executor does not break older hosts.
 * @param maxConcurrent how many steps may run at once; at least 1
 */
public record ExecutorSnapshot(String kind, int maxConcurrent) {

  /** Validates the components. */
  public ExecutorSnapshot {
    Checks.requireNonBlank(kind, "ExecutorSnapshot", "kind");
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException(
          "ExecutorSnapshot needs maxConcurrent of at least 1, got " + maxConcurrent);
    }
  }
}
