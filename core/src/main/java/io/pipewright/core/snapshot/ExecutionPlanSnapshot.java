package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The steps a run executes, in topological order, with their dependencies: what the daemon's run
 * orchestrator walks. Written with the run when it is launched, so that the run can be driven (and
 * re-executed) without asking the code location again.
 *
 * @param jobName the job the plan is for; non-blank
 * @param steps the steps in topological order; keys unique
 */
public record ExecutionPlanSnapshot(String jobName, List<StepSnapshot> steps) {

  /** Validates and copies the components. */
  public ExecutionPlanSnapshot {
    Checks.requireNonBlank(jobName, "ExecutionPlanSnapshot", "jobName");
    steps = Checks.list(steps, "ExecutionPlanSnapshot '" + jobName + "'", "steps");
    Set<String> keys = new HashSet<>(Math.max(16, steps.size() * 2));
    for (StepSnapshot step : steps) {
      if (!keys.add(step.key())) {
        throw new IllegalArgumentException(
            "ExecutionPlanSnapshot '"
                + jobName
                + "' has two steps keyed '"
                + step.key()
                + "'; step keys must be unique");
      }
    }
  }

  /**
   * Returns the step of the given key.
   *
   * @param key the step key ({@code handle} or {@code handle[?]})
   * @return the step, or empty
   */
  public Optional<StepSnapshot> step(String key) {
    for (StepSnapshot step : steps) {
      if (step.key().equals(key)) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
  }
}
