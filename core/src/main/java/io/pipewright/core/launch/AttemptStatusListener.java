package io.pipewright.core.launch;

/**
 * Receives the statuses a {@link StepLauncher} observes. Calls are serialized (never concurrent),
 * in order per attempt. An implementation must return quickly and must not throw; the daemon's
 * listener hands each status to its orchestrator loop.
 */
@FunctionalInterface
public interface AttemptStatusListener {

  /**
   * Called for each status.
   *
   * @param status the attempt's new status
   */
  void onStatus(AttemptStatus status);
}
