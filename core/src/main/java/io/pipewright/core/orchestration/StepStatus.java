package io.pipewright.core.orchestration;

/** Where a concrete step of a run is, as {@link RunProgress} sees it. */
public enum StepStatus {
  /** Some upstream step has not finished. */
  WAITING,
  /** Its inputs are ready; it waits for a launch (a concurrency limit or a pool slot). */
  READY,
  /** An attempt is live (launching, running, or being stopped). */
  IN_PROGRESS,
  /** An attempt failed and the next one starts at a known time. */
  WAITING_FOR_RETRY,
  /** It succeeded. Terminal. */
  SUCCEEDED,
  /** It failed for good. Terminal. */
  FAILED,
  /** It was skipped (an upstream failure, or an output it needs was not produced). Terminal. */
  SKIPPED;

  /**
   * Tells whether the step is over.
   *
   * @return true for {@link #SUCCEEDED}, {@link #FAILED} and {@link #SKIPPED}
   */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED;
  }
}
