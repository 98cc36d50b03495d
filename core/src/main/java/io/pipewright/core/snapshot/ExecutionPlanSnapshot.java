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
 * <p>The plan also names the container image of the code location that planned it, so that every
 * step pod of the run runs the image the run was planned with, even when the location has been
 * redeployed since, or the daemon restarted.
 *
 * @param jobName the job the plan is for; non-blank
 * @param steps the steps in topological order; keys unique
 * @param containerImage the image the planning code location runs (its snapshot's {@code
 *     containerImage}); null outside containers, and in plans stored before plans carried it
 */
public record ExecutionPlanSnapshot(
    String jobName, List<StepSnapshot> steps, String containerImage) {

  /** Validates and copies the components. */
  public ExecutionPlanSnapshot {
    Checks.requireNonBlank(jobName, "ExecutionPlanSnapshot", "jobName");
    Checks.optionalNonBlank(containerImage, "ExecutionPlanSnapshot", jobName, "containerImage");
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
   * Creates a plan without a container image.
   *
   * @param jobName the job the plan is for; non-blank
   * @param steps the steps in topological order; keys unique
   */
  public ExecutionPlanSnapshot(String jobName, List<StepSnapshot> steps) {
    this(jobName, steps, null);
  }

  /**
   * Returns this plan naming the given image.
   *
   * @param image the planning location's image; null or blank for none
   * @return the plan
   */
  public ExecutionPlanSnapshot withContainerImage(String image) {
    return new ExecutionPlanSnapshot(
        jobName, steps, image == null || image.isBlank() ? null : image);
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
