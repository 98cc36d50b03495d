/**
 * Step attempts: their lifecycle ({@link io.pipewright.core.step.StepAttemptStatus} and the
 * transition table of {@link io.pipewright.core.step.StepAttemptStateMachine}) and the pure retry
 * decision ({@link io.pipewright.core.step.RetryDecision}): the op's retry policy with Dagster's
 * backoff and jitter, and a separate budget for infrastructure failures.
 */
package io.pipewright.core.step;
