package io.pipewright.executor.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.AttemptStatus;
import io.pipewright.executor.k8s.PodFailureReason;
import io.pipewright.executor.k8s.PodOutcome;
import io.pipewright.executor.k8s.internal.StatusMapping.PodDisposal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusMappingTest {

  private static final AttemptId ID = new AttemptId("run-1", "extract", 1);
  private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

  @Test
  void shouldMapEveryPodReasonToThePortReasonOfTheSameNameExceptNodeRejected() {
    for (PodFailureReason reason : PodFailureReason.values()) {
      AttemptFailureReason mapped = StatusMapping.reason(reason);
      if (reason == PodFailureReason.NODE_REJECTED) {
        assertThat(mapped).isEqualTo(AttemptFailureReason.UNSCHEDULABLE);
      } else {
        assertThat(mapped.name()).isEqualTo(reason.name());
      }
    }
  }

  @Test
  void shouldKeepEachPodReasonsBudgetWhenMapped() {
    for (PodFailureReason reason : PodFailureReason.values()) {
      AttemptFailureReason mapped = StatusMapping.reason(reason);
      if (reason == PodFailureReason.CONFIG_ERROR) {
        // Core's third kind: never retried (the pod reason only knows step and infrastructure).
        assertThat(mapped.kind()).isEqualTo(AttemptFailureReason.Kind.CONFIGURATION);
      } else {
        assertThat(mapped.isInfrastructure())
            .as("%s", reason)
            .isEqualTo(reason.isInfrastructureFailure());
      }
    }
  }

  @Test
  void shouldDeleteUnstartedPodsKeepFailedOnesAndReadLogsOnlyWhereTheyExist() {
    Set<PodFailureReason> unstarted =
        EnumSet.of(
            PodFailureReason.IMAGE_PULL,
            PodFailureReason.CONFIG_ERROR,
            PodFailureReason.UNSCHEDULABLE,
            PodFailureReason.START_TIMEOUT,
            PodFailureReason.NODE_LOST);
    for (PodFailureReason reason : PodFailureReason.values()) {
      StatusMapping.EndPlan plan =
          StatusMapping.plan(PodOutcome.failed(reason, "it failed", null), true);
      if (unstarted.contains(reason)) {
        assertThat(plan).isEqualTo(new StatusMapping.EndPlan(false, PodDisposal.DELETE_UNSTARTED));
      } else if (reason == PodFailureReason.DELETED) {
        assertThat(plan).isEqualTo(new StatusMapping.EndPlan(false, PodDisposal.NOTHING));
      } else if (reason == PodFailureReason.PREEMPTED) {
        assertThat(plan).isEqualTo(new StatusMapping.EndPlan(true, PodDisposal.NOTHING));
      } else {
        assertThat(plan)
            .as("%s", reason)
            .isEqualTo(new StatusMapping.EndPlan(true, PodDisposal.KEEP));
      }
    }
    assertThat(StatusMapping.plan(PodOutcome.succeeded(), true))
        .isEqualTo(new StatusMapping.EndPlan(true, PodDisposal.DELETE));
    assertThat(StatusMapping.plan(PodOutcome.succeeded(), false))
        .isEqualTo(new StatusMapping.EndPlan(false, PodDisposal.DELETE));
    assertThatThrownBy(() -> StatusMapping.plan(PodOutcome.running("on node a"), true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldEndTheFailureMessageWithTheLastLogLinesWhenThereAreSome() {
    AttemptStatus status =
        StatusMapping.ended(
            ID,
            PodOutcome.failed(
                PodFailureReason.NON_ZERO_EXIT, "container 'step' exited with code 3", 3),
            AT,
            List.of("reading input", "boom"));

    assertThat(status.phase()).isEqualTo(AttemptStatus.Phase.FAILED);
    assertThat(status.reason()).isEqualTo(AttemptFailureReason.NON_ZERO_EXIT);
    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.message())
        .isEqualTo(
            "container 'step' exited with code 3\nLast 2 log lines:\n  reading input\n  boom");
    assertThat(status.lastLogLines()).containsExactly("reading input", "boom");
    assertThat(status.observedAt()).isEqualTo(AT);
    assertThat(StatusMapping.ended(ID, PodOutcome.succeeded(), AT, List.of()))
        .isEqualTo(AttemptStatus.succeeded(ID, AT));
  }

  @Test
  void shouldCarryTheWaitingReasonWhenThePodIsPending() {
    AttemptStatus status =
        StatusMapping.live(ID, PodOutcome.pending("container 'step' waits: ErrImagePull"), AT);

    assertThat(status.phase()).isEqualTo(AttemptStatus.Phase.PENDING);
    assertThat(status.message()).isEqualTo("container 'step' waits: ErrImagePull");
    assertThat(StatusMapping.live(ID, PodOutcome.running("on node a"), AT).phase())
        .isEqualTo(AttemptStatus.Phase.RUNNING);
  }

  @Test
  void shouldTakeTheLastLinesWithoutLineEndsWhenALogIsCut() {
    assertThat(StatusMapping.lastLines("a\nb\nc\n", 2)).containsExactly("b", "c");
    assertThat(StatusMapping.lastLines("a\r\nb", 5)).containsExactly("a", "b");
    assertThat(StatusMapping.lastLines("only", 3)).containsExactly("only");
    assertThat(StatusMapping.lastLines("", 3)).isEmpty();
    assertThat(StatusMapping.lastLines("a\n\nb\n", 3)).containsExactly("a", "", "b");
  }
}
