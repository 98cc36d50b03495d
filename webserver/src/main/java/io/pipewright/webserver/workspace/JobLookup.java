package io.pipewright.webserver.workspace;

import io.pipewright.core.snapshot.JobSnapshot;

/**
 * The answer to {@link Workspace#findJob}: the job with its location, or why it cannot be found.
 */
public sealed interface JobLookup permits JobLookup.Found, JobLookup.NotFound {

  /**
   * The job exists in a loaded location.
   *
   * @param location the location
   * @param job the job
   */
  record Found(LoadedLocation location, JobSnapshot job) implements JobLookup {}

  /**
   * No such job can be used: Dagster's {@code PipelineNotFoundError}.
   *
   * @param message {@code Could not find Pipeline location.repository.job}, and why
   */
  record NotFound(String message) implements JobLookup {}
}
