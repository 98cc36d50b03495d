package io.pipewright.daemon.orchestrator;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepSuccessPayload;
import io.pipewright.core.event.TypeCheckSnapshot;
import java.time.Instant;
import java.util.List;

/** Step events for orchestrator tests. */
final class Events {

  private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

  private Events() {}

  static EventRecord output(String runId, String step, int attempt, String output) {
    return new EventRecord(
        runId,
        step,
        attempt,
        1,
        AT,
        DagsterEventType.STEP_OUTPUT,
        EventLevel.INFO,
        "",
        new StepOutputPayload(
            output, null, new TypeCheckSnapshot(true, null, List.of()), List.of()));
  }

  static EventRecord success(String runId, String step, int attempt) {
    return new EventRecord(
        runId,
        step,
        attempt,
        2,
        AT,
        DagsterEventType.STEP_SUCCESS,
        EventLevel.INFO,
        "",
        new StepSuccessPayload(1));
  }
}
