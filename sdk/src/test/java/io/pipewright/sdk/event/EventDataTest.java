package io.pipewright.sdk.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.TypeCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventDataTest {

  @Test
  void shouldNormalizeNullMetadataToEmptyWhenPayloadsCreated() {
    assertThat(new LoadedInputData("in", "io_manager", null, null, null).metadata())
        .isSameAs(Metadata.empty());
    assertThat(new StepOutputData("out", null, TypeCheck.success(), null).metadata())
        .isSameAs(Metadata.empty());
    assertThat(new HandledOutputData("out", "io_manager", null).metadata())
        .isSameAs(Metadata.empty());
    assertThat(
            new StepFailureData(ErrorInfo.of("X", "y"), ErrorSource.USER_CODE_ERROR, null)
                .userFailureMetadata())
        .isSameAs(Metadata.empty());
    assertThat(new EngineData(null, null).metadata()).isSameAs(Metadata.empty());
  }

  @Test
  void shouldNameRecordAndFieldWhenRequiredFieldIsNull() {
    assertThatThrownBy(() -> new StepInputData(null, TypeCheck.success()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("StepInputData needs a non-null inputName");
    assertThatThrownBy(() -> new StepOutputData("out", null, null, Metadata.empty()))
        .hasMessage("StepOutputData needs a non-null typeCheck");
    assertThatThrownBy(() -> new HandledOutputData("out", null, null))
        .hasMessage("HandledOutputData needs a non-null managerKey");
    assertThatThrownBy(() -> new StepFailureData(null, ErrorSource.USER_CODE_ERROR, null))
        .hasMessage("StepFailureData needs a non-null error");
    assertThatThrownBy(() -> new StepFailureData(ErrorInfo.of("X", "y"), null, null))
        .hasMessage("StepFailureData needs a non-null errorSource");
    assertThatThrownBy(() -> new MaterializationData(null))
        .hasMessage("MaterializationData needs a non-null materialization");
    assertThatThrownBy(() -> new ObservationData(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExpectationData(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StepSkippedData(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RunFailureData(null, List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResourceData(null, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HookData(null, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectNegativeNumbersWhenPayloadsCreated() {
    assertThatThrownBy(() -> new StepRetryData(null, -1, 0))
        .hasMessage("StepRetryData needs a non-negative attempt, got -1");
    assertThatThrownBy(() -> new StepRetryData(null, 1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secondsToWait");
    assertThatThrownBy(() -> new StepRetryData(null, 1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StepRestartedData(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StepSuccessData(-5))
        .hasMessage("StepSuccessData needs a non-negative durationMillis, got -5");
    assertThatThrownBy(() -> new ResourceData("db", -1, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCopyFailedStepKeysWhenRunFailure() {
    List<String> keys = new ArrayList<>(List.of("a"));
    RunFailureData data = new RunFailureData("Steps failed", keys, null);
    keys.add("b");

    assertThat(data.failedStepKeys()).containsExactly("a");
    assertThat(new RunFailureData("r", null, null).failedStepKeys()).isEmpty();
  }

  @Test
  void shouldCopyFieldsKeepingOrderAndNullsWhenLogData() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("z", 1);
    fields.put("a", null);

    LogData data = new LogData(fields);
    fields.put("later", 2);

    assertThat(data.fields().keySet()).containsExactly("z", "a");
    assertThat(data.fields()).containsEntry("a", null);
    assertThatThrownBy(() -> data.fields().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(new LogData(null).fields()).isEmpty();
    Map<String, Object> nullKey = new HashMap<>();
    nullKey.put(null, 1);
    assertThatThrownBy(() -> new LogData(nullKey)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldBeEqualByValueWhenPayloadsMatch() {
    assertThat(new StepRetryData(ErrorInfo.of("X", "y"), 2, 1.0))
        .isEqualTo(new StepRetryData(ErrorInfo.of("X", "y"), 2, 1.0));
    assertThat(new StepInputData("in", TypeCheck.failure("bad")))
        .isEqualTo(new StepInputData("in", TypeCheck.failure("bad")))
        .isNotEqualTo(new StepInputData("in", TypeCheck.success()));
  }
}
