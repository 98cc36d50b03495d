package io.pipewright.daemon.orchestrator;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.core.launch.LaunchResult;
import java.util.HashSet;
import java.util.Set;

/**
 * Which of a run's worker processes may still run, for {@link EndGate}: an attempt counts from its
 * launch until the launcher reports its end (or rejects its launch).
 *
 * <p>An attempt whose end was seen never counts again. Its process is gone, so a live status that
 * comes after the end (a platform's late or replayed report of an earlier phase) or a repeated
 * launch of the same attempt (answered "already launched", which brings no new status) must not
 * make it count: nothing would ever take it out again, and the run's end would wait for the whole
 * exit grace period.
 *
 * <p>Not thread-safe: owned by the loop thread, as the rest of {@link RunState}.
 */
final class RunningWorkers {

  private final Set<AttemptId> running = new HashSet<>();
  private final Set<AttemptId> ended = new HashSet<>();

  /**
   * A launch is about to be made: its worker counts as running until the launcher says.
   *
   * @param attempt the attempt
   */
  void launching(AttemptId attempt) {
    if (!ended.contains(attempt)) {
      running.add(attempt);
    }
  }

  /**
   * The launcher reported a status.
   *
   * @param status the status
   */
  void observe(AttemptStatus status) {
    AttemptId attempt = status.attempt();
    if (status.phase().isEnded()) {
      ended.add(attempt);
      running.remove(attempt);
    } else if (!ended.contains(attempt)) {
      running.add(attempt);
    }
  }

  /**
   * The launcher answered a launch: a rejected one has no worker.
   *
   * @param attempt the attempt
   * @param result the answer
   */
  void answered(AttemptId attempt, LaunchResult result) {
    if (!result.isLaunched()) {
      running.remove(attempt);
    }
  }

  /**
   * Tells whether no worker of the run may still run.
   *
   * @return true when none may
   */
  boolean isEmpty() {
    return running.isEmpty();
  }

  /**
   * The attempts whose worker may still run, for diagnostics and tests.
   *
   * @return a copy
   */
  Set<AttemptId> running() {
    return Set.copyOf(running);
  }
}
