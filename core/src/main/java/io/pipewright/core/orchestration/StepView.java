package io.pipewright.core.orchestration;

import io.pipewright.core.step.StepAttemptStatus;
import java.time.Instant;
import java.util.List;

/**
 * A read-only picture of one concrete step, for the daemon's logs, metrics and tests.
 *
 * @param key the concrete step key
 * @param status where the step is
 * @param attempts the statuses of its attempts, first attempt first
 * @param retriesUsed the retries under the op's policy so far
 * @param infrastructureRetriesUsed the infrastructure retries so far
 * @param retryAt when the next attempt may start, while {@link StepStatus#WAITING_FOR_RETRY}
 * @param skipReason why it was skipped; null unless {@link StepStatus#SKIPPED}
 */
public record StepView(
    String key,
    StepStatus status,
    List<StepAttemptStatus> attempts,
    int retriesUsed,
    int infrastructureRetriesUsed,
    Instant retryAt,
    String skipReason) {

  /** Copies the list. */
  public StepView {
    attempts = List.copyOf(attempts);
  }
}
