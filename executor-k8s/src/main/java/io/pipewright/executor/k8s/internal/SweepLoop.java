package io.pipewright.executor.k8s.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.RunLookup;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin loop around {@link OrphanSweep}: the informer's cache and the run lookup in, deletions
 * out; then forgets ended attempts whose runs are over. No list call: the cache is the informer's.
 */
final class SweepLoop {

  private static final Logger LOG = LoggerFactory.getLogger(SweepLoop.class);

  private final PodWatcher watcher;
  private final RunLookup runs;
  private final AttemptBook book;
  private final LauncherThreads threads;
  private final PodCleanup cleanup;
  private final K8sExecutorSettings settings;
  private final Clock clock;
  private final OrphanSweep sweep;

  SweepLoop(
      PodWatcher watcher,
      RunLookup runs,
      AttemptBook book,
      LauncherThreads threads,
      PodCleanup cleanup,
      K8sExecutorSettings settings,
      Clock clock) {
    this.watcher = watcher;
    this.runs = runs;
    this.book = book;
    this.threads = threads;
    this.cleanup = cleanup;
    this.settings = settings;
    this.clock = clock;
    this.sweep = new OrphanSweep(settings.keepFailedPodsFor(), settings.orphanMinAge());
  }

  /** Sweeps now; returns how many pods it deleted. */
  synchronized int sweep() {
    List<Pod> pods = watcher.cachedPods();
    Map<String, OrphanSweep.RunActivity> activity = new ConcurrentHashMap<>();
    Function<String, OrphanSweep.RunActivity> lookup =
        runId -> activity.computeIfAbsent(runId, this::activityOf);
    Instant now = clock.instant();
    int deleted = 0;
    for (OrphanSweep.Deletion deletion : sweep.decide(pods, lookup, now)) {
      LOG.info(
          "Deleting step pod {} of run {}: {}",
          deletion.podName(),
          deletion.runId(),
          deletion.reason());
      if (cleanup.deleteQuietly(deletion.podName(), settings.deleteGracePeriod(), "swept")) {
        deleted++;
      }
    }
    Set<String> present = new HashSet<>();
    for (Pod pod : pods) {
      present.add(pod.getMetadata().getName());
    }
    Map<AttemptId, Instant> ended =
        threads.awaitOnDelivery(() -> book.endedWithoutPod(present::contains));
    List<AttemptId> forget = new ArrayList<>();
    ended.forEach(
        (id, endedAt) -> {
          boolean runOver = lookup.apply(id.runId()) != OrphanSweep.RunActivity.ACTIVE;
          boolean longAgo =
              endedAt == null || !endedAt.plus(settings.keepFailedPodsFor()).isAfter(now);
          if (runOver || longAgo) {
            forget.add(id);
          }
        });
    if (!forget.isEmpty()) {
      threads.awaitOnDelivery(
          () -> {
            book.forget(forget);
            return null;
          });
    }
    return deleted;
  }

  /** The periodic sweep: a failure is logged, and the next sweep tries again. */
  void sweepQuietly() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // A scheduled task that throws would never run again.
      LOG.warn("The step pod sweep failed: {}", e.toString(), e);
    }
  }

  private OrphanSweep.RunActivity activityOf(String runId) {
    try {
      return runs.find(runId)
          .map(
              run ->
                  run.finished()
                      ? OrphanSweep.RunActivity.FINISHED
                      : OrphanSweep.RunActivity.ACTIVE)
          .orElse(OrphanSweep.RunActivity.UNKNOWN);
    } catch (RuntimeException e) {
      // Unsure: deleting nothing of it is the safe answer.
      LOG.warn(
          "The run lookup failed for run {}; its pods are left alone: {}", runId, e.toString());
      return OrphanSweep.RunActivity.ACTIVE;
    }
  }
}
