package io.pipewright.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DagsterEventTypeTest {

  @Test
  void shouldStoreRunEventsUnderDagstersLegacyPipelineValues() {
    // Persisted: Dagster stores RUN_* events as PIPELINE_*; changing these breaks stored logs.
    assertThat(DagsterEventType.RUN_START.value()).isEqualTo("PIPELINE_START");
    assertThat(DagsterEventType.RUN_ENQUEUED.value()).isEqualTo("PIPELINE_ENQUEUED");
    assertThat(DagsterEventType.RUN_CANCELED.value()).isEqualTo("PIPELINE_CANCELED");
    assertThat(DagsterEventType.STEP_START.value()).isEqualTo("STEP_START");
    assertThat(
            Arrays.stream(DagsterEventType.values())
                .filter(DagsterEventType::isRunEvent)
                .map(Enum::name))
        .containsExactly(
            "RUN_ENQUEUED",
            "RUN_DEQUEUED",
            "RUN_STARTING",
            "RUN_START",
            "RUN_SUCCESS",
            "RUN_FAILURE",
            "RUN_CANCELING",
            "RUN_CANCELED");
  }

  @Test
  void shouldReadStoredValueOrNameWhenParsing() {
    for (DagsterEventType type : DagsterEventType.values()) {
      assertThat(DagsterEventType.fromValue(type.value())).isEqualTo(type);
      assertThat(DagsterEventType.fromValue(type.name())).isEqualTo(type);
    }
    assertThatThrownBy(() -> DagsterEventType.fromValue("STEP_TELEPORTED"))
        .hasMessageContaining("Unknown event type 'STEP_TELEPORTED'");
  }

  @Test
  void shouldClassifyStepEventsAsDagsterDoes() {
    assertThat(
            Arrays.stream(DagsterEventType.values())
                .filter(DagsterEventType::isStepEvent)
                .map(Enum::name))
        .containsExactlyInAnyOrder(
            "STEP_INPUT",
            "STEP_START",
            "STEP_OUTPUT",
            "STEP_FAILURE",
            "STEP_SUCCESS",
            "STEP_SKIPPED",
            "ASSET_MATERIALIZATION",
            "ASSET_OBSERVATION",
            "STEP_EXPECTATION_RESULT",
            "ASSET_CHECK_EVALUATION",
            "OBJECT_STORE_OPERATION",
            "HANDLED_OUTPUT",
            "LOADED_INPUT",
            "STEP_RESTARTED",
            "STEP_UP_FOR_RETRY");
  }
}
