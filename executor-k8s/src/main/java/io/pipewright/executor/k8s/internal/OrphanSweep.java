package io.pipewright.executor.k8s.internal;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.pipewright.executor.k8s.PodLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides which step pods to delete: pods whose run is finished or unknown, succeeded pods the
 * launcher did not delete, and failed pods kept longer than their retention. Pure: pods, the state
 * of their runs and {@code now} in, deletions out; a thin loop reads the informer's cache and the
 * run store, and deletes.
 */
public final class OrphanSweep {

  /** What the run store says of a pod's run. */
  public enum RunActivity {
    /** The run is queued, starting, started or canceling: its pods may be in use. */
    ACTIVE,
    /** The run ended (success, failure, canceled): its pods are of no use but inspection. */
    FINISHED,
    /** No run has that id (deleted, or another database): the pod is an orphan. */
    UNKNOWN
  }

  /**
   * A pod to delete.
   *
   * @param podName the pod's name
   * @param runId its run id (from its annotation), or null
   * @param reason why, for the log
   */
  public record Deletion(String podName, String runId, String reason) {}

  private final Duration keepFailedFor;
  private final Duration minAge;

  /**
   * Creates the sweep.
   *
   * @param keepFailedFor how long failed pods are kept after they finished
   * @param minAge the minimum age of a pod that is swept while its run is active or unknown: a run
   *     may not be visible yet, and the launcher may still be copying a pod's logs
   */
  public OrphanSweep(Duration keepFailedFor, Duration minAge) {
    this.keepFailedFor = keepFailedFor;
    this.minAge = minAge;
  }

  /**
   * Decides what to delete.
   *
   * @param pods the step pods of this installation
   * @param runs the activity of a run, by run id
   * @param now the time of the decision
   * @return the pods to delete, in the order given
   */
  public List<Deletion> decide(
      Collection<Pod> pods, Function<String, RunActivity> runs, Instant now) {
    List<Deletion> deletions = new ArrayList<>();
    for (Pod pod : pods) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      String runId = runId(pod);
      RunActivity run = runId == null ? RunActivity.UNKNOWN : runs.apply(runId);
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      boolean succeeded = "Succeeded".equals(phase);
      boolean failed = "Failed".equals(phase);
      Instant created = Times.parse(pod.getMetadata().getCreationTimestamp());
      boolean old = created == null || !created.plus(minAge).isAfter(now);
      Instant finished = finishedAt(pod, created == null ? now : created);
      boolean finishedLongAgo = !finished.plus(minAge).isAfter(now);
      boolean keptLongEnough = !finished.plus(keepFailedFor).isAfter(now);
      String reason = null;
      if (failed) {
        if (keptLongEnough) {
          reason =
              "failed " + Times.human(Duration.between(finished, now)) + " ago; kept long enough";
        }
      } else if (succeeded) {
        if (run != RunActivity.ACTIVE || finishedLongAgo) {
          reason = "succeeded and was not deleted after its attempt";
        }
      } else if (run == RunActivity.FINISHED) {
        reason = "its run finished, but the pod has not";
      } else if (run == RunActivity.UNKNOWN && old) {
        reason = "no run " + runId + " is known";
      }
      if (reason != null) {
        deletions.add(new Deletion(pod.getMetadata().getName(), runId, reason));
      }
    }
    return deletions;
  }

  private static String runId(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(PodLabels.RUN_ID);
  }

  /** The latest time a container of the pod terminated, else the pod's creation. */
  static Instant finishedAt(Pod pod, Instant fallback) {
    Instant latest = null;
    if (pod.getStatus() != null) {
      List<ContainerStatus> statuses = new ArrayList<>(pod.getStatus().getContainerStatuses());
      statuses.addAll(pod.getStatus().getInitContainerStatuses());
      for (ContainerStatus status : statuses) {
        if (status.getState() != null && status.getState().getTerminated() != null) {
          Instant at = Times.parse(status.getState().getTerminated().getFinishedAt());
          if (at != null && (latest == null || at.isAfter(latest))) {
            latest = at;
          }
        }
      }
    }
    return latest == null ? fallback : latest;
  }
}
