package io.pipewright.executor.k8s.internal;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.executor.k8s.PodFailureReason;
import io.pipewright.executor.k8s.PodOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates what a pod says ({@link PodOutcome}) into the port's vocabulary ({@link
 * AttemptStatus}, {@link AttemptFailureReason}), and decides what to do with a pod whose attempt
 * ended. Pure.
 */
public final class StatusMapping {

  /** What happens to an ended attempt's pod. */
  public enum PodDisposal {
    /** Its step succeeded: delete it once its log is copied. */
    DELETE,
    /**
     * It never started or its node is gone (image pull, config error, unschedulable, start timeout,
     * node lost): delete it at once, with no grace, so that a late start cannot run the attempt
     * twice.
     */
    DELETE_UNSTARTED,
    /** It failed after running: keep it for inspection; the orphan sweep deletes it later. */
    KEEP,
    /** It is gone or going already (deleted by someone else, preempted). */
    NOTHING
  }

  /**
   * What to do when an attempt ended.
   *
   * @param readLog whether its container's log can and should be read
   * @param disposal what to do with its pod
   */
  public record EndPlan(boolean readLog, PodDisposal disposal) {}

  private StatusMapping() {}

  /**
   * Maps a pod's failure reason to the port's. Every pod reason has its port reason of the same
   * name, except {@link PodFailureReason#NODE_REJECTED} (the node admitted the pod and then refused
   * it for lack of resources or affinity), which is {@link AttemptFailureReason#UNSCHEDULABLE}: no
   * node could take the attempt.
   *
   * @param reason the pod's reason
   * @return the port's reason
   */
  public static AttemptFailureReason reason(PodFailureReason reason) {
    return switch (reason) {
      case NON_ZERO_EXIT -> AttemptFailureReason.NON_ZERO_EXIT;
      case OOM_KILLED -> AttemptFailureReason.OOM_KILLED;
      case DEADLINE_EXCEEDED -> AttemptFailureReason.DEADLINE_EXCEEDED;
      case CONFIG_ERROR -> AttemptFailureReason.CONFIG_ERROR;
      case IMAGE_PULL -> AttemptFailureReason.IMAGE_PULL;
      case UNSCHEDULABLE, NODE_REJECTED -> AttemptFailureReason.UNSCHEDULABLE;
      case START_TIMEOUT -> AttemptFailureReason.START_TIMEOUT;
      case EVICTED -> AttemptFailureReason.EVICTED;
      case PREEMPTED -> AttemptFailureReason.PREEMPTED;
      case NODE_LOST -> AttemptFailureReason.NODE_LOST;
      case DELETED -> AttemptFailureReason.DELETED;
      case UNKNOWN -> AttemptFailureReason.UNKNOWN;
    };
  }

  /**
   * Decides what to do with the pod of an attempt that ended.
   *
   * @param outcome the pod's terminal outcome
   * @param copyLogs whether logs are copied into compute logs (else a log is read only for a
   *     failure's last lines)
   * @return the plan
   */
  public static EndPlan plan(PodOutcome outcome, boolean copyLogs) {
    if (outcome.state() == PodOutcome.State.SUCCEEDED) {
      return new EndPlan(copyLogs, PodDisposal.DELETE);
    }
    if (!outcome.isTerminal()) {
      throw new IllegalArgumentException("an attempt has not ended while its pod is " + outcome);
    }
    return switch (outcome.reason()) {
      // The container never ran: there is no log, and the pod must not start late.
      case IMAGE_PULL, CONFIG_ERROR, UNSCHEDULABLE, START_TIMEOUT ->
          new EndPlan(false, PodDisposal.DELETE_UNSTARTED);
      // The kubelet that holds the log is unreachable; the pod must not come back to life.
      case NODE_LOST -> new EndPlan(false, PodDisposal.DELETE_UNSTARTED);
      // Gone, or being deleted by its owner: a log read would answer 404.
      case DELETED -> new EndPlan(false, PodDisposal.NOTHING);
      // Being deleted by the scheduler; its log may still be there.
      case PREEMPTED -> new EndPlan(true, PodDisposal.NOTHING);
      case NON_ZERO_EXIT, OOM_KILLED, DEADLINE_EXCEEDED, EVICTED, NODE_REJECTED, UNKNOWN ->
          new EndPlan(true, PodDisposal.KEEP);
    };
  }

  /**
   * The status of an attempt whose pod is pending or running.
   *
   * @param attempt the attempt
   * @param outcome the pod's outcome; not terminal
   * @param at when it was observed
   * @return the status
   */
  public static AttemptStatus live(AttemptId attempt, PodOutcome outcome, Instant at) {
    AttemptStatus.Phase phase =
        switch (outcome.state()) {
          case PENDING -> AttemptStatus.Phase.PENDING;
          case RUNNING -> AttemptStatus.Phase.RUNNING;
          default ->
              throw new IllegalArgumentException(
                  "the pod of " + attempt + " has ended (" + outcome + ")");
        };
    return new AttemptStatus(attempt, phase, at, null, null, outcome.message(), List.of());
  }

  /**
   * The status of an attempt whose pod ended.
   *
   * @param attempt the attempt
   * @param outcome the pod's terminal outcome
   * @param at when it was observed
   * @param lastLogLines the container's last log lines, oldest first; empty when unknown
   * @return the status; a failure's message ends with the last log lines
   */
  public static AttemptStatus ended(
      AttemptId attempt, PodOutcome outcome, Instant at, List<String> lastLogLines) {
    if (outcome.state() == PodOutcome.State.SUCCEEDED) {
      return AttemptStatus.succeeded(attempt, at);
    }
    if (outcome.state() != PodOutcome.State.FAILED) {
      throw new IllegalArgumentException(
          "the pod of " + attempt + " has not ended (" + outcome + ")");
    }
    StringBuilder message = new StringBuilder(outcome.message());
    if (!lastLogLines.isEmpty()) {
      message.append("\nLast ").append(lastLogLines.size()).append(" log lines:");
      for (String line : lastLogLines) {
        message.append("\n  ").append(line);
      }
    }
    return AttemptStatus.failed(
        attempt,
        at,
        reason(outcome.reason()),
        outcome.exitCode(),
        message.toString(),
        lastLogLines);
  }

  /**
   * Returns the last lines of a log.
   *
   * @param log the log
   * @param count how many lines at most
   * @return the lines, oldest first, without line ends; a trailing newline makes no empty line
   */
  public static List<String> lastLines(String log, int count) {
    List<String> lines = new ArrayList<>();
    int end = log.length();
    if (end > 0 && log.charAt(end - 1) == '\n') {
      end--;
    }
    while (lines.size() < count && end > 0) {
      int start = log.lastIndexOf('\n', end - 1) + 1;
      String line = log.substring(start, end);
      lines.add(0, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      end = start - 1;
    }
    return lines;
  }
}
