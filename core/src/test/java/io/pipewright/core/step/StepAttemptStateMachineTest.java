package io.pipewright.core.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class StepAttemptStateMachineTest {

  /** The specified lifecycle, written out independently of the production table. */
  private static final Set<String> SPECIFIED =
      Set.of(
          "PENDING_LAUNCH->LAUNCHED",
          "PENDING_LAUNCH->RUNNING",
          "PENDING_LAUNCH->EXITED",
          "PENDING_LAUNCH->TERMINATING",
          "PENDING_LAUNCH->SUCCEEDED",
          "PENDING_LAUNCH->FAILED",
          "PENDING_LAUNCH->UP_FOR_RETRY",
          "PENDING_LAUNCH->INFRA_FAILED",
          "LAUNCHED->RUNNING",
          "LAUNCHED->EXITED",
          "LAUNCHED->TERMINATING",
          "LAUNCHED->SUCCEEDED",
          "LAUNCHED->FAILED",
          "LAUNCHED->UP_FOR_RETRY",
          "LAUNCHED->INFRA_FAILED",
          "RUNNING->EXITED",
          "RUNNING->TERMINATING",
          "RUNNING->SUCCEEDED",
          "RUNNING->FAILED",
          "RUNNING->UP_FOR_RETRY",
          "EXITED->SUCCEEDED",
          "EXITED->FAILED",
          "EXITED->UP_FOR_RETRY",
          "EXITED->INFRA_FAILED",
          "EXITED->TERMINATED",
          "TERMINATING->TERMINATED",
          "TERMINATING->SUCCEEDED",
          "TERMINATING->FAILED",
          "TERMINATING->UP_FOR_RETRY");

  static Stream<Arguments> allPairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (StepAttemptStatus from : StepAttemptStatus.values()) {
      for (StepAttemptStatus to : StepAttemptStatus.values()) {
        pairs.add(Arguments.of(from, to, SPECIFIED.contains(from + "->" + to)));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1} allowed={2}")
  @MethodSource("allPairs")
  void shouldAllowExactlyTheSpecifiedTransitionsWhenAskedForAnyPair(
      StepAttemptStatus from, StepAttemptStatus to, boolean allowed) {
    assertThat(StepAttemptStateMachine.canTransition(from, to)).isEqualTo(allowed);
    assertThat(StepAttemptStateMachine.allowedFrom(from).contains(to)).isEqualTo(allowed);
    if (allowed) {
      assertThat(StepAttemptStateMachine.transition(from, to)).isSameAs(to);
    } else {
      assertThatThrownBy(() -> StepAttemptStateMachine.transition(from, to))
          .isInstanceOf(IllegalStepAttemptTransitionException.class);
    }
  }

  @Test
  void shouldCountExactlyTheSpecifiedEdgesWhenEnumeratingTheTable() {
    long edges =
        Stream.of(StepAttemptStatus.values())
            .mapToLong(s -> StepAttemptStateMachine.allowedFrom(s).size())
            .sum();
    assertThat(edges).isEqualTo(SPECIFIED.size());
  }

  @ParameterizedTest
  @EnumSource(StepAttemptStatus.class)
  void shouldHaveNoWayOutWhenStatusIsTerminal(StepAttemptStatus status) {
    assertThat(StepAttemptStateMachine.allowedFrom(status).isEmpty())
        .isEqualTo(status.isTerminal());
  }

  @Test
  void shouldLetAFinalEventWinFromEveryLiveStatusWhenItArrives() {
    for (StepAttemptStatus live : StepAttemptStatus.values()) {
      if (!live.isTerminal()) {
        assertThat(StepAttemptStateMachine.allowedFrom(live))
            .as("final events may overtake launcher reports from %s", live)
            .contains(StepAttemptStatus.SUCCEEDED, StepAttemptStatus.FAILED);
      }
    }
  }

  @Test
  void shouldNameBothStatusesAndTheAllowedTargetsWhenTransitionIsIllegal() {
    assertThatThrownBy(
            () ->
                StepAttemptStateMachine.transition(
                    StepAttemptStatus.RUNNING, StepAttemptStatus.PENDING_LAUNCH))
        .isInstanceOfSatisfying(
            IllegalStepAttemptTransitionException.class,
            e -> {
              assertThat(e.from()).isEqualTo(StepAttemptStatus.RUNNING);
              assertThat(e.to()).isEqualTo(StepAttemptStatus.PENDING_LAUNCH);
            })
        .hasMessage(
            "Illegal step attempt transition RUNNING -> PENDING_LAUNCH: an attempt in RUNNING may"
                + " only move to [EXITED, TERMINATING, SUCCEEDED, FAILED, UP_FOR_RETRY].");
  }

  @Test
  void shouldSayARetryIsANewAttemptWhenLeavingATerminalStatus() {
    assertThatThrownBy(
            () ->
                StepAttemptStateMachine.transition(
                    StepAttemptStatus.UP_FOR_RETRY, StepAttemptStatus.RUNNING))
        .hasMessageContaining("UP_FOR_RETRY is terminal")
        .hasMessageContaining("a retry is a new attempt");
  }

  @Test
  void shouldRejectNullWhenAStatusIsMissing() {
    assertThatThrownBy(() -> StepAttemptStateMachine.canTransition(null, StepAttemptStatus.RUNNING))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(() -> StepAttemptStateMachine.transition(StepAttemptStatus.RUNNING, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("to");
  }

  @Test
  void shouldRenderEveryEdgeOnceAndTheEntryWhenRenderingMermaid() {
    String mermaid = StepAttemptStateMachine.toMermaid();
    List<String> edges = new ArrayList<>();
    for (String line : mermaid.lines().skip(1).toList()) {
      String edge = line.strip().replace(" --> ", "->");
      if (!edge.endsWith("->[*]") && !edge.startsWith("[*]")) {
        edges.add(edge);
      }
    }
    assertThat(edges).containsExactlyInAnyOrderElementsOf(SPECIFIED);
    assertThat(mermaid)
        .startsWith("stateDiagram-v2\n    [*] --> PENDING_LAUNCH\n")
        .contains("    INFRA_FAILED --> [*]\n")
        .isEqualTo(StepAttemptStateMachine.toMermaid());
  }
}
