package io.pipewright.core.step;

import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.snapshot.RetryPolicySnapshot;
import io.pipewright.core.snapshot.RetryPolicySnapshot.Backoff;
import io.pipewright.core.snapshot.RetryPolicySnapshot.Jitter;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Whether a failed step attempt is tried again, and when: pure functions of the failure, the policy
 * and the retries used so far, with randomness passed in, so that tests need no waiting.
 *
 * <p>Three budgets, counted separately:
 *
 * <ul>
 *   <li>An op that raised {@code RetryRequested} or failed under its retry policy is retried as its
 *       worker decided: the worker emits {@code STEP_UP_FOR_RETRY} with the wait ({@link
 *       #requested}), as Dagster's step processes do.
 *   <li>A step whose process died without a final event (a crash, an OOM kill, a non-zero exit) is
 *       retried by the op's retry policy ({@link #afterStepFailure}), as Dagster does after a
 *       failed step health check. These retries count against the same policy.
 *   <li>An infrastructure failure is retried under {@link InfrastructureRetryPolicy} ({@link
 *       #afterInfrastructureFailure}), not counted against the op's policy.
 * </ul>
 */
public final class RetryDecision {

  /**
   * The longest wait before a retry: one day, as the sdk's {@code RetryPolicy.MAX_DELAY}. Backoff
   * is capped at it before jitter and the result again after, so exponential backoff cannot
   * overflow.
   */
  public static final Duration MAX_DELAY = Duration.ofDays(1);

  private static final double MAX_DELAY_NANOS = MAX_DELAY.toNanos();

  private RetryDecision() {}

  /**
   * Returns the wait before a retry under an op's retry policy: Dagster's {@code calculate_delay}.
   *
   * <p>With {@code n = retryNumber} and base delay {@code d}: backoff gives {@code (2^n - 1) * d}
   * (exponential), {@code n * d} (linear) or {@code d} (none); jitter then gives {@code random *
   * calculated} (full), {@code calculated + (2 * random * d - d)} (plus-minus) or leaves it. The
   * result is clamped to {@code [0, MAX_DELAY]}. The same formulas as the sdk's {@code
   * RetryPolicy.delayForAttempt}, so in-process and daemon-driven runs wait alike.
   *
   * @param policy the op's retry policy; not null
   * @param retryNumber the retry's number, from 1
   * @param random uniform doubles in {@code [0, 1]}; called once when the policy has jitter and a
   *     non-zero delay
   * @return the wait
   * @throws IllegalArgumentException when {@code retryNumber} is below 1 or {@code random} returns
   *     a value outside {@code [0, 1]}
   */
  public static Duration delay(RetryPolicySnapshot policy, int retryNumber, DoubleSupplier random) {
    Objects.requireNonNull(policy, "policy: the op's retry policy must not be null");
    return calculateDelay(policy.delay(), policy.backoff(), policy.jitter(), retryNumber, random);
  }

  /**
   * Decides after a step's process ended without a final event, or with a reason of kind {@link
   * io.pipewright.core.launch.AttemptFailureReason.Kind#STEP}: the op's retry policy applies.
   *
   * @param policy the op's retry policy (the job's when the op has none); null for no retries
   * @param retriesUsed how many retries under the op's policy the step has had
   * @param random uniform doubles in {@code [0, 1]}, for jitter
   * @return retry with the policy's delay, or give up
   */
  public static RetryVerdict afterStepFailure(
      RetryPolicySnapshot policy, int retriesUsed, DoubleSupplier random) {
    if (policy == null || policy.maxRetries() == 0) {
      return RetryVerdict.giveUp("the op has no retry policy");
    }
    if (retriesUsed >= policy.maxRetries()) {
      return RetryVerdict.giveUp(
          "the op's retry policy allows "
              + retries(policy.maxRetries())
              + " and "
              + retriesUsed
              + " were used");
    }
    int next = retriesUsed + 1;
    return RetryVerdict.retry(delay(policy, next, random), next);
  }

  /**
   * Decides after an infrastructure failure: the infrastructure budget applies, not the op's
   * policy.
   *
   * @param policy the infrastructure budget; not null
   * @param infrastructureRetriesUsed how many infrastructure retries the step has had
   * @return retry after the budget's delay, or give up
   */
  public static RetryVerdict afterInfrastructureFailure(
      InfrastructureRetryPolicy policy, int infrastructureRetriesUsed) {
    Objects.requireNonNull(policy, "policy: the infrastructure retry policy must not be null");
    if (infrastructureRetriesUsed >= policy.maxRetries()) {
      return RetryVerdict.giveUp(
          "the infrastructure retry budget of " + retries(policy.maxRetries()) + " is spent");
    }
    int next = infrastructureRetriesUsed + 1;
    return RetryVerdict.retry(policy.delayFor(next), next);
  }

  /**
   * Follows a retry the worker decided ({@code STEP_UP_FOR_RETRY}): after {@code RetryRequested} or
   * an op failure under its retry policy. The worker counted the op's retries; the wait is its own.
   *
   * @param payload the event's payload
   * @param retriesUsed how many retries under the op's policy the step had before this one
   * @return retry after the requested wait
   */
  public static RetryVerdict requested(StepRetryPayload payload, int retriesUsed) {
    Objects.requireNonNull(payload, "payload: the STEP_UP_FOR_RETRY payload must not be null");
    long nanos = Math.round(Math.min(payload.secondsToWait() * 1e9, MAX_DELAY_NANOS));
    return RetryVerdict.retry(Duration.ofNanos(nanos), retriesUsed + 1);
  }

  /** Dagster's {@code calculate_delay}, in nanoseconds with doubles, rounded and clamped. */
  static Duration calculateDelay(
      Duration delay, Backoff backoff, Jitter jitter, int retryNumber, DoubleSupplier random) {
    if (retryNumber < 1) {
      throw new IllegalArgumentException(
          "retryNumber must be 1 or more (the first retry is 1), got " + retryNumber);
    }
    Objects.requireNonNull(random, "random must not be null");
    if (delay.isZero() || (backoff == null && jitter == null)) {
      return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
    double base = delay.toNanos();
    double calculated =
        backoff == null
            ? base
            : switch (backoff) {
              // Math.pow overflows to Infinity for huge retry numbers; the cap absorbs it.
              case EXPONENTIAL -> (Math.pow(2, retryNumber) - 1) * base;
              case LINEAR -> base * retryNumber;
            };
    calculated = Math.min(calculated, MAX_DELAY_NANOS);
    if (jitter != null) {
      double r = random.getAsDouble();
      if (!(r >= 0.0 && r <= 1.0)) {
        throw new IllegalArgumentException(
            "random must return a number between 0 and 1 but returned " + r);
      }
      calculated =
          switch (jitter) {
            case FULL -> r * calculated;
            case PLUS_MINUS -> calculated + ((2 * r * base) - base);
          };
    }
    double clamped = Math.max(0.0, Math.min(calculated, MAX_DELAY_NANOS));
    return Duration.ofNanos(Math.round(clamped));
  }

  private static String retries(int count) {
    return count + (count == 1 ? " retry" : " retries");
  }
}
