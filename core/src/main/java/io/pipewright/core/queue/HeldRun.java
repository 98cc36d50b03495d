package io.pipewright.core.queue;

/**
 * A queued run that admission left in the queue, and why.
 *
 * @param run the run
 * @param blockedBy the tag limit that holds it; null when the maximum of concurrent runs does
 * @param maxConcurrentRuns the maximum in force, for the message
 */
public record HeldRun(QueuedRun run, TagConcurrencyLimit blockedBy, int maxConcurrentRuns) {

  /**
   * Explains why the run waits, for the UI and logs.
   *
   * @return a sentence
   */
  public String reason() {
    if (blockedBy != null) {
      return "Waiting for the tag concurrency limit " + blockedBy + ".";
    }
    return maxConcurrentRuns == 0
        ? "The run queue is paused (maxConcurrentRuns is 0)."
        : "Waiting for one of the " + maxConcurrentRuns + " concurrent run slots.";
  }
}
