package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.pipewright.executor.k8s.K8sExecutorSettings;
import io.pipewright.executor.k8s.PodFailureReason;
import io.pipewright.executor.k8s.PodOutcome;
import io.pipewright.executor.k8s.PodOutcome.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodClassifierTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private final PodClassifier classifier =
      new PodClassifier(
          K8sExecutorSettings.builder()
              .imagePullGrace(Duration.ofMinutes(2))
              .configErrorGrace(Duration.ofMinutes(1))
              .unschedulableTimeout(Duration.ofMinutes(10))
              .startTimeout(Duration.ofMinutes(15))
              .nodeLostGrace(Duration.ofSeconds(30))
              .build());

  private static PodStub pod() {
    return new PodStub(T0);
  }

  private PodOutcome classify(PodStub stub, Duration after) {
    return classifier.classify(stub.pod(), NodeReadiness.unknown(), T0.plus(after));
  }

  private static NodeReadiness node(String ready, Instant since) {
    return NodeReadiness.of(
        new NodeBuilder()
            .withNewMetadata()
            .withName("node-1")
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready)
            .withReason(ready.equals("True") ? "KubeletReady" : "NodeStatusUnknown")
            .withMessage(ready.equals("True") ? null : "Kubelet stopped posting node status.")
            .withLastTransitionTime(since.toString())
            .endCondition()
            .endStatus()
            .build());
  }

  @Test
  void shouldSucceedWhenPhaseIsSucceeded() {
    PodOutcome outcome =
        classify(
            pod().phase("Succeeded").scheduled(T0).terminated("step", 0, "Completed", false),
            Duration.ZERO);

    assertThat(outcome).isEqualTo(PodOutcome.succeeded());
    assertThat(outcome.isTerminal()).isTrue();
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void shouldFailWithExitCodeWhenContainerExitsNonZero() {
    PodOutcome outcome =
        classify(
            pod().phase("Failed").scheduled(T0).terminated("step", 3, "Error", false),
            Duration.ZERO);

    assertThat(outcome.state()).isEqualTo(State.FAILED);
    assertThat(outcome.reason()).isEqualTo(PodFailureReason.NON_ZERO_EXIT);
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.message()).isEqualTo("the step container exited with code 3");
    assertThat(outcome.isInfrastructureFailure()).isFalse();
  }

  @Test
  void shouldExplainWellKnownExitCodesWhenContainerExitsWithThem() {
    assertThat(
            classify(pod().phase("Failed").terminated("step", 127, "Error", false), Duration.ZERO)
                .message())
        .contains("not found in the image");
  }

  @Test
  void shouldFailAsOomKilledWithLimitWhenContainerIsOomKilled() {
    PodOutcome outcome =
        classify(pod().phase("Failed").terminated("step", 137, "OOMKilled", false), Duration.ZERO);

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.OOM_KILLED);
    assertThat(outcome.exitCode()).isEqualTo(137);
    assertThat(outcome.message())
        .contains("memory limit 512Mi")
        .contains("container_config.resources.limits.memory");
    assertThat(outcome.isInfrastructureFailure()).isFalse();
  }

  @Test
  void shouldFailOnInitContainerWhenItExitsNonZero() {
    PodOutcome outcome =
        classify(pod().phase("Failed").terminated("fetch", 1, "Error", true), Duration.ZERO);

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.NON_ZERO_EXIT);
    assertThat(outcome.message()).startsWith("init container 'fetch' exited with code 1");
  }

  @Test
  void shouldWaitWhenImagePullFailsWithinGracePeriod() {
    PodStub stub = pod().phase("Pending").scheduled(T0).waiting("ImagePullBackOff", "Back-off");

    assertThat(classify(stub, Duration.ofSeconds(119)))
        .isEqualTo(PodOutcome.pending("container 'step' waits: ImagePullBackOff: Back-off"));
  }

  @Test
  void shouldFailAsImagePullWhenPullFailsBeyondGracePeriod() {
    PodStub stub = pod().phase("Pending").scheduled(T0).waiting("ErrImagePull", "manifest unknown");

    PodOutcome outcome = classify(stub, Duration.ofMinutes(2));

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.IMAGE_PULL);
    assertThat(outcome.message())
        .isEqualTo(
            "image etl:1 could not be pulled for 2 min (ErrImagePull: manifest unknown); check"
                + " the code location's image and the pod's imagePullSecrets");
    assertThat(outcome.isInfrastructureFailure()).isTrue();
  }

  @Test
  void shouldCountImagePullGraceFromSchedulingWhenPodWaitedToBeScheduled() {
    PodStub stub =
        pod()
            .phase("Pending")
            .scheduled(T0.plus(Duration.ofMinutes(5)))
            .waiting("ErrImagePull", "x");

    assertThat(classify(stub, Duration.ofMinutes(6)).state()).isEqualTo(State.PENDING);
    assertThat(classify(stub, Duration.ofMinutes(7)).reason())
        .isEqualTo(PodFailureReason.IMAGE_PULL);
  }

  @Test
  void shouldFailAtOnceWhenImageNameIsInvalid() {
    PodStub stub = pod().phase("Pending").scheduled(T0).waiting("InvalidImageName", "bad");

    assertThat(classify(stub, Duration.ZERO).reason()).isEqualTo(PodFailureReason.IMAGE_PULL);
  }

  @Test
  void shouldFailAsConfigErrorWhenContainerConfigIsBrokenBeyondGracePeriod() {
    PodStub stub =
        pod()
            .phase("Pending")
            .scheduled(T0)
            .waiting("CreateContainerConfigError", "secret \"db\" not found");

    assertThat(classify(stub, Duration.ofSeconds(59)).state()).isEqualTo(State.PENDING);
    PodOutcome outcome = classify(stub, Duration.ofSeconds(60));
    assertThat(outcome.reason()).isEqualTo(PodFailureReason.CONFIG_ERROR);
    assertThat(outcome.message()).contains("secret \"db\" not found");
    assertThat(outcome.isInfrastructureFailure()).isFalse();
  }

  @Test
  void shouldFailAsUnschedulableWhenNoNodeTakesPodBeyondTimeout() {
    PodStub stub =
        pod()
            .phase("Pending")
            .condition(
                "PodScheduled",
                "False",
                "Unschedulable",
                "0/3 nodes are available: 3 Insufficient memory.");

    assertThat(classify(stub, Duration.ofMinutes(9)))
        .isEqualTo(
            PodOutcome.pending("unschedulable: 0/3 nodes are available: 3 Insufficient memory."));
    PodOutcome outcome = classify(stub, Duration.ofMinutes(10));
    assertThat(outcome.reason()).isEqualTo(PodFailureReason.UNSCHEDULABLE);
    assertThat(outcome.message())
        .isEqualTo(
            "no node could take the pod for 10 min: 0/3 nodes are available: 3 Insufficient"
                + " memory.; lower its resource requests or fix its nodeSelector, affinity or"
                + " tolerations");
  }

  @Test
  void shouldFailAsStartTimeoutWhenPodNeverStarts() {
    PodStub stub = pod();

    assertThat(classify(stub, Duration.ofMinutes(14)))
        .isEqualTo(PodOutcome.pending("not scheduled yet"));
    PodOutcome outcome = classify(stub, Duration.ofMinutes(15));
    assertThat(outcome.reason()).isEqualTo(PodFailureReason.START_TIMEOUT);
    assertThat(outcome.message())
        .isEqualTo("the pod did not start within 15 min (not scheduled yet)");
  }

  @Test
  void shouldRunWhenPhaseIsRunning() {
    assertThat(classify(pod().phase("Running").scheduled(T0), Duration.ofHours(3)))
        .isEqualTo(PodOutcome.running("running on node node-1"));
  }

  @Test
  void shouldFailAsEvictedWhenKubeletEvicts() {
    PodStub stub =
        pod()
            .phase("Failed")
            .reason("Evicted", "The node was low on resource: memory.")
            .terminated("step", 137, "Error", false);

    PodOutcome outcome = classify(stub, Duration.ZERO);

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.EVICTED);
    assertThat(outcome.message())
        .isEqualTo("the kubelet evicted the pod: The node was low on resource: memory.");
    assertThat(outcome.isInfrastructureFailure()).isTrue();
  }

  @Test
  void shouldFailAsPreemptedWhenSchedulerPreempts() {
    PodStub stub =
        pod()
            .phase("Failed")
            .condition(
                "DisruptionTarget", "True", "PreemptionByScheduler", "preempted by prio-high")
            .terminated("step", 143, "Error", false);

    assertThat(classify(stub, Duration.ZERO).reason()).isEqualTo(PodFailureReason.PREEMPTED);
  }

  @Test
  void shouldFailAsEvictedWhenDrained() {
    PodStub stub =
        pod()
            .phase("Failed")
            .condition(
                "DisruptionTarget", "True", "EvictionByEvictionAPI", "Eviction API: evicting")
            .terminated("step", 143, "Error", false);

    assertThat(classify(stub, Duration.ZERO).reason()).isEqualTo(PodFailureReason.EVICTED);
  }

  @Test
  void shouldFailAsDeadlineExceededWhenPodRunsTooLong() {
    PodStub stub =
        pod()
            .phase("Failed")
            .deadline(600)
            .reason(
                "DeadlineExceeded", "Pod was active on the node longer than the specified deadline")
            .terminated("step", 137, "Error", false);

    PodOutcome outcome = classify(stub, Duration.ZERO);

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.DEADLINE_EXCEEDED);
    assertThat(outcome.message()).contains("(600 s)");
    assertThat(outcome.isInfrastructureFailure()).isFalse();
  }

  @Test
  void shouldFailAsNodeRejectedWhenKubeletRejectsAdmission() {
    PodStub stub =
        pod()
            .phase("Failed")
            .scheduled(T0)
            .reason("OutOfcpu", "Node didn't have enough resource: cpu");

    assertThat(classify(stub, Duration.ZERO).reason()).isEqualTo(PodFailureReason.NODE_REJECTED);
  }

  @Test
  void shouldFailAsNodeLostWhenNodeIsNotReadyBeyondGrace() {
    Pod running = pod().phase("Running").scheduled(T0).pod();
    NodeReadiness notReady = node("Unknown", T0.plus(Duration.ofMinutes(1)));

    assertThat(classifier.classify(running, notReady, T0.plus(Duration.ofSeconds(89))).state())
        .isEqualTo(State.RUNNING);
    PodOutcome outcome = classifier.classify(running, notReady, T0.plus(Duration.ofSeconds(90)));
    assertThat(outcome.reason()).isEqualTo(PodFailureReason.NODE_LOST);
    assertThat(outcome.message())
        .isEqualTo(
            "the pod's node node-1 has not been ready for 30 s (Ready=Unknown, NodeStatusUnknown:"
                + " Kubelet stopped posting node status.)");
    assertThat(outcome.isInfrastructureFailure()).isTrue();
  }

  @Test
  void shouldRunWhenNodeIsReady() {
    Pod running = pod().phase("Running").scheduled(T0).pod();

    assertThat(classifier.classify(running, node("True", T0), T0.plus(Duration.ofHours(1))).state())
        .isEqualTo(State.RUNNING);
  }

  @Test
  void shouldFailAsNodeLostWhenNodeIsGone() {
    Pod running = pod().phase("Running").scheduled(T0).pod();

    assertThat(classifier.classify(running, NodeReadiness.missing(), T0).reason())
        .isEqualTo(PodFailureReason.NODE_LOST);
  }

  @Test
  void shouldIgnoreNodeWhenPodIsNotScheduled() {
    assertThat(classifier.classify(pod().pod(), NodeReadiness.missing(), T0).state())
        .isEqualTo(State.PENDING);
  }

  @Test
  void shouldFailAsNodeLostWhenPhaseIsUnknown() {
    assertThat(classify(pod().phase("Unknown").scheduled(T0), Duration.ZERO).reason())
        .isEqualTo(PodFailureReason.NODE_LOST);
  }

  @Test
  void shouldFailAsDeletedWhenSomeoneDeletesRunningPod() {
    Pod running = pod().phase("Running").scheduled(T0).pod();

    PodOutcome outcome = classifier.classifyDeleted(running, NodeReadiness.unknown(), T0);

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.DELETED);
    assertThat(outcome.message())
        .isEqualTo(
            "the pod was deleted by someone other than Pipewright while running (running on node"
                + " node-1)");
    assertThat(outcome.isInfrastructureFailure()).isTrue();
  }

  @Test
  void shouldFailAsDeletedWhenSomeoneIsDeletingRunningPod() {
    PodOutcome outcome = classify(pod().phase("Running").scheduled(T0).deleting(), Duration.ZERO);

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.DELETED);
    assertThat(outcome.message()).contains("(its phase was Running)");
  }

  @Test
  void shouldFailAsDeletedNotAsExitWhenDeletionStoppedTheStep() {
    PodStub stopped = pod().phase("Failed").deleting().terminated("step", 143, "Error", false);

    assertThat(classify(stopped, Duration.ZERO).reason()).isEqualTo(PodFailureReason.DELETED);
  }

  @Test
  void shouldKeepStepsOwnFailureWhenFailedPodIsBeingDeleted() {
    PodStub failed = pod().phase("Failed").deleting().terminated("step", 2, "Error", false);
    PodStub succeeded =
        pod().phase("Succeeded").deleting().terminated("step", 0, "Completed", false);
    PodStub drained =
        pod()
            .phase("Running")
            .deleting()
            .condition("DisruptionTarget", "True", "EvictionByEvictionAPI", "Eviction API");

    assertThat(classify(failed, Duration.ZERO).reason()).isEqualTo(PodFailureReason.NON_ZERO_EXIT);
    assertThat(classify(succeeded, Duration.ZERO)).isEqualTo(PodOutcome.succeeded());
    assertThat(classify(drained, Duration.ZERO).reason()).isEqualTo(PodFailureReason.EVICTED);
  }

  @Test
  void shouldKeepTerminalOutcomeWhenFinishedPodIsDeleted() {
    Pod done = pod().phase("Failed").terminated("step", 2, "Error", false).pod();

    assertThat(classifier.classifyDeleted(done, NodeReadiness.unknown(), T0).reason())
        .isEqualTo(PodFailureReason.NON_ZERO_EXIT);
  }

  @Test
  void shouldNameDisruptionWhenDeletedPodWasDisrupted() {
    Pod preempted =
        pod()
            .phase("Running")
            .scheduled(T0)
            .condition("DisruptionTarget", "True", "PreemptionByScheduler", "by prio-high")
            .pod();
    Pod taintEvicted =
        pod()
            .phase("Running")
            .scheduled(T0)
            .condition("DisruptionTarget", "True", "DeletionByTaintManager", "Taint manager")
            .pod();

    assertThat(classifier.classifyDeleted(preempted, NodeReadiness.unknown(), T0).reason())
        .isEqualTo(PodFailureReason.PREEMPTED);
    assertThat(classifier.classifyDeleted(taintEvicted, NodeReadiness.unknown(), T0).reason())
        .isEqualTo(PodFailureReason.NODE_LOST);
  }

  @Test
  void shouldFailAsUnknownWhenFailedPodSaysNothing() {
    PodOutcome outcome = classify(pod().phase("Failed"), Duration.ZERO);

    assertThat(outcome.reason()).isEqualTo(PodFailureReason.UNKNOWN);
    assertThat(outcome.isInfrastructureFailure()).isFalse();
  }

  @Test
  void shouldClassifyEveryReasonAsStepOrInfrastructureFailure() {
    assertThat(PodFailureReason.values())
        .filteredOn(r -> !r.isInfrastructureFailure())
        .containsExactly(
            PodFailureReason.NON_ZERO_EXIT,
            PodFailureReason.OOM_KILLED,
            PodFailureReason.DEADLINE_EXCEEDED,
            PodFailureReason.CONFIG_ERROR,
            PodFailureReason.UNKNOWN);
  }
}
