package io.pipewright.codelocation.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.LogPayload;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.event.AssetCheckEvaluation;
import io.pipewright.sdk.event.AssetCheckEvaluationData;
import io.pipewright.sdk.event.AssetCheckSeverity;
import io.pipewright.sdk.event.AssetMaterialization;
import io.pipewright.sdk.event.AssetObservation;
import io.pipewright.sdk.event.EngineData;
import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.event.ErrorSource;
import io.pipewright.sdk.event.EventData;
import io.pipewright.sdk.event.EventType;
import io.pipewright.sdk.event.ExpectationData;
import io.pipewright.sdk.event.ExpectationResult;
import io.pipewright.sdk.event.HandledOutputData;
import io.pipewright.sdk.event.HookData;
import io.pipewright.sdk.event.LoadedInputData;
import io.pipewright.sdk.event.LogData;
import io.pipewright.sdk.event.LogLevel;
import io.pipewright.sdk.event.MaterializationData;
import io.pipewright.sdk.event.MaterializationPlannedData;
import io.pipewright.sdk.event.ObservationData;
import io.pipewright.sdk.event.ResourceData;
import io.pipewright.sdk.event.RunEvent;
import io.pipewright.sdk.event.RunFailureData;
import io.pipewright.sdk.event.StepFailureData;
import io.pipewright.sdk.event.StepInputData;
import io.pipewright.sdk.event.StepOutputData;
import io.pipewright.sdk.event.StepRestartedData;
import io.pipewright.sdk.event.StepRetryData;
import io.pipewright.sdk.event.StepSkippedData;
import io.pipewright.sdk.event.StepSuccessData;
import io.pipewright.sdk.metadata.Metadata;
import io.pipewright.sdk.types.TypeCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's events as the event log stores them. */
class StepEventsTest {

  static final AssetKey KEY = AssetKey.of("raw", "orders");
  static final ErrorInfo ERROR = ErrorInfo.from(new IllegalStateException("boom"));

  /** One of every kind of the sdk's event data. */
  static List<EventData> everyKind() {
    Metadata rows = Metadata.of("rows", 10);
    return List.of(
        new StepInputData("rows", TypeCheck.failure("expected a list")),
        new LoadedInputData("rows", "io_manager", "extract", "result", rows),
        new StepOutputData("parts", "north", TypeCheck.success(), rows),
        new HandledOutputData("result", "io_manager", rows),
        new MaterializationData(AssetMaterialization.of(KEY, rows)),
        new ObservationData(AssetObservation.of(KEY)),
        new ExpectationData(ExpectationResult.passed("not_empty")),
        new StepFailureData(ERROR, ErrorSource.USER_CODE_ERROR, rows),
        new StepRetryData(ERROR, 2, 1.5),
        new StepRestartedData(2),
        new StepSuccessData(12),
        new StepSkippedData("upstream step \"a\" failed"),
        new RunFailureData("Steps failed", List.of("a"), null),
        new LogData(Map.of("user", "ada")),
        new ResourceData("warehouse", 3, null),
        new HookData("alert", ERROR),
        new EngineData(rows, null),
        new MaterializationPlannedData(KEY, "2026-01-05"),
        new AssetCheckEvaluationData(
            new AssetCheckEvaluation(
                KEY, "not_empty", false, AssetCheckSeverity.ERROR, true, "empty", rows, null)));
  }

  private static EventRecord translate(EventType type, EventData data) {
    RunEvent event =
        new RunEvent(
            7,
            "run-1",
            "etl",
            Instant.parse("2026-01-05T10:00:00Z"),
            type,
            LogLevel.WARNING,
            null,
            "a message",
            data);
    return StepEvents.of(event, "extract", 2, 4);
  }

  @Test
  void shouldTranslateEveryKindOfEventData() {
    Set<Class<?>> payloads = new HashSet<>();
    for (EventData data : everyKind()) {
      EventRecord record = translate(EventType.ENGINE_EVENT, data);

      assertThat(record.payload()).as(data.getClass().getSimpleName()).isNotNull();
      assertThat(record.message()).isEqualTo("a message");
      payloads.add(record.payload().getClass());
    }
    assertThat(payloads).hasSize(EventData.class.getPermittedSubclasses().length);
    assertThat(EventPayload.class.getPermittedSubclasses()).hasSameSizeAs(payloads.toArray());
  }

  @Test
  void shouldGiveEveryEventTheAttemptsStepAndSequence() {
    EventRecord record = translate(EventType.RESOURCE_INIT_SUCCESS, null);

    assertThat(record.runId()).isEqualTo("run-1");
    assertThat(record.stepKey()).isEqualTo("extract");
    assertThat(record.attempt()).isEqualTo(2);
    assertThat(record.sequence()).isEqualTo(4);
    assertThat(record.type()).isEqualTo(DagsterEventType.RESOURCE_INIT_SUCCESS);
    assertThat(record.level()).isEqualTo(EventLevel.WARNING);
  }

  @Test
  void shouldMapEveryEventTypeOfTheSdk() {
    for (EventType type : EventType.values()) {
      assertThat(translate(type, null).type().name()).isEqualTo(type.name());
    }
  }

  @Test
  void shouldKeepTheDetailsOfPayloads() {
    StepOutputPayload output =
        (StepOutputPayload) translate(EventType.STEP_OUTPUT, everyKind().get(2)).payload();
    StepFailurePayload failure =
        (StepFailurePayload) translate(EventType.STEP_FAILURE, everyKind().get(7)).payload();
    MaterializationPayload materialization =
        (MaterializationPayload)
            translate(EventType.ASSET_MATERIALIZATION, everyKind().get(4)).payload();
    AssetCheckEvaluationPayload check =
        (AssetCheckEvaluationPayload)
            translate(EventType.ASSET_CHECK_EVALUATION, everyKind().get(18)).payload();

    assertThat(output.mappingKey()).isEqualTo("north");
    assertThat(output.metadata()).hasSize(1);
    assertThat(failure.error().message()).contains("boom");
    assertThat(failure.errorSource()).isEqualTo(StepFailurePayload.ErrorSource.USER_CODE_ERROR);
    assertThat(materialization.assetKey()).isEqualTo(AssetKeySnapshot.of("raw", "orders"));
    assertThat(check.severity()).isEqualTo(AssetCheckEvaluationPayload.Severity.ERROR);
    assertThat(check.blocking()).isTrue();
  }

  @Test
  void shouldKeepLogFieldsThatAreNotJsonAsText() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("rows", 3);
    fields.put("took", Duration.ofSeconds(2));
    fields.put("none", null);

    LogPayload log = (LogPayload) translate(EventType.LOG_MESSAGE, new LogData(fields)).payload();

    assertThat(log.fields()).containsEntry("rows", 3L).containsEntry("took", "PT2S");
    assertThat(log.fields()).containsKey("none");
  }
}
