package io.pipewright.executor.k8s.internal;

/**
 * A pod name that exists for another attempt: two attempts whose names share their 40-bit hash.
 * Vanishingly rare, but never taken for "already launched", which would lose the attempt.
 */
public final class PodNameCollisionException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  PodNameCollisionException(String name, String wanted, String existing) {
    super(
        "pod "
            + name
            + " exists for "
            + existing
            + ", not for "
            + wanted
            + "; the names collide. Delete the other pod if it is stale, or retry the attempt"
            + " with another attempt number");
  }
}
