package io.pipewright.protocol.mapping;

import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.EnginePayload;
import io.pipewright.core.event.EventPayload;
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
import io.pipewright.protocol.v1.AssetCheckEvaluationData;
import io.pipewright.protocol.v1.EngineData;
import io.pipewright.protocol.v1.Error;
import io.pipewright.protocol.v1.EventData;
import io.pipewright.protocol.v1.ExpectationData;
import io.pipewright.protocol.v1.HandledOutputData;
import io.pipewright.protocol.v1.HookData;
import io.pipewright.protocol.v1.LoadedInputData;
import io.pipewright.protocol.v1.LogData;
import io.pipewright.protocol.v1.MaterializationData;
import io.pipewright.protocol.v1.MaterializationPlannedData;
import io.pipewright.protocol.v1.ObservationData;
import io.pipewright.protocol.v1.ResourceData;
import io.pipewright.protocol.v1.RunFailureData;
import io.pipewright.protocol.v1.StepFailureData;
import io.pipewright.protocol.v1.StepInputData;
import io.pipewright.protocol.v1.StepOutputData;
import io.pipewright.protocol.v1.StepRestartedData;
import io.pipewright.protocol.v1.StepRetryData;
import io.pipewright.protocol.v1.StepSkippedData;
import io.pipewright.protocol.v1.StepSuccessData;
import io.pipewright.protocol.v1.TypeCheck;

/** Maps event payloads, one case per payload record. */
public final class EventPayloadMapper {

  private static final EnumBridge<StepFailurePayload.ErrorSource, StepFailureData.ErrorSource>
      ERROR_SOURCE =
          EnumBridge.of(
              StepFailurePayload.ErrorSource.class,
              StepFailureData.ErrorSource.values(),
              "ERROR_SOURCE_",
              "error source");
  private static final EnumBridge<
          AssetCheckEvaluationPayload.Severity, AssetCheckEvaluationData.Severity>
      SEVERITY =
          EnumBridge.of(
              AssetCheckEvaluationPayload.Severity.class,
              AssetCheckEvaluationData.Severity.values(),
              "SEVERITY_",
              "asset check severity");

  private EventPayloadMapper() {}

