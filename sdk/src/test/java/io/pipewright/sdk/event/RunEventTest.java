package io.pipewright.sdk.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunEventTest {

  private static RunEvent event(EventData data) {
    return new RunEvent(
        1, "run-1", "etl", Instant.EPOCH, EventType.STEP_SUCCESS, LogLevel.INFO, "s", "m", data);
  }

  @Test
  void shouldReturnPayloadWhenDataHasRequestedClass() {
    RunEvent e = event(new StepSuccessData(12));

    assertThat(e.data(StepSuccessData.class)).contains(new StepSuccessData(12));
    assertThat(e.data(EventData.class)).contains(new StepSuccessData(12));
  }

  @Test
  void shouldReturnEmptyWhenDataIsOtherClassOrNull() {
    assertThat(event(new StepSuccessData(12)).data(StepFailureData.class)).isEmpty();
    assertThat(event(null).data(StepSuccessData.class)).isEmpty();
  }

  @Test
  void shouldTurnNullMessageIntoEmptyWhenCreated() {
    RunEvent e =
        new RunEvent(
            1, "r", "j", Instant.EPOCH, EventType.RUN_START, LogLevel.INFO, null, null, null);

    assertThat(e.message()).isEmpty();
    assertThat(e.stepKey()).isNull();
  }

  @Test
  void shouldRejectMissingRequiredFieldsWhenCreated() {
    assertThatThrownBy(
            () ->
                new RunEvent(
                    1,
                    null,
                    "j",
                    Instant.EPOCH,
                    EventType.RUN_START,
                    LogLevel.INFO,
                    null,
                    "",
                    null))
        .hasMessage("RunEvent needs a non-null runId");
    assertThatThrownBy(
            () ->
                new RunEvent(1, "r", "j", null, EventType.RUN_START, LogLevel.INFO, null, "", null))
        .hasMessage("RunEvent needs a non-null timestamp");
    assertThatThrownBy(
            () -> new RunEvent(1, "r", "j", Instant.EPOCH, null, LogLevel.INFO, null, "", null))
        .hasMessage("RunEvent needs a non-null type");
    assertThatThrownBy(
            () ->
                new RunEvent(1, "r", "j", Instant.EPOCH, EventType.RUN_START, null, null, "", null))
        .hasMessage("RunEvent needs a non-null level");
    assertThatThrownBy(
            () ->
                new RunEvent(
                    1,
                    "r",
                    null,
                    Instant.EPOCH,
                    EventType.RUN_START,
                    LogLevel.INFO,
                    null,
                    "",
                    null))
        .hasMessage("RunEvent needs a non-null jobName");
  }
}
