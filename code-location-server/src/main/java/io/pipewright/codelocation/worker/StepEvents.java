package io.pipewright.codelocation.worker;

import io.pipewright.codelocation.snapshot.ErrorSnapshots;
import io.pipewright.codelocation.snapshot.MetadataSnapshots;
import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EnginePayload;
import io.pipewright.core.event.EventLevel;
import io.pipewright.core.event.EventPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.ExpectationPayload;
import io.pipewright.core.event.HandledOutputPayload;
import io.pipewright.core.event.HookPayload;
import io.pipewright.core.event.LoadedInputPayload;
import io.pipewright.core.event.LogPayload;
import io.pipewright.core.event.MaterializationPayload;
import io.pipewright.core.event.MaterializationPlannedPayload;
import io.pipewright.core.event.ObservationPayload;
import io.pipewright.core.event.ResourcePayload;
import io.pipewright.core.event.RunFailurePayload;
import io.pipewright.core.event.StepFailurePayload;
import io.pipewright.core.event.StepInputPayload;
import io.pipewright.core.event.StepOutputPayload;
import io.pipewright.core.event.StepRestartedPayload;
import io.pipewright.core.event.StepRetryPayload;
import io.pipewright.core.event.StepSkippedPayload;
import io.pipewright.core.event.StepSuccessPayload;
import io.pipewright.core.event.TypeCheckSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.UserJson;
import io.pipewright.sdk.event.AssetCheckEvaluation;
import io.pipewright.sdk.event.AssetCheckEvaluationData;
import io.pipewright.sdk.event.AssetMaterialization;
import io.pipewright.sdk.event.AssetObservation;
import io.pipewright.sdk.event.EngineData;
import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.event.EventData;
import io.pipewright.sdk.event.ExpectationData;
import io.pipewright.sdk.event.ExpectationResult;
import io.pipewright.sdk.event.HandledOutputData;
import io.pipewright.sdk.event.HookData;
import io.pipewright.sdk.event.LoadedInputData;
import io.pipewright.sdk.event.LogData;
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
import io.pipewright.sdk.types.TypeCheck;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates the engine's events ({@link RunEvent}, with the sdk's {@link EventData}) into core's
 * {@link EventRecord}s, payload record by payload record, as the event log stores them.
 */
final class StepEvents {

  private StepEvents() {}

  /**
   * Translates an event of the step attempt.
   *
   * @param event the engine's event
   * @param stepKey the attempt's step (events the engine emits without a step, such as the teardown
   *     of a run-scoped resource, belong to the attempt too)
   * @param attempt the attempt
   * @param sequence the event's position in the attempt
   * @return the record
   */
  static EventRecord of(RunEvent event, String stepKey, int attempt, long sequence) {
    EventPayload payload;
    String message = event.message();
    try {
      payload = event.data() == null ? null : payload(event.data());
    } catch (IllegalArgumentException e) {
      // Data core's records reject (never expected): keep the event and say why its details are
      // missing, rather than lose it.
      payload = null;
      message = message + " [details dropped: " + e.getMessage() + "]";
    }
    return new EventRecord(
        event.runId(),
        stepKey,
        attempt,
        sequence,
        event.timestamp(),
        DagsterEventType.valueOf(event.type().name()),
        EventLevel.valueOf(event.level().name()),
        message,
        payload);
  }

