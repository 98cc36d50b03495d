package io.pipewright.core.orchestration;

/** Why an attempt was launched. */
public enum AttemptOrigin {
  /** The step's first attempt. */
  FIRST,
  /** A retry under the op's retry policy (or as {@code RetryRequested} asked). */
  RETRY,
  /** A retry after an infrastructure failure, under the infrastructure budget. */
  INFRASTRUCTURE_RETRY
}
