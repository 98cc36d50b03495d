package io.pipewright.executor.k8s.internal;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.executor.k8s.ComputeLogSink;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.internal.StatusMapping.EndPlan;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a pod after its attempt: its log copied into the compute logs (and its last lines
 * read for a failure), and its deletion, announced to the watcher first. Runs on clean-up threads;
 * failures are logged and left to the sweep, never thrown.
 */
final class PodCleanup {

  private static final Logger LOG = LoggerFactory.getLogger(PodCleanup.class);

  private final PodApi api;
  private final PodWatcher watcher;
  private final ComputeLogSink logs;
  private final K8sExecutorSettings settings;
  private final LauncherMetrics metrics;

  PodCleanup(
      PodApi api,
      PodWatcher watcher,
      ComputeLogSink logs,
      K8sExecutorSettings settings,
      LauncherMetrics metrics) {
    this.api = api;
    this.watcher = watcher;
    this.logs = logs;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** Whether logs go anywhere: without a sink, a success needs no log call. */
  boolean copiesLogs() {
    return logs != ComputeLogSink.NONE;
  }

  /** Copies the log if the plan says so, then deletes the pod if the plan says so. */
  void dispose(AttemptId id, String podName, EndPlan plan) {
    if (plan.readLog()) {
      copyLog(id, podName);
    }
    switch (plan.disposal()) {
      case DELETE -> deleteQuietly(podName, Duration.ZERO, "succeeded");
      case DELETE_UNSTARTED -> deleteQuietly(podName, Duration.ZERO, "unstarted");
      case KEEP, NOTHING -> {}
    }
  }

  /**
   * Reads the container's log (one call; a second only when the log was cut and a failure needs its
   * last lines), copies it into the compute logs, and returns its last lines.
   */
  List<String> copyLog(AttemptId id, String podName) {
    try {
      String log = api.fullLog(podName, settings.maxLogBytes()).orElse(null);
      if (log == null) {
        return List.of();
      }
      boolean truncated = LaunchSpecs.atLeastBytes(log, settings.maxLogBytes());
      if (copiesLogs()) {
        try {
          logs.copy(new ComputeLogSink.ContainerLog(id, podName, log, truncated));
        } catch (RuntimeException e) {
          LOG.warn("Copying the log of {} (pod {}) failed: {}", id, podName, e.toString(), e);
        }
      }
      if (truncated) {
        return api.log(podName, settings.failureLogLines())
            .map(tail -> StatusMapping.lastLines(tail, settings.failureLogLines()))
            .orElse(List.of());
      }
      return StatusMapping.lastLines(log, settings.failureLogLines());
    } catch (KubernetesClientException e) {
      LOG.warn("Reading the log of {} (pod {}) failed: {}", id, podName, e.toString());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /**
   * Deletes one pod, telling the watcher first.
   *
   * @return true when this call deleted it, false when it was gone already
   * @throws KubernetesClientException when the API server refused
   * @throws InterruptedException when interrupted while waiting for the rate limiter
   */
  boolean deletePod(String podName, Duration grace, String cause) throws InterruptedException {
    watcher.expectDeletion(podName);
    boolean deleted = false;
    try {
      deleted = api.delete(podName, grace);
      if (deleted) {
        metrics.podDeleted(cause);
      }
      return deleted;
    } finally {
      if (!deleted) {
        // No removal of ours will be seen.
        watcher.cancelExpectedDeletion(podName);
      }
    }
  }

  /** As {@link #deletePod}, for clean-ups nobody waits for: a failure is logged for the sweep. */
  boolean deleteQuietly(String podName, Duration grace, String cause) {
    try {
      return deletePod(podName, grace, cause);
    } catch (KubernetesClientException e) {
      LOG.warn("Deleting pod {} failed (the sweep will retry): {}", podName, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Deletes every pod of a run that has not failed, announcing the known ones first. */
  int deleteRunPods(String runId, List<String> knownPods)
      throws InterruptedException, KubernetesClientException {
    knownPods.forEach(watcher::expectDeletion);
    watcher.expectRunDeletion(runId);
    int deleted = api.deleteRunPods(runId, settings.deleteGracePeriod());
    for (int i = 0; i < deleted; i++) {
      metrics.podDeleted("terminated");
    }
    return deleted;
  }
}
