package io.pipewright.core.launch;

import io.pipewright.core.internal.Checks;

/**
 * Names one step attempt: the unit a {@link StepLauncher} launches, watches and terminates.
 *
 * <p>The triple is deterministic (the daemon numbers attempts from the run's events), so launching
 * the same attempt twice, for instance after a daemon restart, names the same process or pod and
 * {@link StepLauncher#launch} can recognize the repeat.
 *
 * @param runId the run's id; non-blank
 * @param stepKey the concrete step key ({@code op}, {@code graph.op} or {@code op[mapping_key]});
 *     non-blank
 * @param attempt the attempt number, from 1; retries of any kind make the next number
 */
public record AttemptId(String runId, String stepKey, int attempt) {

  /** Validates the components. */
  public AttemptId {
    Checks.requireNonBlank(runId, "AttemptId", "runId");
    Checks.requireNonBlank(stepKey, "AttemptId", runId, "stepKey");
    if (attempt < 1) {
      throw new IllegalArgumentException(
          "AttemptId of run "
              + runId
              + ", step "
              + stepKey
              + " needs an attempt of 1 or more (the first attempt is 1), got "
              + attempt);
    }
  }

  /**
   * Returns the id of the same step's next attempt.
   *
   * @return this id with {@code attempt + 1}
   */
  public AttemptId next() {
    return new AttemptId(runId, stepKey, attempt + 1);
  }

  /** Renders {@code runId/stepKey#attempt}, the form log lines and messages use. */
  @Override
  public String toString() {
    return runId + "/" + stepKey + "#" + attempt;
  }
}
