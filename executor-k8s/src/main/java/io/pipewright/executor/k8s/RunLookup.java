package io.pipewright.executor.k8s;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link K8sStepLauncher} needs to know about runs, from the daemon's run store: a launch
 * request names only its attempt, while the pod also carries the run's job (a label) and the run's
 * tags (the job's layer of pod settings, {@value K8sConfig#TAG}); and the orphan sweep deletes pods
 * of runs that are finished or unknown.
 *
 * <p>Called on the launcher's creation threads (once per launch) and its sweep thread (once per run
 * with pods, per sweep); must be thread-safe, and should answer from memory or one quick query.
 */
@FunctionalInterface
public interface RunLookup {

  /**
   * Finds a run.
   *
   * @param runId the run's id
   * @return the run, or empty when no run has that id (its pods are orphans)
   */
  Optional<RunInfo> find(String runId);

  /**
   * What the launcher needs of one run.
   *
   * @param jobName the job the run executes
   * @param tags the run's tags (the job's and the launch's)
   * @param finished whether the run ended (success, failure, canceled): its pods are of no use but
   *     inspection
   * @param startedAt when the run's status became {@code STARTED} (the daemon moves it there before
   *     it launches any of the run's steps); null when it has not started, or the lookup does not
   *     say. The launcher checks a launch it does not know against Kubernetes and the {@link
   *     AttemptHistory} only when the run started before the launcher did: only then can an earlier
   *     launcher have created the attempt's pod
   */
  record RunInfo(String jobName, Map<String, String> tags, boolean finished, Instant startedAt) {

    /** Validates and copies the components. */
    public RunInfo {
      if (jobName == null || jobName.isBlank()) {
        throw new IllegalArgumentException("RunInfo needs a job name");
      }
      tags = Map.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /**
     * A run whose start time the lookup does not say.
     *
     * @param jobName its job
     * @param tags its tags
     * @param finished whether it ended
     */
    public RunInfo(String jobName, Map<String, String> tags, boolean finished) {
      this(jobName, tags, finished, null);
    }

    /**
     * This run, started at a time.
     *
     * @param at when its status became {@code STARTED}; null when it has not started
     * @return the run with that start time
     */
    public RunInfo withStartedAt(Instant at) {
      return new RunInfo(jobName, tags, finished, at);
    }

    /**
     * A run that is queued, starting, started or canceling.
     *
     * @param jobName its job
     * @param tags its tags
     * @return the run
     */
    public static RunInfo active(String jobName, Map<String, String> tags) {
      return new RunInfo(jobName, tags, false);
    }

    /**
     * A run that ended.
     *
     * @param jobName its job
     * @param tags its tags
     * @return the run
     */
    public static RunInfo finished(String jobName, Map<String, String> tags) {
      return new RunInfo(jobName, tags, true);
    }
  }
}
