package io.pipewright.executor.k8s.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The status objects a kubelet writes, with Kubernetes's whole-second timestamps. */
final class KubeletStatuses {

  private KubeletStatuses() {}

  static ContainerStatus containerStatus(
      Pod pod, io.fabric8.kubernetes.api.model.ContainerState state, boolean ready) {
    Container container = pod.getSpec().getContainers().get(0);
    return new ContainerStatusBuilder()
        .withName(container.getName())
        .withImage(container.getImage())
        .withReady(ready)
        .withStarted(state.getRunning() != null)
        .withRestartCount(0)
        .withState(state)
        .build();
  }

  static List<ContainerStatus> terminatedStatuses(
      List<ContainerStatus> statuses, int code, String reason) {
    List<ContainerStatus> out = new ArrayList<>();
    for (ContainerStatus status : statuses) {
      String startedAt =
          status.getState() != null && status.getState().getRunning() != null
              ? status.getState().getRunning().getStartedAt()
              : now();
      out.add(
          new ContainerStatusBuilder(status)
              .withReady(false)
              .withStarted(false)
              .withState(
                  new ContainerStateBuilder()
                      .withNewTerminated()
                      .withExitCode(code)
                      .withReason(reason)
                      .withStartedAt(startedAt)
                      .withFinishedAt(now())
                      .endTerminated()
                      .build())
              .build());
    }
    return out;
  }

  static PodCondition condition(String type, String status, String reason, String message) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(now())
        .build();
  }

  static Node node(boolean ready) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(TestKubelet.NODE_NAME)
        .endMetadata()
        .withNewStatus()
        .withConditions(readyCondition(ready))
        .endStatus()
        .build();
  }

  static NodeCondition readyCondition(boolean ready) {
    return ready
        ? new NodeConditionBuilder()
            .withType("Ready")
            .withStatus("True")
            .withReason("KubeletReady")
            .withMessage("kubelet is posting ready status")
            .withLastTransitionTime(now())
            .withLastHeartbeatTime(now())
            .build()
        : new NodeConditionBuilder()
            .withType("Ready")
            .withStatus("Unknown")
            .withReason("NodeStatusUnknown")
            .withMessage("Kubelet stopped posting node status.")
            .withLastTransitionTime(now())
            .build();
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static PodStatus evicted(PodStatus status) {
    status.setPhase("Failed");
    status.setReason("Evicted");
    status.setMessage(
        "The node was low on resource: memory. Threshold quantity: 100Mi, available: 90Mi.");
    status
        .getConditions()
        .add(
            condition(
                "DisruptionTarget",
                "True",
                "TerminationByKubelet",
                "The node was low on resource: memory."));
    status.setContainerStatuses(terminatedStatuses(status.getContainerStatuses(), 137, "Error"));
    return status;
  }

  static PodStatus unschedulable(PodStatus status) {
    status.setPhase("Pending");
    status.setConditions(
        new ArrayList<>(
            List.of(
                condition(
                    "PodScheduled",
                    "False",
                    "Unschedulable",
                    "0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are"
                        + " available: 1 No preemption victims found for incoming pod."))));
    return status;
  }

  static PodStatus running(PodStatus status, Pod pod, String startedAt) {
    status.setPhase("Running");
    status.setStartTime(startedAt);
    status.getConditions().add(condition("Initialized", "True", null, null));
    status.getConditions().add(condition("ContainersReady", "True", null, null));
    status.getConditions().add(condition("Ready", "True", null, null));
    status.setContainerStatuses(
        List.of(
            containerStatus(
                pod,
                new ContainerStateBuilder()
                    .withNewRunning()
                    .withStartedAt(startedAt)
                    .endRunning()
                    .build(),
                true)));
    return status;
  }

  static PodStatus deadlineExceeded(PodStatus status) {
    status.setPhase("Failed");
    status.setReason("DeadlineExceeded");
    status.setMessage("Pod was active on the node longer than the specified deadline");
    status.setContainerStatuses(terminatedStatuses(status.getContainerStatuses(), 137, "Error"));
    return status;
  }

  static PodStatus finished(
      PodStatus status, Pod pod, String startedAt, String finishedAt, int code, String reason) {
    status.setPhase(code == 0 ? "Succeeded" : "Failed");
    status
        .getConditions()
        .removeIf(c -> c.getType().equals("Ready") || c.getType().equals("ContainersReady"));
    status.getConditions().add(condition("Ready", "False", "PodCompleted", null));
    status.setContainerStatuses(
        List.of(
            containerStatus(
                pod,
                new ContainerStateBuilder()
                    .withNewTerminated()
                    .withExitCode(code)
                    .withReason(reason)
                    .withStartedAt(startedAt)
                    .withFinishedAt(finishedAt)
                    .endTerminated()
                    .build(),
                false)));
    return status;
  }
}