  static EventPayload payload(EventData data) {
    if (data instanceof StepInputData d) {
      return new StepInputPayload(d.inputName(), typeCheck(d.typeCheck()));
    }
    if (data instanceof LoadedInputData d) {
      return new LoadedInputPayload(
          d.inputName(),
          d.managerKey(),
          d.upstreamStepKey(),
          d.upstreamOutputName(),
          MetadataSnapshots.entries(d.metadata()));
    }
    if (data instanceof StepOutputData d) {
      return new StepOutputPayload(
          d.outputName(),
          d.mappingKey(),
          typeCheck(d.typeCheck()),
          MetadataSnapshots.entries(d.metadata()));
    }
    if (data instanceof HandledOutputData d) {
      return new HandledOutputPayload(
          d.outputName(), d.managerKey(), MetadataSnapshots.entries(d.metadata()));
    }
    if (data instanceof MaterializationData d) {
      AssetMaterialization m = d.materialization();
      return new MaterializationPayload(
          MetadataSnapshots.key(m.assetKey()),
          m.description(),
          MetadataSnapshots.entries(m.metadata()),
          m.partition());
    }
    if (data instanceof ObservationData d) {
      AssetObservation o = d.observation();
      return new ObservationPayload(
          MetadataSnapshots.key(o.assetKey()),
          o.description(),
          MetadataSnapshots.entries(o.metadata()),
          o.partition());
    }
    if (data instanceof ExpectationData d) {
      ExpectationResult r = d.result();
      return new ExpectationPayload(
          r.success(), r.label(), r.description(), MetadataSnapshots.entries(r.metadata()));
    }
    if (data instanceof StepFailureData d) {
      return new StepFailurePayload(
          ErrorSnapshots.of(d.error()),
          StepFailurePayload.ErrorSource.valueOf(d.errorSource().name()),
          MetadataSnapshots.entries(d.userFailureMetadata()));
    }
    if (data instanceof StepRetryData d) {
      return new StepRetryPayload(error(d.error()), d.attempt(), d.secondsToWait());
    }
    if (data instanceof StepRestartedData d) {
      return new StepRestartedPayload(d.attempt());
    }
    if (data instanceof StepSuccessData d) {
      return new StepSuccessPayload(d.durationMillis());
    }
    if (data instanceof StepSkippedData d) {
      return new StepSkippedPayload(d.reason());
    }
    if (data instanceof RunFailureData d) {
      return new RunFailurePayload(d.reason(), d.failedStepKeys(), error(d.error()));
    }
    if (data instanceof LogData d) {
      return new LogPayload(logFields(d.fields()));
    }
    if (data instanceof ResourceData d) {
      return new ResourcePayload(d.resourceKey(), d.durationMillis(), error(d.error()));
    }
    if (data instanceof HookData d) {
      return new HookPayload(d.hookName(), error(d.error()));
    }
    if (data instanceof EngineData d) {
      return new EnginePayload(MetadataSnapshots.entries(d.metadata()), error(d.error()));
    }
    if (data instanceof MaterializationPlannedData d) {
      return new MaterializationPlannedPayload(MetadataSnapshots.key(d.assetKey()), d.partition());
    }
    AssetCheckEvaluation c = ((AssetCheckEvaluationData) data).evaluation();
    return new AssetCheckEvaluationPayload(
        MetadataSnapshots.key(c.assetKey()),
        c.checkName(),
        c.passed(),
        AssetCheckEvaluationPayload.Severity.valueOf(c.severity().name()),
        c.blocking(),
        c.description(),
        MetadataSnapshots.entries(c.metadata()),
        c.partition());
  }

  private static TypeCheckSnapshot typeCheck(TypeCheck check) {
    return new TypeCheckSnapshot(
        check.passed(), check.description(), MetadataSnapshots.entries(check.metadata()));
  }

  private static ErrorSnapshot error(ErrorInfo error) {
    return error == null ? null : ErrorSnapshots.of(error);
  }

  /**
   * Log fields are user values: those that are not JSON (a {@code Duration}, a user's object) are
   * kept as their {@code toString()}, so that a log line is never lost over a field.
   */
  private static Map<String, Object> logFields(Map<String, Object> fields) {
    Map<String, Object> json = new LinkedHashMap<>();
    fields.forEach(
        (key, value) -> {
          try {
            json.put(key, UserJson.canonical(value, "log field", key));
          } catch (IllegalArgumentException e) {
            json.put(key, String.valueOf(value));
          }
        });
    return json;
  }
}