  /**
   * Maps a payload to its message.
   *
   * @param payload the payload
   * @return the message
   */
  public static EventData toProto(EventPayload payload) {
    EventData.Builder out = EventData.newBuilder();
    if (payload instanceof StepInputPayload p) {
      out.setStepInput(
          StepInputData.newBuilder()
              .setInputName(p.inputName())
              .setTypeCheck(toProto(p.typeCheck())));
    } else if (payload instanceof LoadedInputPayload p) {
      LoadedInputData.Builder d =
          LoadedInputData.newBuilder()
              .setInputName(p.inputName())
              .setManagerKey(p.managerKey())
              .addAllMetadata(MetadataMapper.toProto(p.metadata()));
      if (p.upstreamStepKey() != null) {
        d.setUpstreamStepKey(p.upstreamStepKey());
      }
      if (p.upstreamOutputName() != null) {
        d.setUpstreamOutputName(p.upstreamOutputName());
      }
      out.setLoadedInput(d);
    } else if (payload instanceof StepOutputPayload p) {
      StepOutputData.Builder d =
          StepOutputData.newBuilder()
              .setOutputName(p.outputName())
              .setTypeCheck(toProto(p.typeCheck()))
              .addAllMetadata(MetadataMapper.toProto(p.metadata()));
      if (p.mappingKey() != null) {
        d.setMappingKey(p.mappingKey());
      }
      out.setStepOutput(d);
    } else if (payload instanceof HandledOutputPayload p) {
      out.setHandledOutput(
          HandledOutputData.newBuilder()
              .setOutputName(p.outputName())
              .setManagerKey(p.managerKey())
              .addAllMetadata(MetadataMapper.toProto(p.metadata())));
    } else if (payload instanceof MaterializationPayload p) {
      MaterializationData.Builder d =
          MaterializationData.newBuilder()
              .setAssetKey(CommonMapper.toProto(p.assetKey()))
              .addAllMetadata(MetadataMapper.toProto(p.metadata()));
      if (p.description() != null) {
        d.setDescription(p.description());
      }
      if (p.partition() != null) {
        d.setPartition(p.partition());
      }
      out.setMaterialization(d);
    } else if (payload instanceof ObservationPayload p) {
      ObservationData.Builder d =
          ObservationData.newBuilder()
              .setAssetKey(CommonMapper.toProto(p.assetKey()))
              .addAllMetadata(MetadataMapper.toProto(p.metadata()));
      if (p.description() != null) {
        d.setDescription(p.description());
      }
      if (p.partition() != null) {
        d.setPartition(p.partition());
      }
      out.setObservation(d);
    } else if (payload instanceof ExpectationPayload p) {
      ExpectationData.Builder d =
          ExpectationData.newBuilder()
              .setSuccess(p.success())
              .setLabel(p.label())
              .addAllMetadata(MetadataMapper.toProto(p.metadata()));
      if (p.description() != null) {
        d.setDescription(p.description());
      }
      out.setExpectation(d);
    } else if (payload instanceof StepFailurePayload p) {
      out.setStepFailure(
          StepFailureData.newBuilder()
              .setError(CommonMapper.toProto(p.error()))
              .setErrorSource(ERROR_SOURCE.toProto(p.errorSource()))
              .addAllUserFailureMetadata(MetadataMapper.toProto(p.userFailureMetadata())));
    } else if (payload instanceof StepRetryPayload p) {
      StepRetryData.Builder d =
          StepRetryData.newBuilder().setAttempt(p.attempt()).setSecondsToWait(p.secondsToWait());
      if (p.error() != null) {
        d.setError(CommonMapper.toProto(p.error()));
      }
      out.setStepRetry(d);
    } else if (payload instanceof StepRestartedPayload p) {
      out.setStepRestarted(StepRestartedData.newBuilder().setAttempt(p.attempt()));
    } else if (payload instanceof StepSuccessPayload p) {
      out.setStepSuccess(StepSuccessData.newBuilder().setDurationMillis(p.durationMillis()));
    } else if (payload instanceof StepSkippedPayload p) {
      out.setStepSkipped(StepSkippedData.newBuilder().setReason(p.reason()));
    } else if (payload instanceof RunFailurePayload p) {
      RunFailureData.Builder d =
          RunFailureData.newBuilder()
              .setReason(p.reason())
              .addAllFailedStepKeys(p.failedStepKeys());
      if (p.error() != null) {
        d.setError(CommonMapper.toProto(p.error()));
      }
      out.setRunFailure(d);
    } else if (payload instanceof LogPayload p) {
      out.setLog(LogData.newBuilder().setFields(JsonMapper.toProto(p.fields())));
    } else if (payload instanceof ResourcePayload p) {
      ResourceData.Builder d =
          ResourceData.newBuilder()
              .setResourceKey(p.resourceKey())
              .setDurationMillis(p.durationMillis());
      if (p.error() != null) {
        d.setError(CommonMapper.toProto(p.error()));
      }
      out.setResource(d);
    } else if (payload instanceof HookPayload p) {
      HookData.Builder d = HookData.newBuilder().setHookName(p.hookName());
      if (p.error() != null) {
        d.setError(CommonMapper.toProto(p.error()));
      }
      out.setHook(d);
    } else if (payload instanceof EnginePayload p) {
      EngineData.Builder d =
          EngineData.newBuilder().addAllMetadata(MetadataMapper.toProto(p.metadata()));
      if (p.error() != null) {
        d.setError(CommonMapper.toProto(p.error()));
      }
      out.setEngine(d);
    } else if (payload instanceof MaterializationPlannedPayload p) {
      MaterializationPlannedData.Builder d =
          MaterializationPlannedData.newBuilder().setAssetKey(CommonMapper.toProto(p.assetKey()));
      if (p.partition() != null) {
        d.setPartition(p.partition());
      }
      out.setMaterializationPlanned(d);
    } else if (payload instanceof AssetCheckEvaluationPayload p) {
      AssetCheckEvaluationData.Builder d =
          AssetCheckEvaluationData.newBuilder()
              .setAssetKey(CommonMapper.toProto(p.assetKey()))
              .setCheckName(p.checkName())
              .setPassed(p.passed())
              .setSeverity(SEVERITY.toProto(p.severity()))
              .setBlocking(p.blocking())
              .addAllMetadata(MetadataMapper.toProto(p.metadata()));
      if (p.description() != null) {
        d.setDescription(p.description());
      }
      if (p.partition() != null) {
        d.setPartition(p.partition());
      }
      out.setAssetCheckEvaluation(d);
    }
    return out.build();
  }

