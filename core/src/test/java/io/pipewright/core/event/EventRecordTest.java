package io.pipewright.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRecordTest {

  private static EventRecord event(String stepKey, int attempt, long sequence) {
    return new EventRecord(
        "run-1",
        stepKey,
        attempt,
        sequence,
        Instant.EPOCH,
        DagsterEventType.STEP_START,
        EventLevel.DEBUG,
        null,
        new StepSuccessPayload(5));
  }

  @Test
  void shouldTieAttemptToStepWhenValidating() {
    assertThat(event(null, 0, 0).message()).isEmpty();
    assertThatThrownBy(() -> event(null, 1, 0)).hasMessageContaining("its attempt must be 0");
    assertThatThrownBy(() -> event("s", 0, 0))
        .hasMessageContaining("needs an attempt of 1 or more");
  }

  @Test
  void shouldReturnPayloadOnlyWhenClassMatches() {
    assertThat(event("s", 1, 0).payload(StepSuccessPayload.class))
        .contains(new StepSuccessPayload(5));
    assertThat(event("s", 1, 0).payload(HookPayload.class)).isEmpty();
  }

  @Test
  void shouldRejectBatchWhenAnEventBelongsToAnotherAttempt() {
    assertThatThrownBy(() -> new StepEventBatch("run-1", "s", 2, List.of(event("s", 1, 0))))
        .hasMessageContaining("a batch carries one attempt's events only");
  }

  @Test
  void shouldRejectBatchWhenSequencesDoNotIncrease() {
    assertThatThrownBy(
            () -> new StepEventBatch("run-1", "s", 1, List.of(event("s", 1, 3), event("s", 1, 3))))
        .hasMessageContaining("has event sequence 3 after 3");
  }
}
