package io.pipewright.sdk.internal.engine;

import io.pipewright.sdk.RetryPolicy;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Whether a failed step attempt is tried again, and when: a pure function of the failure, the retry
 * policy and the retry number, so that it can be tested without waiting.
 */
public final class RetryDecision {
  private RetryDecision() {}

  /**
   * What the failure allows.
   *
   * @param kind whether retries are allowed, and by whose rule
   * @param maxRetries for {@link Kind#REQUESTED}, the op's own limit
   * @param wait for {@link Kind#REQUESTED}, the op's own wait
   */
  public record Request(Kind kind, int maxRetries, Duration delay) {
    /** A failure the retry policy applies to. */
    public static final Request BY_POLICY = new Request(Kind.BY_POLICY, 0, Duration.ZERO);

    /** A failure that must not be retried. */
    public static final Request NEVER = new Request(Kind.NEVER, 0, Duration.ZERO);

    /** Who decides. */
    public enum Kind {
      /** The op or job retry policy. */
      BY_POLICY,
      /** The op raised {@code RetryRequested}. */
      REQUESTED,
      /** Not retryable: a type check, a resource, {@code Failure} without retries. */
      NEVER
    }
  }

  /**
   * The decision.
   *
   * @param retry whether to retry
   * @param wait how long to wait first
   */
  public record Verdict(boolean retry, Duration delay) {
    static final Verdict FAIL = new Verdict(false, Duration.ZERO);
  }

  /**
   * Decides.
   *
   * @param request what the failure allows
   * @param policy the step's retry policy, or {@code null}
   * @param retryNumber the retry number of the attempt that failed (0 for the first try)
   * @param random a source of uniform doubles in [0, 1), for jitter
   * @return retry after a wait, or fail
   */
  public static Verdict decide(
      Request request, RetryPolicy policy, int retryNumber, DoubleSupplier random) {
    if (request == null) {
      return Verdict.FAIL;
    }
    switch (request.kind()) {
      case REQUESTED:
        return retryNumber < request.maxRetries()
            ? new Verdict(true, request.delay())
            : Verdict.FAIL;
      case BY_POLICY:
        if (policy == null || retryNumber >= policy.maxRetries()) {
          return Verdict.FAIL;
        }
        return new Verdict(true, policy.delayForAttempt(retryNumber + 1, random));
      default:
        return Verdict.FAIL;
    }
  }
}
