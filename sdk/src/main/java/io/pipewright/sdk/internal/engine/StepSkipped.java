package io.pipewright.sdk.internal.engine;

/**
 * Thrown by {@link InputResolver} when a step cannot run because of its upstream steps: one failed,
 * or an output it needs was not produced. The step is then skipped, with this reason. Without a
 * stack trace: it is an outcome, not an error, and creating it must stay cheap.
 */
public final class StepSkipped extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient String reason;
  private final boolean afterFailure;

  StepSkipped(String reason, boolean afterFailure) {
    super(reason, null, false, false);
    this.reason = reason;
    this.afterFailure = afterFailure;
  }

  /**
   * Why the step is skipped, such as {@code upstream step "extract" failed}.
   *
   * @return the reason, without a final period
   */
  public String reason() {
    return reason;
  }

  /**
   * Whether the step is skipped because of a failure upstream (so that the steps after it are too).
   *
   * @return true after a failure
   */
  public boolean afterFailure() {
    return afterFailure;
  }
}
