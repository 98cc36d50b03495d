package io.pipewright.daemon.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.daemon.app.NoDaemonProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes launcher's history of attempts, over the PostgreSQL event log (the private
 * PostgreSQL): an attempt's worker reported once its first event is stored, and the daemon's own
 * {@code STEP_WORKER_STARTING} does not count.
 */
@QuarkusTest
@TestProfile(NoDaemonProfile.class)
class EventLogAttemptHistoryTest {

  private static final Instant AT = Instant.parse("2026-11-22T06:00:00Z");

  @Inject EventLog events;

  private static EventRecord event(
      String runId, String step, int attempt, long sequence, DagsterEventType type) {
    return new EventRecord(
        runId, step, attempt, sequence, AT, type, EventLevel.DEBUG, type.name(), null);
  }

  @Test
  void shouldTellAnAttemptWhoseWorkerReportedFromOneThatWasOnlyRecordedByTheDaemon() {
    String run = UUID.randomUUID().toString();
    // The daemon records its launches; only extract#2's worker reported.
    events
        .append(
            List.of(
                event(run, "extract", 1, 0, DagsterEventType.STEP_WORKER_STARTING),
                event(run, "extract", 2, 0, DagsterEventType.STEP_WORKER_STARTING),
                event(run, "load", 1, 0, DagsterEventType.STEP_WORKER_STARTING)))
        .await()
        .indefinitely();
    events
        .ingest(
            new StepEventBatch(
                run,
                "extract",
                2,
                List.of(event(run, "extract", 2, 0, DagsterEventType.STEP_WORKER_STARTED))))
        .await()
        .indefinitely();
    EventLogAttemptHistory history = new EventLogAttemptHistory(events, Duration.ofSeconds(10));

    assertThat(history.workerReported(new AttemptId(run, "extract", 2))).isTrue();
    assertThat(history.workerReported(new AttemptId(run, "extract", 1))).isFalse();
    assertThat(history.workerReported(new AttemptId(run, "load", 1))).isFalse();
    assertThat(history.workerReported(new AttemptId(UUID.randomUUID().toString(), "extract", 2)))
        .as("another run")
        .isFalse();
  }
}
