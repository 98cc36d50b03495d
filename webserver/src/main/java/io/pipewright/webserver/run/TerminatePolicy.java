package io.pipewright.webserver.run;

/** How to terminate a run (Dagster's {@code TerminateRunPolicy}). */
public enum TerminatePolicy {
  /**
   * Cancel safely: a run nobody picked up is canceled at once; a running one goes to CANCELING and
   * the daemon stops its steps.
   */
  SAFE_TERMINATE,
  /**
   * Mark the run CANCELED now, whatever runs: for runs whose steps cannot be reached. Resources the
   * run created may be left behind.
   */
  MARK_AS_CANCELED_IMMEDIATELY
}
