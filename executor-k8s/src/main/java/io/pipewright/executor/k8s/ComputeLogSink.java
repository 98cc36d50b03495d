package io.pipewright.executor.k8s;

import io.pipewright.core.launch.AttemptId;
import java.util.Objects;

/**
 * Where {@link K8sStepLauncher} copies a step container's log when its attempt ends, before the pod
 * is deleted: the daemon adapts its compute log store to it. The default, {@link #NONE}, keeps
 * nothing (and saves the log call of every successful step).
 *
 * <p>Called on the launcher's clean-up threads, possibly at once for different attempts, at most
 * once per attempt while the launcher runs; a restarted launcher may copy an attempt again (its pod
 * was still there), so an implementation replaces what it holds for the attempt rather than
 * appending. An exception is logged by the launcher and does not change the attempt's status.
 */
@FunctionalInterface
public interface ComputeLogSink {

  /** Keeps nothing. */
  ComputeLogSink NONE = log -> {};

  /**
   * Receives the log of an attempt that ended.
   *
   * @param log the container's log
   */
  void copy(ContainerLog log);

  /**
   * A step container's log, as the kubelet returned it.
   *
   * @param attempt the attempt
   * @param podName its pod
   * @param text the log (standard output and error, interleaved as written), from its start
   * @param truncated whether the log was longer than {@link K8sExecutorSettings#maxLogBytes()} and
   *     only its first part is here
   */
  record ContainerLog(AttemptId attempt, String podName, String text, boolean truncated) {

    /** Validates the components. */
    public ContainerLog {
      Objects.requireNonNull(attempt, "attempt");
      Objects.requireNonNull(podName, "podName");
      Objects.requireNonNull(text, "text");
    }

    /** Shows the attempt, the pod and the log's size, not its text. */
    @Override
    public String toString() {
      return "ContainerLog["
          + attempt
          + ", pod "
          + podName
          + ", "
          + text.length()
          + " characters"
          + (truncated ? ", truncated" : "")
          + "]";
    }
  }
}
