package io.pipewright.core.orchestration;

import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EnginePayload;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.RunFailurePayload;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.event.StepSkippedPayload;
import io.pipewright.core.launch.AttemptFailureReason;
import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.MetadataEntrySnapshot;
import io.pipewright.core.snapshot.MetadataValueSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The events the daemon writes for its own decisions. They go through the event log's host append
 * (not the de-duplicating ingest), so their sequence is always 0; {@link RunProgress} recognizes
 * them when it reads them back and applies each once.
 */
final class DaemonEvents {

  /**
   * Metadata key of the {@code ENGINE_EVENT} that records an infrastructure failure which will be
   * retried; its value is the {@link AttemptFailureReason}'s name. A restarted daemon counts these
   * to know how much of the infrastructure budget a step has used.
   */
  static final String INFRASTRUCTURE_FAILURE_KEY = "pipewright/infrastructure_failure";

  /** Metadata key of the wait, in seconds, that the same event decided. */
  static final String SECONDS_TO_WAIT_KEY = "pipewright/seconds_to_wait";

  private DaemonEvents() {}

  static EventRecord runStart(String runId, String job, Instant now) {
    return run(
        runId,
        now,
        DagsterEventType.RUN_START,
        EventLevel.INFO,
        "Started execution of run for \"" + job + "\".",
        null);
  }

  static EventRecord runSuccess(String runId, String job, Instant now) {
    return run(
        runId,
        now,
        DagsterEventType.RUN_SUCCESS,
        EventLevel.INFO,
        "Finished execution of run for \"" + job + "\".",
        null);
  }

  static EventRecord runFailure(
      String runId, String job, Instant now, String reason, List<String> failedSteps) {
    return run(
        runId,
        now,
        DagsterEventType.RUN_FAILURE,
        EventLevel.ERROR,
        "Execution of run for \"" + job + "\" failed. " + reason,
        new RunFailurePayload(reason, failedSteps, null));
  }

  static EventRecord runCanceled(String runId, String job, Instant now) {
    return run(
        runId,
        now,
        DagsterEventType.RUN_CANCELED,
        EventLevel.INFO,
        "Execution of run for \"" + job + "\" canceled.",
        null);
  }

  static EventRecord workerStarting(AttemptId id, AttemptOrigin origin, Instant now) {
    String why =
        switch (origin) {
          case FIRST -> "";
          case RETRY -> ", a retry under the op's retry policy";
          case INFRASTRUCTURE_RETRY -> ", a retry after an infrastructure failure";
        };
    return step(
        id,
        now,
        DagsterEventType.STEP_WORKER_STARTING,
        EventLevel.INFO,
        "Launching a worker for step \""
            + id.stepKey()
            + "\" (attempt "
            + id.attempt()
            + why
            + ").",
        new EnginePayload(List.of(), null));
  }

  static EventRecord skipped(String runId, String stepKey, Instant now, String reason) {
    return step(
        new AttemptId(runId, stepKey, 1),
        now,
        DagsterEventType.STEP_SKIPPED,
        EventLevel.INFO,
        "Skipped execution of step \"" + stepKey + "\": " + reason + ".",
        new StepSkippedPayload(reason));
  }

  static EventRecord upForRetry(
      AttemptId id, Instant now, ErrorSnapshot error, int retryNumber, Duration wait) {
    double seconds = wait.toNanos() / 1e9;
    return step(
        id,
        now,
        DagsterEventType.STEP_UP_FOR_RETRY,
        EventLevel.WARNING,
        "Execution of step \""
            + id.stepKey()
            + "\" failed and will be retried in "
            + seconds
            + " seconds (retry "
            + retryNumber
            + " under the op's retry policy): "
            + error.firstLine(),
        new StepRetryPayload(error, retryNumber, seconds));
  }

  static EventRecord failure(
      AttemptId id, Instant now, ErrorSnapshot error, StepFailurePayload.ErrorSource source) {
    return step(
        id,
        now,
        DagsterEventType.STEP_FAILURE,
        EventLevel.ERROR,
        "Execution of step \"" + id.stepKey() + "\" failed: " + error.firstLine(),
        new StepFailurePayload(error, source, List.of()));
  }

  static EventRecord infrastructureFailure(
      AttemptId id,
      Instant now,
      AttemptFailureReason reason,
      String detail,
      Duration wait,
      int retryNumber,
      int budget) {
    double seconds = wait.toNanos() / 1e9;
    return step(
        id,
        now,
        DagsterEventType.ENGINE_EVENT,
        EventLevel.WARNING,
        "The worker of step \""
            + id.stepKey()
            + "\" (attempt "
            + id.attempt()
            + ") failed for an infrastructure reason, "
            + reason
            + ": "
            + detail
            + " Retrying in "
            + seconds
            + " seconds (infrastructure retry "
            + retryNumber
            + " of "
            + budget
            + "; the op's retry policy is not used up).",
        new EnginePayload(
            List.of(
                new MetadataEntrySnapshot(
                    INFRASTRUCTURE_FAILURE_KEY, new MetadataValueSnapshot.Text(reason.name())),
                new MetadataEntrySnapshot(
                    SECONDS_TO_WAIT_KEY, new MetadataValueSnapshot.Float(seconds))),
            null));
  }

  /** The infrastructure failure an event records, if it is one of ours. */
  static Optional<AttemptFailureReason> infrastructureFailureOf(EventRecord event) {
    if (event.type() != DagsterEventType.ENGINE_EVENT
        || !(event.payload() instanceof EnginePayload payload)) {
      return Optional.empty();
    }
    for (MetadataEntrySnapshot entry : payload.metadata()) {
      if (entry.key().equals(INFRASTRUCTURE_FAILURE_KEY)
          && entry.value() instanceof MetadataValueSnapshot.Text text) {
        try {
          return Optional.of(AttemptFailureReason.valueOf(text.text()));
        } catch (IllegalArgumentException e) {
          // Written by a newer daemon with a reason this one does not know: still infrastructure.
          return Optional.of(AttemptFailureReason.LOST);
        }
      }
    }
    return Optional.empty();
  }

  /** The wait an infrastructure failure event decided, if it says. */
  static Optional<Duration> waitOf(EventRecord event) {
    if (event.payload() instanceof EnginePayload payload) {
      for (MetadataEntrySnapshot entry : payload.metadata()) {
        if (entry.key().equals(SECONDS_TO_WAIT_KEY)
            && entry.value() instanceof MetadataValueSnapshot.Float seconds
            && seconds.value() >= 0) {
          return Optional.of(Duration.ofNanos(Math.round(seconds.value() * 1e9)));
        }
      }
    }
    return Optional.empty();
  }

  private static EventRecord run(
      String runId,
      Instant now,
      DagsterEventType type,
      EventLevel level,
      String message,
      EventPayload payload) {
    return new EventRecord(runId, null, 0, 0, now, type, level, message, payload);
  }

  private static EventRecord step(
      AttemptId id,
      Instant now,
      DagsterEventType type,
      EventLevel level,
      String message,
      EventPayload payload) {
    return new EventRecord(
        id.runId(), id.stepKey(), id.attempt(), 0, now, type, level, message, payload);
  }
}
