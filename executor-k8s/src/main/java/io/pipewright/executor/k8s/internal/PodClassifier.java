package io.pipewright.executor.k8s.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.pipewright.executor.k8s.K8sConfig;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.PodFailureReason;
import io.pipewright.executor.k8s.PodOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Classifies a step pod from its status, its node's readiness and the time. Pure: the same inputs
 * give the same outcome; the time-based rules (grace periods, timeouts) take {@code now} as an
 * argument, so that the watcher re-evaluates pending pods from its cache as time passes.
 *
 * <p>A failed pod's pod-level reason is read before its containers' exit codes: an evicted or
 * preempted pod's container dies with 137 too, and it is the eviction that matters.
 */
public final class PodClassifier {

  private static final Set<String> IMAGE_PULL_FATAL =
      Set.of("InvalidImageName", "ErrImageNeverPull");
  private static final Set<String> IMAGE_PULL_RETRYING = Set.of("ErrImagePull", "ImagePullBackOff");
  private static final Set<String> CONFIG_ERRORS =
      Set.of("CreateContainerConfigError", "CreateContainerError", "RunContainerError");
  private static final Set<String> NODE_GONE_DISRUPTIONS =
      Set.of("DeletionByTaintManager", "DeletionByPodGC");
  private static final Set<String> EVICTION_DISRUPTIONS =
      Set.of("EvictionByEvictionAPI", "TerminationByKubelet");
  private static final Set<String> SHUTDOWN_REASONS =
      Set.of("Shutdown", "Terminated", "NodeShutdown");

  private final K8sExecutorSettings settings;

  /**
   * Creates a classifier.
   *
   * @param settings the grace periods and timeouts
   */
  public PodClassifier(K8sExecutorSettings settings) {
    this.settings = settings;
  }

