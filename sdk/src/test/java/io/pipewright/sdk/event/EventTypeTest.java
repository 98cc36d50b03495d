package io.pipewright.sdk.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventTypeTest {

  @Test
  void shouldHaveExactlyTheAgreedConstantsWhenListed() {
    assertThat(Arrays.stream(EventType.values()).map(Enum::name))
        .containsExactly(
            "RUN_ENQUEUED",
            "RUN_STARTING",
            "RUN_START",
            "RUN_SUCCESS",
            "RUN_FAILURE",
            "RUN_CANCELING",
            "RUN_CANCELED",
            "STEP_START",
            "STEP_INPUT",
            "LOADED_INPUT",
            "STEP_OUTPUT",
            "HANDLED_OUTPUT",
            "ASSET_MATERIALIZATION",
            "ASSET_MATERIALIZATION_PLANNED",
            "ASSET_OBSERVATION",
            "ASSET_CHECK_EVALUATION",
            "STEP_EXPECTATION_RESULT",
            "STEP_UP_FOR_RETRY",
            "STEP_RESTARTED",
            "STEP_SUCCESS",
            "STEP_FAILURE",
            "STEP_SKIPPED",
            "RESOURCE_INIT_STARTED",
            "RESOURCE_INIT_SUCCESS",
            "RESOURCE_INIT_FAILURE",
            "HOOK_COMPLETED",
            "HOOK_ERRORED",
            "HOOK_SKIPPED",
            "ENGINE_EVENT",
            "LOG_MESSAGE");
  }

  @Test
  void shouldMatchDagsterStepEventsWhenIsStepEvent() {
    Set<EventType> step =
        Arrays.stream(EventType.values())
            .filter(EventType::isStepEvent)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventType.class)));

    assertThat(step)
        .containsExactlyInAnyOrder(
            EventType.STEP_START,
            EventType.STEP_INPUT,
            EventType.LOADED_INPUT,
            EventType.STEP_OUTPUT,
            EventType.HANDLED_OUTPUT,
            EventType.ASSET_MATERIALIZATION,
            EventType.ASSET_OBSERVATION,
            EventType.ASSET_CHECK_EVALUATION,
            EventType.STEP_EXPECTATION_RESULT,
            EventType.STEP_UP_FOR_RETRY,
            EventType.STEP_RESTARTED,
            EventType.STEP_SUCCESS,
            EventType.STEP_FAILURE,
            EventType.STEP_SKIPPED);
  }

  @Test
  void shouldBeRunStatusTypesWhenIsRunEvent() {
    for (EventType type : EventType.values()) {
      assertThat(type.isRunEvent()).as(type.name()).isEqualTo(type.name().startsWith("RUN_"));
    }
  }

  @Test
  void shouldBeTheFourFailureTypesWhenIsFailure() {
    Set<EventType> failures =
        Arrays.stream(EventType.values())
            .filter(EventType::isFailure)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventType.class)));

    assertThat(failures)
        .containsExactlyInAnyOrder(
            EventType.RUN_FAILURE,
            EventType.STEP_FAILURE,
            EventType.RESOURCE_INIT_FAILURE,
            EventType.HOOK_ERRORED);
  }
}
