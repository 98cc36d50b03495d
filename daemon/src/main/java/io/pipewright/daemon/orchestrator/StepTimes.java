package io.pipewright.daemon.orchestrator;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.daemon.metrics.DaemonMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** How long workers run, from their launcher's RUNNING report to their end, for the metrics. */
final class StepTimes {

  private final DaemonMetrics metrics;
  private final Map<AttemptId, Instant> runningSince = new HashMap<>();

  StepTimes(DaemonMetrics metrics) {
    this.metrics = metrics;
  }

  /** Notes a status of an attempt; an end records the attempt's duration. */
  void observe(AttemptStatus status) {
    if (status.phase() == AttemptStatus.Phase.RUNNING) {
      runningSince.putIfAbsent(status.attempt(), status.observedAt());
    } else if (status.phase().isEnded()) {
      Instant since = runningSince.remove(status.attempt());
      if (since != null) {
        metrics.stepEnded(status.phase().name(), Duration.between(since, status.observedAt()));
      }
    }
  }

  /** Forgets a run's attempts. */
  void forget(String runId) {
    runningSince.keySet().removeIf(id -> id.runId().equals(runId));
  }

  void clear() {
    runningSince.clear();
  }
}