  /**
   * Maps a payload message to the record.
   *
   * @param data the message
   * @return the payload
   */
  public static EventPayload toCore(EventData data) {
    return switch (data.getKindCase()) {
      case STEP_INPUT -> {
        StepInputData d = data.getStepInput();
        Protos.require(d.hasTypeCheck(), "StepInputData", "type_check");
        yield new StepInputPayload(d.getInputName(), toCore(d.getTypeCheck()));
      }
      case LOADED_INPUT -> {
        LoadedInputData d = data.getLoadedInput();
        yield new LoadedInputPayload(
            d.getInputName(),
            d.getManagerKey(),
            d.hasUpstreamStepKey() ? d.getUpstreamStepKey() : null,
            d.hasUpstreamOutputName() ? d.getUpstreamOutputName() : null,
            MetadataMapper.toCore(d.getMetadataList()));
      }
      case STEP_OUTPUT -> {
        StepOutputData d = data.getStepOutput();
        Protos.require(d.hasTypeCheck(), "StepOutputData", "type_check");
        yield new StepOutputPayload(
            d.getOutputName(),
            d.hasMappingKey() ? d.getMappingKey() : null,
            toCore(d.getTypeCheck()),
            MetadataMapper.toCore(d.getMetadataList()));
      }
      case HANDLED_OUTPUT -> {
        HandledOutputData d = data.getHandledOutput();
        yield new HandledOutputPayload(
            d.getOutputName(), d.getManagerKey(), MetadataMapper.toCore(d.getMetadataList()));
      }
      case MATERIALIZATION -> {
        MaterializationData d = data.getMaterialization();
        Protos.require(d.hasAssetKey(), "MaterializationData", "asset_key");
        yield new MaterializationPayload(
            CommonMapper.toCore(d.getAssetKey()),
            d.hasDescription() ? d.getDescription() : null,
            MetadataMapper.toCore(d.getMetadataList()),
            d.hasPartition() ? d.getPartition() : null);
      }
      case OBSERVATION -> {
        ObservationData d = data.getObservation();
        Protos.require(d.hasAssetKey(), "ObservationData", "asset_key");
        yield new ObservationPayload(
            CommonMapper.toCore(d.getAssetKey()),
            d.hasDescription() ? d.getDescription() : null,
            MetadataMapper.toCore(d.getMetadataList()),
            d.hasPartition() ? d.getPartition() : null);
      }
      case EXPECTATION -> {
        ExpectationData d = data.getExpectation();
        yield new ExpectationPayload(
            d.getSuccess(),
            d.getLabel(),
            d.hasDescription() ? d.getDescription() : null,
            MetadataMapper.toCore(d.getMetadataList()));
      }
      case STEP_FAILURE -> {
        StepFailureData d = data.getStepFailure();
        Protos.require(d.hasError(), "StepFailureData", "error");
        yield new StepFailurePayload(
            CommonMapper.toCore(d.getError()),
            ERROR_SOURCE.toCore(d.getErrorSource()),
            MetadataMapper.toCore(d.getUserFailureMetadataList()));
      }
      case STEP_RETRY -> {
        StepRetryData d = data.getStepRetry();
        yield new StepRetryPayload(
            error(d.hasError(), d.getError()), d.getAttempt(), d.getSecondsToWait());
      }
      case STEP_RESTARTED -> new StepRestartedPayload(data.getStepRestarted().getAttempt());
      case STEP_SUCCESS -> new StepSuccessPayload(data.getStepSuccess().getDurationMillis());
      case STEP_SKIPPED -> new StepSkippedPayload(data.getStepSkipped().getReason());
      case RUN_FAILURE -> {
        RunFailureData d = data.getRunFailure();
        yield new RunFailurePayload(
            d.getReason(), d.getFailedStepKeysList(), error(d.hasError(), d.getError()));
      }
      case LOG -> new LogPayload(JsonMapper.toCoreObject(data.getLog().getFields(), "Log fields"));
      case RESOURCE -> {
        ResourceData d = data.getResource();
        yield new ResourcePayload(
            d.getResourceKey(), d.getDurationMillis(), error(d.hasError(), d.getError()));
      }
      case HOOK -> {
        HookData d = data.getHook();
        yield new HookPayload(d.getHookName(), error(d.hasError(), d.getError()));
      }
      case ENGINE -> {
        EngineData d = data.getEngine();
        yield new EnginePayload(
            MetadataMapper.toCore(d.getMetadataList()), error(d.hasError(), d.getError()));
      }
      case MATERIALIZATION_PLANNED -> {
        MaterializationPlannedData d = data.getMaterializationPlanned();
        Protos.require(d.hasAssetKey(), "MaterializationPlannedData", "asset_key");
        yield new MaterializationPlannedPayload(
            CommonMapper.toCore(d.getAssetKey()), d.hasPartition() ? d.getPartition() : null);
      }
      case ASSET_CHECK_EVALUATION -> {
        AssetCheckEvaluationData d = data.getAssetCheckEvaluation();
        Protos.require(d.hasAssetKey(), "AssetCheckEvaluationData", "asset_key");
        yield new AssetCheckEvaluationPayload(
            CommonMapper.toCore(d.getAssetKey()),
            d.getCheckName(),
            d.getPassed(),
            SEVERITY.toCore(d.getSeverity()),
            d.getBlocking(),
            d.hasDescription() ? d.getDescription() : null,
            MetadataMapper.toCore(d.getMetadataList()),
            d.hasPartition() ? d.getPartition() : null);
      }
      case KIND_NOT_SET -> throw Protos.unset("EventData", "kind");
    };
  }

  private static ErrorSnapshot error(boolean present, Error error) {
    return present ? CommonMapper.toCore(error) : null;
  }

  private static TypeCheck toProto(TypeCheckSnapshot check) {
    TypeCheck.Builder out =
        TypeCheck.newBuilder()
            .setPassed(check.passed())
            .addAllMetadata(MetadataMapper.toProto(check.metadata()));
    if (check.description() != null) {
      out.setDescription(check.description());
    }
    return out.build();
  }

  private static TypeCheckSnapshot toCore(TypeCheck check) {
    return new TypeCheckSnapshot(
        check.getPassed(),
        check.hasDescription() ? check.getDescription() : null,
        MetadataMapper.toCore(check.getMetadataList()));
  }
}
