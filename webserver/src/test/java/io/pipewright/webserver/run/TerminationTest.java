package io.pipewright.webserver.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.run.RunStateMachine;
import io.pipewright.core.run.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TerminationTest {

  @Test
  void shouldCancelAQueuedRunAtOnceWithBothEventsWhenTerminatedSafely() {
    Termination.Decision decision =
        Termination.decide("r", RunStatus.QUEUED, TerminatePolicy.SAFE_TERMINATE);

    assertThat(decision.statuses()).containsExactly(RunStatus.CANCELED);
    assertThat(decision.events())
        .extracting(Termination.Event::type)
        .containsExactly(DagsterEventType.RUN_CANCELING, DagsterEventType.RUN_CANCELED);
  }

  @Test
  void shouldLeaveAStartedRunToTheDaemonWhenTerminatedSafely() {
    Termination.Decision decision =
        Termination.decide("r", RunStatus.STARTED, TerminatePolicy.SAFE_TERMINATE);

    assertThat(decision.statuses()).containsExactly(RunStatus.CANCELING);
    assertThat(decision.events())
        .extracting(Termination.Event::type)
        .containsExactly(DagsterEventType.RUN_CANCELING);
  }

  @Test
  void shouldPassThroughCancelingWhenAStartedRunIsMarkedCanceled() {
    Termination.Decision decision =
        Termination.decide("r", RunStatus.STARTED, TerminatePolicy.MARK_AS_CANCELED_IMMEDIATELY);

    assertThat(decision.statuses()).containsExactly(RunStatus.CANCELING, RunStatus.CANCELED);
  }

  @ParameterizedTest
  @EnumSource(
      value = RunStatus.class,
      names = {"SUCCESS", "FAILURE", "CANCELED"})
  void shouldRefuseWithDagstersMessageWhenTheRunIsFinished(RunStatus status) {
    Termination.Decision decision =
        Termination.decide("r1", status, TerminatePolicy.MARK_AS_CANCELED_IMMEDIATELY);

    assertThat(decision.accepted()).isFalse();
    assertThat(decision.refusal())
        .isEqualTo("Run r1 could not be terminated due to having status " + status + ".");
  }

  @ParameterizedTest
  @EnumSource(RunStatus.class)
  void shouldOnlyDecideTransitionsTheRunLifecycleAllows(RunStatus status) {
    for (TerminatePolicy policy : TerminatePolicy.values()) {
      Termination.Decision decision = Termination.decide("r", status, policy);
      RunStatus from = status;
      for (RunStatus next : decision.statuses()) {
        assertThat(RunStateMachine.canTransition(from, next))
            .as("%s -> %s under %s", from, next, policy)
            .isTrue();
        from = next;
      }
    }
  }

  @Test
  void shouldOfferTerminationOnlyWhereASafeTerminationIsAccepted() {
    assertThat(List.of(RunStatus.values()))
        .filteredOn(Termination::canTerminate)
        .containsExactlyInAnyOrder(
            RunStatus.QUEUED, RunStatus.NOT_STARTED, RunStatus.STARTING, RunStatus.STARTED);
  }
}
