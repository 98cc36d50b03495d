package io.pipewright.executor.k8s.internal;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A step pod for classifier tests, built up status by status. */
final class PodStub {

  private final Instant created;
  private String phase;
  private String reason;
  private String message;
  private String nodeName;
  private Long deadline;
  private String deletedAt;
  private final List<PodCondition> conditions = new ArrayList<>();
  private final List<ContainerStatus> containers = new ArrayList<>();
  private final List<ContainerStatus> inits = new ArrayList<>();

  PodStub(Instant created) {
    this.created = created;
  }

  PodStub phase(String phase) {
    this.phase = phase;
    return this;
  }

  PodStub reason(String reason, String message) {
    this.reason = reason;
    this.message = message;
    return this;
  }

  PodStub scheduled(Instant at) {
    nodeName = "node-1";
    conditions.add(condition("PodScheduled", "True", null, null, at));
    return this;
  }

  PodStub condition(String type, String status, String reason, String message) {
    conditions.add(condition(type, status, reason, message, created));
    return this;
  }

  PodStub deleting() {
    deletedAt = created.toString();
    return this;
  }

  PodStub deadline(long seconds) {
    deadline = seconds;
    return this;
  }

  PodStub waiting(String reason, String message) {
    containers.add(
        status("step")
            .withState(
                new ContainerStateBuilder()
                    .withNewWaiting()
                    .withReason(reason)
                    .withMessage(message)
                    .endWaiting()
                    .build())
            .build());
    return this;
  }

  PodStub terminated(String container, int code, String reason, boolean init) {
    ContainerStatus status =
        status(container)
            .withState(
                new ContainerStateBuilder()
                    .withNewTerminated()
                    .withExitCode(code)
                    .withReason(reason)
                    .endTerminated()
                    .build())
            .build();
    (init ? inits : containers).add(status);
    return this;
  }

  Pod pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("pw-run-step-0-abc")
        .withCreationTimestamp(created.toString())
        .withDeletionTimestamp(deletedAt)
        .endMetadata()
        .withNewSpec()
        .withNodeName(nodeName)
        .withActiveDeadlineSeconds(deadline)
        .addNewContainer()
        .withName("step")
        .withImage("etl:1")
        .withNewResources()
        .withLimits(Map.of("memory", new Quantity("512Mi")))
        .endResources()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .withReason(reason)
        .withMessage(message)
        .withConditions(conditions)
        .withContainerStatuses(containers)
        .withInitContainerStatuses(inits)
        .endStatus()
        .build();
  }

  private static ContainerStatusBuilder status(String name) {
    return new ContainerStatusBuilder().withName(name).withImage("etl:1");
  }

  private static PodCondition condition(
      String type, String status, String reason, String message, Instant at) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(at.toString())
        .build();
  }
}
