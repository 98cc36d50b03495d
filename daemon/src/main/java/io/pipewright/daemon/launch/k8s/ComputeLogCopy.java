package io.pipewright.daemon.launch.k8s;

import io.pipewright.daemon.internal.Files2;
import io.pipewright.daemon.logs.FileComputeLogStore;
import io.pipewright.executor.k8s.ComputeLogSink;
import java.util.Objects;

/**
 * Copies a step container's log into the daemon's compute logs when its attempt ends: the pod's log
 * (standard output and error, interleaved as the kubelet keeps them) becomes the attempt's {@code
 * stdout} log, replaced as a whole (a restarted launcher may copy an attempt again). A truncated
 * log says so on its last line.
 */
public final class ComputeLogCopy implements ComputeLogSink {

  private final FileComputeLogStore logs;

  /**
   * Creates the copy.
   *
   * @param logs the compute logs
   */
  public ComputeLogCopy(FileComputeLogStore logs) {
    this.logs = Objects.requireNonNull(logs, "logs must not be null");
  }

  @Override
  public void copy(ContainerLog log) {
    FileComputeLogStore.LogFiles files = logs.prepare(log.attempt());
    String text = log.text();
    if (log.truncated()) {
      text =
          text
              + (text.endsWith("\n") ? "" : "\n")
              + "[pipewright: the container's log was longer; only its beginning is kept (pod "
              + log.podName()
              + ")]\n";
    }
    Files2.writeAtomically(files.stdout(), text);
  }
}
