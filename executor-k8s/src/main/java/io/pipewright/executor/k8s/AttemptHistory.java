package io.pipewright.executor.k8s;

import io.pipewright.core.launch.AttemptId;

/**
 * What {@link K8sStepLauncher} needs to know of an attempt's past, from the daemon's event log:
 * whether the attempt's worker reported anything. The step worker reports {@code
 * STEP_WORKER_STARTED} and waits until the event ingest stored it before it runs any of the step's
 * code (a worker whose first report is refused exits without running it), so an attempt whose
 * worker reported nothing has not run the step.
 *
 * <p>Asked after a restart only, and only for a launch the launcher does not know, of a run that
 * started before the launcher did, whose pod the API server does not have: an earlier launcher may
 * have created that pod, and someone deleted it. When the worker reported, the pod is not created
 * again (the step would run twice); when it did not, the pod is created. Called on the launcher's
 * creation threads; must be thread-safe. An exception means "cannot tell": the pod is not created
 * and the launch is rejected ({@code LAUNCH_FAILED}).
 */
@FunctionalInterface
public interface AttemptHistory {

  /**
   * Tells whether the attempt's worker reported anything (any event it sent, {@code
   * STEP_WORKER_STARTED} first), reading the store now: the launcher asks after it saw that the
   * attempt's pod does not exist, so a worker that was acknowledged before its pod went away is
   * seen.
   *
   * @param attempt the attempt
   * @return true when any event of the attempt's worker is stored
   */
  boolean workerReported(AttemptId attempt);
}
