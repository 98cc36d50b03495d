package io.pipewright.webserver.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunEventSummaryTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void shouldCountStepsAndTimeTheRunAndEachAttemptFromItsEvents() {
    RunEventSummary summary = new RunEventSummary();
    add(summary, 1, null, DagsterEventType.RUN_ENQUEUED, 0);
    add(summary, 2, null, DagsterEventType.RUN_STARTING, 1);
    add(summary, 3, null, DagsterEventType.RUN_START, 2);
    add(summary, 4, "a", DagsterEventType.STEP_START, 3);
    add(summary, 5, "a", DagsterEventType.STEP_UP_FOR_RETRY, 4);
    add(summary, 6, "a", DagsterEventType.STEP_START, 5);
    add(summary, 7, "a", DagsterEventType.ASSET_MATERIALIZATION, 6);
    add(summary, 8, "a", DagsterEventType.STEP_SUCCESS, 7);
    add(summary, 9, "b", DagsterEventType.STEP_START, 8);
    add(summary, 10, "b", DagsterEventType.STEP_FAILURE, 9);
    add(summary, 11, "c", DagsterEventType.STEP_SKIPPED, 10);
    add(summary, 12, null, DagsterEventType.RUN_FAILURE, 11);

    assertThat(summary.stepsSucceeded()).isEqualTo(1);
    assertThat(summary.stepsFailed()).isEqualTo(1);
    assertThat(summary.materializations()).isEqualTo(1);
    assertThat(summary.enqueued()).isEqualTo(T0);
    assertThat(summary.launched()).isEqualTo(T0.plusSeconds(1));
    assertThat(summary.started()).isEqualTo(T0.plusSeconds(2));
    assertThat(summary.ended()).isEqualTo(T0.plusSeconds(11));
    assertThat(summary.steps())
        .extracting(RunEventSummary.Step::key, RunEventSummary.Step::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", RunEventSummary.StepStatus.SUCCESS),
            org.assertj.core.groups.Tuple.tuple("b", RunEventSummary.StepStatus.FAILURE),
            org.assertj.core.groups.Tuple.tuple("c", RunEventSummary.StepStatus.SKIPPED));
    RunEventSummary.Step a = summary.steps().get(0);
    assertThat(a.start()).isEqualTo(T0.plusSeconds(3));
    assertThat(a.end()).isEqualTo(T0.plusSeconds(7));
    assertThat(a.attempts())
        .containsExactly(
            new RunEventSummary.Attempt(T0.plusSeconds(3), T0.plusSeconds(4)),
            new RunEventSummary.Attempt(T0.plusSeconds(5), T0.plusSeconds(7)));
    assertThat(a.materializations()).hasSize(1);
  }

  private static void add(
      RunEventSummary summary, long id, String step, DagsterEventType type, int second) {
    summary.add(
        new StoredEvent(
            id,
            new EventRecord(
                "r",
                step,
                step == null ? 0 : 1,
                id,
                T0.plusSeconds(second),
                type,
                EventLevel.INFO,
                "",
                null)));
  }
}
