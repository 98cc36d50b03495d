package io.pipewright.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RunStateMachineTest {

  /**
   * The specified lifecycle, written out again independently of the production table, so that a
   * change to either one shows up as a failing pair.
   */
  private static final Set<String> SPECIFIED =
      Set.of(
          "NOT_STARTED->QUEUED",
          "NOT_STARTED->STARTING",
          "NOT_STARTED->CANCELED",
          "NOT_STARTED->FAILURE",
          "QUEUED->STARTING",
          "QUEUED->CANCELING",
          "QUEUED->CANCELED",
          "QUEUED->FAILURE",
          "STARTING->STARTED",
          "STARTING->FAILURE",
          "STARTING->CANCELING",
          "STARTING->CANCELED",
          "STARTED->SUCCESS",
          "STARTED->FAILURE",
          "STARTED->CANCELING",
          "CANCELING->CANCELED",
          "CANCELING->FAILURE",
          "MANAGED->STARTED",
          "MANAGED->SUCCESS",
          "MANAGED->FAILURE",
          "MANAGED->CANCELED");

  static Stream<Arguments> allPairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (RunStatus from : RunStatus.values()) {
      for (RunStatus to : RunStatus.values()) {
        pairs.add(Arguments.of(from, to, SPECIFIED.contains(from + "->" + to)));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1} allowed={2}")
  @MethodSource("allPairs")
  void shouldAllowExactlyTheSpecifiedTransitionsWhenAskedForAnyPair(
      RunStatus from, RunStatus to, boolean allowed) {
    assertThat(RunStateMachine.canTransition(from, to)).isEqualTo(allowed);
    assertThat(RunStateMachine.allowedFrom(from).contains(to)).isEqualTo(allowed);
    if (allowed) {
      assertThat(RunStateMachine.transition(from, to)).isSameAs(to);
    } else {
      assertThatThrownBy(() -> RunStateMachine.transition(from, to))
          .isInstanceOf(IllegalRunTransitionException.class)
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void shouldCoverEveryPairWhenEnumeratingTheTable() {
    assertThat(allPairs()).hasSize(RunStatus.values().length * RunStatus.values().length);
    long allowedCount =
        Stream.of(RunStatus.values())
            .mapToLong(from -> RunStateMachine.allowedFrom(from).size())
            .sum();
    assertThat(allowedCount).isEqualTo(SPECIFIED.size());
  }

  @ParameterizedTest
  @EnumSource(RunStatus.class)
  void shouldHaveNoOutgoingTransitionsWhenStatusIsTerminal(RunStatus status) {
    assertThat(RunStateMachine.allowedFrom(status).isEmpty()).isEqualTo(status.isTerminal());
  }

  @Test
  void shouldNameBothStatusesAndAllowedTargetsWhenTransitionIsIllegal() {
    assertThatThrownBy(() -> RunStateMachine.transition(RunStatus.STARTED, RunStatus.CANCELED))
        .isInstanceOfSatisfying(
            IllegalRunTransitionException.class,
            e -> {
              assertThat(e.from()).isEqualTo(RunStatus.STARTED);
              assertThat(e.to()).isEqualTo(RunStatus.CANCELED);
            })
        .hasMessage(
            "Illegal run transition STARTED -> CANCELED: a run in STARTED may only move to"
                + " [SUCCESS, FAILURE, CANCELING].");
  }

  @Test
  void shouldSayStatusIsTerminalWhenLeavingATerminalStatus() {
    assertThatThrownBy(() -> RunStateMachine.transition(RunStatus.SUCCESS, RunStatus.STARTED))
        .isInstanceOf(IllegalRunTransitionException.class)
        .hasMessage(
            "Illegal run transition SUCCESS -> STARTED: SUCCESS is terminal, so a run in it cannot"
                + " change; allowed targets: none.");
  }

  @Test
  void shouldListTargetsInDeclarationOrderWhenAskedForAllowedTargets() {
    assertThat(RunStateMachine.allowedFrom(RunStatus.NOT_STARTED))
        .containsExactly(
            RunStatus.QUEUED, RunStatus.STARTING, RunStatus.FAILURE, RunStatus.CANCELED);
  }

  @Test
  void shouldRejectModificationWhenCallerChangesAllowedTargets() {
    Set<RunStatus> allowed = RunStateMachine.allowedFrom(RunStatus.STARTED);
    assertThatThrownBy(() -> allowed.add(RunStatus.CANCELED))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(RunStateMachine.canTransition(RunStatus.STARTED, RunStatus.CANCELED)).isFalse();
  }

  @Test
  void shouldRejectNullWhenStatusIsMissing() {
    assertThatThrownBy(() -> RunStateMachine.canTransition(null, RunStatus.QUEUED))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(() -> RunStateMachine.transition(RunStatus.QUEUED, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("to");
    assertThatThrownBy(() -> RunStateMachine.allowedFrom(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void shouldRenderEveryEdgeOnceWhenRenderingMermaid() {
    String mermaid = RunStateMachine.toMermaid();
    List<String> lines = mermaid.lines().toList();
    assertThat(lines.get(0)).isEqualTo("stateDiagram-v2");
    List<String> edges = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String edge = line.strip().replace(" --> ", "->");
      if (!edge.endsWith("->[*]")) {
        edges.add(edge);
      }
    }
    assertThat(edges).containsExactlyInAnyOrderElementsOf(SPECIFIED);
    assertThat(mermaid)
        .contains("    SUCCESS --> [*]\n", "    FAILURE --> [*]\n", "    CANCELED --> [*]\n")
        .endsWith("\n")
        .isEqualTo(RunStateMachine.toMermaid());
    assertThat(EnumSet.allOf(RunStatus.class))
        .allSatisfy(status -> assertThat(mermaid).contains(status.name()));
  }
}
