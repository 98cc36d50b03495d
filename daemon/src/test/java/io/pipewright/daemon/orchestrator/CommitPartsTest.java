package io.pipewright.daemon.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EnginePayload;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.orchestration.AttemptOrigin;
import io.pipewright.core.orchestration.RunDecision;
import io.pipewright.core.orchestration.StepLaunch;
import io.pipewright.core.run.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitPartsTest {

  private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

  private static EventRecord starting(String step) {
    return new EventRecord(
        "r",
        step,
        1,
        1,
        AT,
        DagsterEventType.STEP_WORKER_STARTING,
        EventLevel.INFO,
        "",
        new EnginePayload(List.of(), null));
  }

  private static StepLaunch launch(String step) {
    return new StepLaunch(
        new AttemptId("r", step, 1), step, null, AttemptOrigin.FIRST, 0, null, Map.of(), Map.of());
  }

  /** A decision launching {@code steps} steps, each recorded by its STEP_WORKER_STARTING. */
  private static Decided fanOut(int steps, RunStatus status) {
    List<EventRecord> events = new ArrayList<>();
    List<StepLaunch> launches = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      events.add(starting("w" + i));
      launches.add(launch("w" + i));
    }
    return new Decided(
        null,
        new RunDecision(
            status,
            events,
            launches,
            List.of(new AttemptId("r", "old", 1)),
            List.of(),
            AT.plusSeconds(60),
            List.of()),
        true);
  }

  @Test
  void shouldKeepASmallDecisionWhole() {
    Decided small = fanOut(200, RunStatus.STARTED);

    assertThat(CommitParts.split(small, 200)).containsExactly(small);
  }

  @Test
  void shouldCutABigDecisionIntoPiecesEachLaunchingWhatItsEventsRecord() {
    List<Decided> pieces = CommitParts.split(fanOut(450, RunStatus.STARTED), 200);

    assertThat(pieces).hasSize(3);
    assertThat(pieces).extracting(p -> p.decision().events().size()).containsExactly(200, 200, 50);
    for (Decided piece : pieces) {
      assertThat(piece.decision().launchedStepKeys())
          .as("each piece launches the steps its own events record")
          .isEqualTo(piece.decision().stepKeysOf(DagsterEventType.STEP_WORKER_STARTING));
    }
    assertThat(pieces).extracting(Decided::last).containsExactly(false, false, true);
    assertThat(pieces)
        .as("the status move and terminations go with the first piece only")
        .extracting(p -> p.decision().runStatus(), p -> p.decision().terminations().size())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RunStatus.STARTED, 1),
            org.assertj.core.groups.Tuple.tuple(null, 0),
            org.assertj.core.groups.Tuple.tuple(null, 0));
    assertThat(pieces)
        .as("the wake-up time goes with the last piece only")
        .extracting(p -> p.decision().wakeUpAt())
        .containsExactly(null, null, AT.plusSeconds(60));
  }
}
