package io.pipewright.daemon.launch.k8s;

import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.logs.LogStream;
import io.pipewright.executor.k8s.ComputeLogSink;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Copies a step container's log into the compute logs when its attempt ends: the pod's log
 * (standard output and error, interleaved as the kubelet keeps them) becomes the attempt's {@code
 * stdout} log. A truncated log says so on its last line.
 *
 * <p>The store is the configured one ({@code pipewright.compute-logs.store}): with {@code
 * postgres}, the webserver reads what the daemon copied without a shared volume. An attempt whose
 * log is stored already is not copied again: a restarted launcher may report the same ended
 * container twice, and its log is the same both times.
 */
public final class ComputeLogCopy implements ComputeLogSink {

  private final ComputeLogStore logs;

  /**
   * Creates the copy.
   *
   * @param logs the compute logs
   */
  public ComputeLogCopy(ComputeLogStore logs) {
    this.logs = Objects.requireNonNull(logs, "logs must not be null");
  }

  @Override
  public void copy(ContainerLog log) {
    if (!logs.read(log.attempt(), LogStream.STDOUT, 0, 1).text().isEmpty()) {
      return;
    }
    String text = log.text();
    if (log.truncated()) {
      text =
          text
              + (text.endsWith("\n") ? "" : "\n")
              + "[pipewright: the container's log was longer; only its beginning is kept (pod "
              + log.podName()
              + ")]\n";
    }
    logs.append(log.attempt(), LogStream.STDOUT, text.getBytes(StandardCharsets.UTF_8));
  }
}
