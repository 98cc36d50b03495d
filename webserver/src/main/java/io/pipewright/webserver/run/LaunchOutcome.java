package io.pipewright.webserver.run;

import io.pipewright.core.run.Run;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.JobSnapshot;
import io.pipewright.webserver.workspace.LoadedLocation;
import java.util.List;

/**
 * What a launch produced: the queued run, or why there is none (each a member of Dagster's {@code
 * LaunchRunResult}).
 */
public sealed interface LaunchOutcome {

  /**
   * The run is stored, QUEUED, with its plan; the daemon takes it from here.
   *
   * @param run the run
   */
  record Launched(Run run) implements LaunchOutcome {}

  /**
   * No such job can be used ({@code PipelineNotFoundError}).
   *
   * @param locationName the location asked for
   * @param repositoryName the repository asked for
   * @param jobName the job asked for
   * @param message why
   */
  record JobNotFound(String locationName, String repositoryName, String jobName, String message)
      implements LaunchOutcome {}

  /**
   * The op or asset selection is invalid ({@code InvalidSubsetError}).
   *
   * @param location the job's location
   * @param job the job
   * @param message why
   */
  record InvalidSubset(LoadedLocation location, JobSnapshot job, String message)
      implements LaunchOutcome {}

  /**
   * A step key is not a step of the job ({@code InvalidStepError}).
   *
   * @param stepKey the key
   */
  record InvalidStep(String stepKey) implements LaunchOutcome {}

  /**
   * The run config has problems ({@code RunConfigValidationInvalid}).
   *
   * @param job the job, whose config schema the errors refer to
   * @param errors the problems
   */
  record InvalidConfig(JobSnapshot job, List<ConfigErrorSnapshot> errors)
      implements LaunchOutcome {}

  /**
   * The request contradicts itself ({@code ConflictingExecutionParamsError}).
   *
   * @param message what conflicts
   */
  record Conflicting(String message) implements LaunchOutcome {}

  /**
   * Anything else: a location that is down, user code that failed while planning, a parent run that
   * cannot be re-executed ({@code PythonError}).
   *
   * @param error what went wrong
   */
  record Failed(ErrorSnapshot error) implements LaunchOutcome {}
}
