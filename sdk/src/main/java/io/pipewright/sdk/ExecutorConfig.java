package io.pipewright.sdk;

/**
 * How a job's steps are executed. In process, steps run on threads of the calling JVM; when a job
 * is run by the Pipewright daemon, each step runs in its own process or Kubernetes pod and this
 * setting only bounds in-process runs.
 *
 * @param kind sequential or multi-threaded
 * @param maxConcurrent how many steps may run at once (1 for {@link Kind#IN_PROCESS})
 */
public record ExecutorConfig(Kind kind, int maxConcurrent) {

  /** The executors. */
  public enum Kind {
    /** One step at a time, on the calling thread (Dagster's {@code in_process_executor}). */
    IN_PROCESS,
    /** Up to {@code maxConcurrent} steps at a time on a thread pool. */
    MULTI_THREAD
  }

  /** Validates the components. */
  public ExecutorConfig {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException(
          "maxConcurrent must be at least 1, got " + maxConcurrent + ".");
    }
  }

  /**
   * Sequential execution on the calling thread.
   *
   * @return the config
   */
  public static ExecutorConfig inProcess() {
    return new ExecutorConfig(Kind.IN_PROCESS, 1);
  }

  /**
   * Parallel execution on a pool of threads.
   *
   * @param maxConcurrent how many steps may run at once
   * @return the config
   */
  public static ExecutorConfig multiThread(int maxConcurrent) {
    return new ExecutorConfig(Kind.MULTI_THREAD, maxConcurrent);
  }
}
