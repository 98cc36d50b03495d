package io.pipewright.core.auth;

import io.pipewright.core.internal.Checks;
import java.time.Instant;

/**
 * What an attempt token allows: writing the events of one step attempt until it expires.
 *
 * @param runId the run
 * @param stepKey the step
 * @param attempt the attempt, from 1
 * @param expiresAt when the token stops being accepted
 */
public record AttemptClaims(String runId, String stepKey, int attempt, Instant expiresAt) {

  /** Validates the components. */
  public AttemptClaims {
    Checks.requireNonBlank(runId, "AttemptClaims", "runId");
    Checks.requireNonBlank(stepKey, "AttemptClaims", "stepKey");
    if (attempt < 1) {
      throw new IllegalArgumentException(
          "AttemptClaims needs an attempt of 1 or more, got " + attempt);
    }
    Checks.require(expiresAt, "AttemptClaims", "expiresAt");
  }

  /**
   * Tells whether these claims cover an attempt.
   *
   * @param otherRunId the run of the events
   * @param otherStepKey the step of the events
   * @param otherAttempt the attempt of the events
   * @return true when run, step and attempt are all the same
   */
  public boolean covers(String otherRunId, String otherStepKey, int otherAttempt) {
    return runId.equals(otherRunId) && stepKey.equals(otherStepKey) && attempt == otherAttempt;
  }
}