  /**
   * Classifies a pod that exists.
   *
   * @param pod the pod as last seen
   * @param node what is known of its node
   * @param now the time of the decision
   * @return the outcome
   */
  public PodOutcome classify(Pod pod, NodeReadiness node, Instant now) {
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    String phase = status.getPhase() == null ? "Pending" : status.getPhase();
    if (phase.equals("Succeeded")) {
      return PodOutcome.succeeded();
    }
    if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
      return beingDeleted(pod, status, phase);
    }
    switch (phase) {
      case "Failed":
        return failed(pod, status);
      case "Unknown":
        return PodOutcome.failed(
            PodFailureReason.NODE_LOST,
            "the pod's state is Unknown: its node "
                + nodeName(pod)
                + " stopped reporting"
                + (status.getMessage() == null ? "" : " (" + status.getMessage() + ")"),
            null);
      default:
        break;
    }
    PodOutcome lost = nodeLost(pod, node, now);
    if (lost != null) {
      return lost;
    }
    if (phase.equals("Running")) {
      return PodOutcome.running("running on node " + nodeName(pod));
    }
    return pending(pod, status, now);
  }

  /**
   * Classifies a pod that was deleted, not by Pipewright, as last seen before the deletion.
   *
   * @param lastSeen the pod as last seen
   * @param node what is known of its node
   * @param now the time of the decision
   * @return the outcome: the last seen outcome when it was terminal, else why it was deleted
   */
  public PodOutcome classifyDeleted(Pod lastSeen, NodeReadiness node, Instant now) {
    PodOutcome last = classify(lastSeen, node, now);
    if (last.isTerminal()) {
      return last;
    }
    PodStatus status = lastSeen.getStatus() == null ? new PodStatus() : lastSeen.getStatus();
    PodOutcome disrupted = disruption(lastSeen, status);
    if (disrupted != null) {
      return disrupted;
    }
    return PodOutcome.failed(
        PodFailureReason.DELETED,
        "the pod was deleted by someone other than Pipewright while "
            + last.state().name().toLowerCase()
            + " ("
            + last.message()
            + ")",
        null);
  }

  /**
   * A pod someone else is deleting (Pipewright's own deletions are never classified): the stop
   * signal kills the step, so its exit code says nothing about the step. A disruption condition or
   * a failure the step caused before the deletion (OOM, deadline) still says more than "deleted".
   */
  private PodOutcome beingDeleted(Pod pod, PodStatus status, String phase) {
    PodOutcome disrupted = disruption(pod, status);
    if (disrupted != null) {
      return disrupted;
    }
    if (phase.equals("Failed")) {
      PodOutcome failed = failed(pod, status);
      boolean killedByTheDeletion =
          failed.reason() == PodFailureReason.UNKNOWN
              || (failed.reason() == PodFailureReason.NON_ZERO_EXIT
                  && (Integer.valueOf(137).equals(failed.exitCode())
                      || Integer.valueOf(143).equals(failed.exitCode())));
      if (!killedByTheDeletion) {
        return failed;
      }
    }
    return PodOutcome.failed(
        PodFailureReason.DELETED,
        "the pod is being deleted by someone other than Pipewright (its phase was " + phase + ")",
        null);
  }

  private PodOutcome failed(Pod pod, PodStatus status) {
    String reason = status.getReason() == null ? "" : status.getReason();
    String message = status.getMessage() == null ? "" : status.getMessage();
    if (reason.equals("Evicted")) {
      return PodOutcome.failed(
          PodFailureReason.EVICTED,
          "the kubelet evicted the pod" + (message.isEmpty() ? "" : ": " + message),
          null);
    }
    if (reason.equals("DeadlineExceeded")) {
      Long deadline = pod.getSpec() == null ? null : pod.getSpec().getActiveDeadlineSeconds();
      return PodOutcome.failed(
          PodFailureReason.DEADLINE_EXCEEDED,
          "the pod ran longer than its activeDeadlineSeconds"
              + (deadline == null ? "" : " (" + deadline + " s)")
              + "; raise pod_spec_config.activeDeadlineSeconds in the "
              + K8sConfig.TAG
              + " tag if the step needs longer",
          null);
    }
    PodOutcome disrupted = disruption(pod, status);
    if (disrupted != null) {
      return disrupted;
    }
    if (SHUTDOWN_REASONS.contains(reason)) {
      return PodOutcome.failed(
          PodFailureReason.EVICTED,
          "the pod was stopped because its node shut down"
              + (message.isEmpty() ? "" : ": " + message),
          null);
    }
    if (reason.startsWith("OutOf")
        || reason.equals("NodeAffinity")
        || reason.equals("NodeSelectorMismatching")
        || reason.equals("UnexpectedAdmissionError")) {
      return PodOutcome.failed(
          PodFailureReason.NODE_REJECTED,
          "node "
              + nodeName(pod)
              + " rejected the pod ("
              + reason
              + (message.isEmpty() ? "" : ": " + message)
              + ")",
          null);
    }
    for (ContainerStatus init : status.getInitContainerStatuses()) {
      ContainerStateTerminated terminated = terminated(init);
      if (terminated != null && code(terminated) != 0) {
        return exited(pod, "init container '" + init.getName() + "'", terminated);
      }
    }
    ContainerStatus main = mainStatus(status.getContainerStatuses());
    ContainerStateTerminated terminated = main == null ? null : terminated(main);
    if (terminated != null && code(terminated) != 0) {
      return exited(pod, "the step container", terminated);
    }
    return PodOutcome.failed(
        PodFailureReason.UNKNOWN,
        "the pod failed"
            + (reason.isEmpty()
                ? ""
                : " (" + reason + (message.isEmpty() ? "" : ": " + message) + ")")
            + (terminated == null ? "" : "; the step container exited with 0"),
        terminated == null ? null : 0);
  }

  private PodOutcome exited(Pod pod, String who, ContainerStateTerminated terminated) {
    int code = code(terminated);
    if ("OOMKilled".equals(terminated.getReason())) {
      String limit = memoryLimit(pod);
      return PodOutcome.failed(
          PodFailureReason.OOM_KILLED,
          who
              + " was killed for using more memory than its limit (OOMKilled"
              + (limit == null ? ", no memory limit set" : ", memory limit " + limit)
              + "); raise container_config.resources.limits.memory in the "
              + K8sConfig.TAG
              + " tag of the op or job",
          code);
    }
    String message = terminated.getMessage();
    return PodOutcome.failed(
        PodFailureReason.NON_ZERO_EXIT,
        who
            + " exited with code "
            + code
            + exitHint(code)
            + (message == null || message.isBlank() ? "" : ": " + message.strip()),
        code);
  }

  private static String exitHint(int code) {
    switch (code) {
      case 126:
        return " (the command is not executable)";
      case 127:
        return " (the command was not found in the image)";
      case 137:
        return " (killed by SIGKILL: often the memory limit, or a stop that outlived its grace"
            + " period)";
      case 143:
        return " (stopped by SIGTERM)";
      default:
        return "";
    }
  }

  private PodOutcome disruption(Pod pod, PodStatus status) {
    PodCondition disruption = condition(status, "DisruptionTarget");
    if (disruption == null || !"True".equals(disruption.getStatus())) {
      return null;
    }
    String reason = disruption.getReason() == null ? "" : disruption.getReason();
    String detail =
        disruption.getMessage() == null || disruption.getMessage().isBlank()
            ? reason
            : reason + ": " + disruption.getMessage();
    if (reason.equals("PreemptionByScheduler")) {
      return PodOutcome.failed(
          PodFailureReason.PREEMPTED,
          "the scheduler preempted the pod for a pod of higher priority (" + detail + ")",
          null);
    }
    if (NODE_GONE_DISRUPTIONS.contains(reason)) {
      return PodOutcome.failed(
          PodFailureReason.NODE_LOST,
          "the pod's node " + nodeName(pod) + " is gone or unreachable (" + detail + ")",
          null);
    }
    if (EVICTION_DISRUPTIONS.contains(reason)) {
      return PodOutcome.failed(
          PodFailureReason.EVICTED, "the pod was evicted (" + detail + ")", null);
    }
    return null;
  }

  private PodOutcome nodeLost(Pod pod, NodeReadiness node, Instant now) {
    if (pod.getSpec() == null || pod.getSpec().getNodeName() == null) {
      return null;
    }
    if (node.kind() == NodeReadiness.Kind.MISSING) {
      return PodOutcome.failed(
          PodFailureReason.NODE_LOST,
          "the pod's node " + nodeName(pod) + " no longer exists",
          null);
    }
    if (node.kind() == NodeReadiness.Kind.NOT_READY) {
      Duration notReadyFor = Duration.between(node.notReadySince(), now);
      if (notReadyFor.compareTo(settings.nodeLostGrace()) >= 0) {
        return PodOutcome.failed(
            PodFailureReason.NODE_LOST,
            "the pod's node "
                + nodeName(pod)
                + " has not been ready for "
                + Times.human(notReadyFor)
                + " ("
                + node.detail()
                + ")",
            null);
      }
    }
    return null;
  }

  private PodOutcome pending(Pod pod, PodStatus status, Instant now) {
    Instant created = createdAt(pod, now);
    Instant scheduled = scheduledAt(status, created);
    Duration sinceScheduled = Duration.between(scheduled, now);
    List<ContainerStatus> containers = new ArrayList<>(status.getInitContainerStatuses());
    containers.addAll(status.getContainerStatuses());
    String waitingFor = null;
    for (ContainerStatus container : containers) {
      ContainerStateWaiting waiting =
          container.getState() == null ? null : container.getState().getWaiting();
      if (waiting == null || waiting.getReason() == null) {
        continue;
      }
      String reason = waiting.getReason();
      String detail = reason + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage());
      if (IMAGE_PULL_FATAL.contains(reason)
          || (IMAGE_PULL_RETRYING.contains(reason)
              && sinceScheduled.compareTo(settings.imagePullGrace()) >= 0)) {
        return PodOutcome.failed(
            PodFailureReason.IMAGE_PULL,
            "image "
                + container.getImage()
                + " could not be pulled"
                + (IMAGE_PULL_FATAL.contains(reason) ? "" : " for " + Times.human(sinceScheduled))
                + " ("
                + detail
                + "); check the code location's image and the pod's imagePullSecrets",
            null);
      }
      if (CONFIG_ERRORS.contains(reason)
          && sinceScheduled.compareTo(settings.configErrorGrace()) >= 0) {
        return PodOutcome.failed(
            PodFailureReason.CONFIG_ERROR,
            "container '"
                + container.getName()
                + "' could not be created ("
                + detail
                + "); fix the pod settings, or create the secret or config map they refer to",
            null);
      }
      if (waitingFor == null) {
        waitingFor = "container '" + container.getName() + "' waits: " + detail;
      }
    }
    Duration pendingFor = Duration.between(created, now);
    PodCondition scheduledCondition = condition(status, "PodScheduled");
    if (scheduledCondition != null
        && "False".equals(scheduledCondition.getStatus())
        && "Unschedulable".equals(scheduledCondition.getReason())) {
      String detail =
          scheduledCondition.getMessage() == null ? "" : ": " + scheduledCondition.getMessage();
      if (pendingFor.compareTo(settings.unschedulableTimeout()) >= 0) {
        return PodOutcome.failed(
            PodFailureReason.UNSCHEDULABLE,
            "no node could take the pod for "
                + Times.human(pendingFor)
                + detail
                + "; lower its resource requests or fix its nodeSelector, affinity or"
                + " tolerations",
            null);
      }
      waitingFor = "unschedulable" + detail;
    }
    if (waitingFor == null) {
      waitingFor =
          pod.getSpec() == null || pod.getSpec().getNodeName() == null
              ? "not scheduled yet"
              : "starting on node " + nodeName(pod);
    }
    if (pendingFor.compareTo(settings.startTimeout()) >= 0) {
      return PodOutcome.failed(
          PodFailureReason.START_TIMEOUT,
          "the pod did not start within " + Times.human(pendingFor) + " (" + waitingFor + ")",
          null);
    }
    return PodOutcome.pending(waitingFor);
  }

  private static Instant createdAt(Pod pod, Instant now) {
    Instant created =
        pod.getMetadata() == null ? null : Times.parse(pod.getMetadata().getCreationTimestamp());
    return created == null ? now : created;
  }

  private static Instant scheduledAt(PodStatus status, Instant created) {
    PodCondition scheduled = condition(status, "PodScheduled");
    if (scheduled != null && "True".equals(scheduled.getStatus())) {
      Instant at = Times.parse(scheduled.getLastTransitionTime());
      if (at != null) {
        return at;
      }
    }
    return created;
  }

  private static PodCondition condition(PodStatus status, String type) {
    for (PodCondition condition : status.getConditions()) {
      if (type.equals(condition.getType())) {
        return condition;
      }
    }
    return null;
  }

  private static ContainerStatus mainStatus(List<ContainerStatus> statuses) {
    for (ContainerStatus status : statuses) {
      if (PodFactory.CONTAINER_NAME.equals(status.getName())) {
        return status;
      }
    }
    return statuses.isEmpty() ? null : statuses.get(0);
  }

  private static ContainerStateTerminated terminated(ContainerStatus status) {
    return status.getState() == null ? null : status.getState().getTerminated();
  }

  private static int code(ContainerStateTerminated terminated) {
    return terminated.getExitCode() == null ? 0 : terminated.getExitCode();
  }

  private static String memoryLimit(Pod pod) {
    if (pod.getSpec() == null) {
      return null;
    }
    for (Container container : pod.getSpec().getContainers()) {
      if (PodFactory.CONTAINER_NAME.equals(container.getName())
          && container.getResources() != null) {
        Quantity limit = container.getResources().getLimits().get("memory");
        return limit == null ? null : limit.toString();
      }
    }
    return null;
  }

  private static String nodeName(Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return node == null ? "(none)" : node;
  }
}
