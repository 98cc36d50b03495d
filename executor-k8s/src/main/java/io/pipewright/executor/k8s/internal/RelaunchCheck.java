package io.pipewright.executor.k8s.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.executor.k8s.AttemptHistory;
import io.pipewright.executor.k8s.RunLookup;
import io.pipewright.executor.k8s.internal.RelaunchRule.Facts;
import io.pipewright.executor.k8s.internal.RelaunchRule.Verdict;
import java.time.Instant;
import java.util.Optional;

/**
 * The thin loop around {@link RelaunchRule}: asks the run lookup when the run started, reads the
 * pod and the worker's reports when the rule asks for them, and returns its verdict with a message
 * saying why. Runs on the launcher's creation threads, before a launch the book does not know is
 * created.
 */
final class RelaunchCheck {

  /**
   * The verdict and why.
   *
   * @param verdict {@link Verdict#CREATE}, {@link Verdict#ADOPT}, {@link Verdict#LOST} or {@link
   *     Verdict#REFUSE}
   * @param podName the attempt's pod name
   * @param message why, for the attempt's status or the rejection; null for {@code CREATE}
   */
  record Answer(Verdict verdict, String podName, String message) {}

  private final RunLookup runs;
  private final PodApi api;
  private final AttemptHistory history;

  /**
   * Creates the check.
   *
   * @param runs the run lookup (when the run started)
   * @param api where the pod is read
   * @param history the worker's reports; null when the launcher was given none
   */
  RelaunchCheck(RunLookup runs, PodApi api, AttemptHistory history) {
    this.runs = runs;
    this.api = api;
    this.history = history;
  }

  /**
   * Checks a launch the book does not know.
   *
   * @param id the attempt
   * @param launcherStartedAt when the launcher started
   * @return the verdict
   * @throws InterruptedException when interrupted while waiting for the rate limiter
   */
  Answer check(AttemptId id, Instant launcherStartedAt) throws InterruptedException {
    String podName = Names.podName(id.runId(), id.stepKey(), id.attempt());
    Optional<RunLookup.RunInfo> run;
    try {
      run = runs.find(id.runId());
    } catch (RuntimeException e) {
      return new Answer(
          Verdict.REFUSE,
          podName,
          "Looking up run " + id.runId() + " for the launch of " + id + " failed: " + e);
    }
    // An unknown run: building the pod rejects the launch.
    Facts facts = Facts.of(launcherStartedAt, run.map(RunLookup.RunInfo::startedAt).orElse(null));
    String why = null;
    while (true) {
      Verdict verdict = RelaunchRule.decide(facts);
      switch (verdict) {
        case READ_POD -> {
          try {
            Pod pod = api.read(podName);
            facts =
                facts.withPod(
                    pod == null
                        ? RelaunchRule.Pod.ABSENT
                        : api.isPodOf(pod, id.runId(), id.stepKey(), id.attempt())
                            ? RelaunchRule.Pod.PRESENT
                            : RelaunchRule.Pod.OTHER_ATTEMPT);
          } catch (KubernetesClientException e) {
            return new Answer(
                Verdict.REFUSE,
                podName,
                "The launch of "
                    + id
                    + " was recorded before this launcher started; reading its pod "
                    + podName
                    + " to tell whether it exists failed (HTTP "
                    + e.getCode()
                    + "): "
                    + e.getMessage()
                    + "; not created");
          }
        }
        case ASK_WORKER -> {
          if (history == null) {
            why =
                "the launcher was given no AttemptHistory (K8sStepLauncher.Builder.attemptHistory)";
            facts = facts.withWorker(RelaunchRule.Worker.UNKNOWN);
          } else {
            try {
              facts =
                  facts.withWorker(
                      history.workerReported(id)
                          ? RelaunchRule.Worker.REPORTED
                          : RelaunchRule.Worker.SILENT);
            } catch (RuntimeException e) {
              why = "reading its worker's reports failed: " + e;
              facts = facts.withWorker(RelaunchRule.Worker.UNKNOWN);
            }
          }
        }
        case CREATE -> {
          return new Answer(Verdict.CREATE, podName, null);
        }
        case ADOPT -> {
          return new Answer(
              Verdict.ADOPT,
              podName,
              "pod " + podName + " exists (created before this launcher started)");
        }
        case LOST -> {
          return new Answer(
              Verdict.LOST,
              podName,
              "pod "
                  + podName
                  + " of this attempt was deleted after its worker reported, before this"
                  + " launcher started; not created again");
        }
        case REFUSE -> {
          return new Answer(
              Verdict.REFUSE,
              podName,
              "The launch of "
                  + id
                  + " was recorded before this launcher started and its pod "
                  + podName
                  + " does not exist; whether its worker ran cannot be told ("
                  + why
                  + "), so it is not created (the step might run twice)");
        }
        default -> throw new IllegalStateException("unexpected verdict " + verdict);
      }
    }
  }
}
