package io.pipewright.protocol.mapping;

import io.pipewright.core.codelocation.ExecutionPlanRequest;
import io.pipewright.core.codelocation.ExecutionPlanResult;
import io.pipewright.core.codelocation.PartitionKeysRequest;
import io.pipewright.core.codelocation.PartitionRunConfigRequest;
import io.pipewright.core.codelocation.RunConfigValidationRequest;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.codelocation.SensorMaterialization;
import io.pipewright.core.codelocation.SensorRunStatus;
import io.pipewright.core.snapshot.ConfigErrorSnapshot;
import io.pipewright.core.snapshot.PartitionRunConfig;
import io.pipewright.protocol.v1.ConfigErrors;
import io.pipewright.protocol.v1.DynamicPartitionKeys;
import io.pipewright.protocol.v1.EvaluateScheduleRequest;
import io.pipewright.protocol.v1.EvaluateSensorRequest;
import io.pipewright.protocol.v1.GetExecutionPlanRequest;
import io.pipewright.protocol.v1.GetExecutionPlanResponse;
import io.pipewright.protocol.v1.GetPartitionKeysRequest;
import io.pipewright.protocol.v1.GetPartitionRunConfigRequest;
import io.pipewright.protocol.v1.GetPartitionRunConfigResponse;
import io.pipewright.protocol.v1.PartitionConfig;
import io.pipewright.protocol.v1.ValidateRunConfigRequest;
import io.pipewright.protocol.v1.ValidateRunConfigResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the requests and responses of {@code CodeLocationService} that carry more than one field:
 * the client maps core requests to proto and responses back, the server the other way round.
 */
public final class CodeLocationServiceMapper {

  private CodeLocationServiceMapper() {}

  /**
   * Maps a plan request to its message.
   *
   * @param request the request
   * @return the message
   */
  public static GetExecutionPlanRequest toProto(ExecutionPlanRequest request) {
    GetExecutionPlanRequest.Builder out =
        GetExecutionPlanRequest.newBuilder()
            .setJobName(request.jobName())
            .addAllOpSelection(request.opSelection())
            .addAllAssetSelection(CommonMapper.assetKeysToProto(request.assetSelection()))
            .setRunConfig(JsonMapper.toProto(request.runConfig()))
            .addAllStepKeysToExecute(request.stepKeysToExecute());
    if (request.partitionKey() != null) {
      out.setPartitionKey(request.partitionKey());
    }
    out.addAllDynamicPartitions(dynamicToProto(request.dynamicPartitions()));
    return out.build();
  }

  private static List<DynamicPartitionKeys> dynamicToProto(Map<String, List<String>> keysByName) {
    List<DynamicPartitionKeys> out = new ArrayList<>(keysByName.size());
    keysByName.forEach(
        (name, keys) ->
            out.add(DynamicPartitionKeys.newBuilder().setName(name).addAllKeys(keys).build()));
    return out;
  }

  private static Map<String, List<String>> dynamicToCore(List<DynamicPartitionKeys> messages) {
    Map<String, List<String>> dynamic = new LinkedHashMap<>();
    for (DynamicPartitionKeys keys : messages) {
      dynamic.put(keys.getName(), keys.getKeysList());
    }
    return dynamic;
  }

  /**
   * Maps a plan request message to the record.
   *
   * @param request the message
   * @return the request
   */
  public static ExecutionPlanRequest toCore(GetExecutionPlanRequest request) {
    return new ExecutionPlanRequest(
        request.getJobName(),
        request.getOpSelectionList(),
        CommonMapper.assetKeysToCore(request.getAssetSelectionList()),
        JsonMapper.toCoreObject(request.getRunConfig(), "The run config"),
        request.getStepKeysToExecuteList(),
        request.hasPartitionKey() ? request.getPartitionKey() : null,
        dynamicToCore(request.getDynamicPartitionsList()));
  }

  /**
   * Maps a plan result to its response.
   *
   * @param result the result
   * @return the response
   */
  public static GetExecutionPlanResponse toProto(ExecutionPlanResult result) {
    GetExecutionPlanResponse.Builder out = GetExecutionPlanResponse.newBuilder();
    if (result instanceof ExecutionPlanResult.Planned planned) {
      out.setPlan(PlanMapper.toProto(planned.plan()));
    } else if (result instanceof ExecutionPlanResult.InvalidConfig invalid) {
      out.setConfigErrors(
          ConfigErrors.newBuilder().addAllErrors(ConfigMapper.errorsToProto(invalid.errors())));
    } else if (result instanceof ExecutionPlanResult.Failed failed) {
      out.setError(CommonMapper.toProto(failed.error()));
    }
    return out.build();
  }

  /**
   * Maps a plan response to the result.
   *
   * @param response the response
   * @return the result
   */
  public static ExecutionPlanResult toCore(GetExecutionPlanResponse response) {
    return switch (response.getResultCase()) {
      case PLAN -> ExecutionPlanResult.planned(PlanMapper.toCore(response.getPlan()));
      case CONFIG_ERRORS ->
          ExecutionPlanResult.invalidConfig(
              ConfigMapper.errorsToCore(response.getConfigErrors().getErrorsList()));
      case ERROR -> ExecutionPlanResult.failed(CommonMapper.toCore(response.getError()));
      case RESULT_NOT_SET -> throw Protos.unset("GetExecutionPlanResponse", "result");
    };
  }

  /**
   * Maps a validation request to its message.
   *
   * @param request the request
   * @return the message
   */
  public static ValidateRunConfigRequest toProto(RunConfigValidationRequest request) {
    ValidateRunConfigRequest.Builder out =
        ValidateRunConfigRequest.newBuilder()
            .setJobName(request.jobName())
            .addAllOpSelection(request.opSelection())
            .addAllAssetSelection(CommonMapper.assetKeysToProto(request.assetSelection()))
            .setRunConfig(JsonMapper.toProto(request.runConfig()));
    if (request.partitionKey() != null) {
      out.setPartitionKey(request.partitionKey());
    }
    return out.build();
  }

  /**
   * Maps a validation request message to the record.
   *
   * @param request the message
   * @return the request
   */
  public static RunConfigValidationRequest toCore(ValidateRunConfigRequest request) {
    return new RunConfigValidationRequest(
        request.getJobName(),
        request.getOpSelectionList(),
        CommonMapper.assetKeysToCore(request.getAssetSelectionList()),
        JsonMapper.toCoreObject(request.getRunConfig(), "The run config"),
        request.hasPartitionKey() ? request.getPartitionKey() : null);
  }

  /**
   * Maps config errors to a validation response.
   *
   * @param errors the errors; empty when the config is valid
   * @return the response
   */
  public static ValidateRunConfigResponse validationToProto(List<ConfigErrorSnapshot> errors) {
    return ValidateRunConfigResponse.newBuilder()
        .addAllErrors(ConfigMapper.errorsToProto(errors))
        .build();
  }

  /**
   * Maps a partition keys request to its message.
   *
   * @param request the request
   * @return the message
   */
  public static GetPartitionKeysRequest toProto(PartitionKeysRequest request) {
    GetPartitionKeysRequest.Builder out =
        GetPartitionKeysRequest.newBuilder()
            .setCurrentTime(Protos.timestamp(request.currentTime()));
    if (request.jobName() != null) {
      out.setJobName(request.jobName());
    } else {
      out.setAssetKey(CommonMapper.toProto(request.assetKey()));
    }
    request
        .dynamicPartitions()
        .forEach(
            (name, keys) ->
                out.addDynamicPartitions(
                    DynamicPartitionKeys.newBuilder().setName(name).addAllKeys(keys)));
    return out.build();
  }

  /**
   * Maps a partition keys request message to the record.
   *
   * @param request the message
   * @return the request
   */
  public static PartitionKeysRequest toCore(GetPartitionKeysRequest request) {
    Protos.require(request.hasCurrentTime(), "GetPartitionKeysRequest", "current_time");
    Map<String, List<String>> dynamic = new LinkedHashMap<>();
    for (DynamicPartitionKeys keys : request.getDynamicPartitionsList()) {
      dynamic.put(keys.getName(), keys.getKeysList());
    }
    return new PartitionKeysRequest(
        request.hasJobName() ? request.getJobName() : null,
        request.hasAssetKey() ? CommonMapper.toCore(request.getAssetKey()) : null,
        Protos.instant(request.getCurrentTime()),
        dynamic);
  }

  /**
   * Maps a partition run config request to its message.
   *
   * @param request the request
   * @return the message
   */
  public static GetPartitionRunConfigRequest toProto(PartitionRunConfigRequest request) {
    return GetPartitionRunConfigRequest.newBuilder()
        .setJobName(request.jobName())
        .setPartitionKey(request.partitionKey())
        .addAllDynamicPartitions(dynamicToProto(request.dynamicPartitions()))
        .build();
  }

  /**
   * Maps a partition run config request message to the record.
   *
   * @param request the message
   * @return the request
   */
  public static PartitionRunConfigRequest toCore(GetPartitionRunConfigRequest request) {
    return new PartitionRunConfigRequest(
        request.getJobName(),
        request.getPartitionKey(),
        dynamicToCore(request.getDynamicPartitionsList()));
  }

  /**
   * Maps a partition's config (or its error) to the response.
   *
   * @param config the config or error
   * @return the response
   */
  public static GetPartitionRunConfigResponse toProto(PartitionRunConfig config) {
    GetPartitionRunConfigResponse.Builder out =
        GetPartitionRunConfigResponse.newBuilder().setPartitionKey(config.partitionKey());
    if (config instanceof PartitionRunConfig.Resolved resolved) {
      out.setConfig(
          PartitionConfig.newBuilder()
              .setRunConfig(JsonMapper.toProto(resolved.runConfig()))
              .putAllTags(resolved.tags()));
    } else if (config instanceof PartitionRunConfig.Failed failed) {
      out.setError(CommonMapper.toProto(failed.error()));
    }
    return out.build();
  }

  /**
   * Maps a partition run config response to the record.
   *
   * @param response the response
   * @return the config or error
   */
  public static PartitionRunConfig toCore(GetPartitionRunConfigResponse response) {
    return switch (response.getResultCase()) {
      case CONFIG ->
          PartitionRunConfig.of(
              response.getPartitionKey(),
              JsonMapper.toCoreObject(
                  response.getConfig().getRunConfig(), "A partition's run config"),
              response.getConfig().getTagsMap());
      case ERROR ->
          PartitionRunConfig.failed(
              response.getPartitionKey(), CommonMapper.toCore(response.getError()));
      case RESULT_NOT_SET -> throw Protos.unset("GetPartitionRunConfigResponse", "result");
    };
  }

  /**
   * Maps a schedule evaluation request to its message.
   *
   * @param request the request
   * @return the message
   */
  public static EvaluateScheduleRequest toProto(ScheduleEvaluationRequest request) {
    return EvaluateScheduleRequest.newBuilder()
        .setScheduleName(request.scheduleName())
        .setScheduledTime(Protos.timestamp(request.scheduledTime()))
        .build();
  }

  /**
   * Maps a schedule evaluation request message to the record.
   *
   * @param request the message
   * @return the request
   */
  public static ScheduleEvaluationRequest toCore(EvaluateScheduleRequest request) {
    Protos.require(request.hasScheduledTime(), "EvaluateScheduleRequest", "scheduled_time");
    return new ScheduleEvaluationRequest(
        request.getScheduleName(), Protos.instant(request.getScheduledTime()));
  }

  /**
   * Maps a sensor evaluation request to its message.
   *
   * @param request the request
   * @return the message
   */
  public static EvaluateSensorRequest toProto(SensorEvaluationRequest request) {
    EvaluateSensorRequest.Builder out =
        EvaluateSensorRequest.newBuilder().setSensorName(request.sensorName());
    if (request.cursor() != null) {
      out.setCursor(request.cursor());
    }
    if (request.lastTickTime() != null) {
      out.setLastTickTime(Protos.timestamp(request.lastTickTime()));
    }
    if (request.lastRunKey() != null) {
      out.setLastRunKey(request.lastRunKey());
    }
    for (SensorMaterialization m : request.materializations()) {
      io.pipewright.protocol.v1.SensorMaterialization.Builder event =
          io.pipewright.protocol.v1.SensorMaterialization.newBuilder()
              .setEventId(m.eventId())
              .setRunId(m.runId())
              .setTimestamp(Protos.timestamp(m.timestamp()))
              .setAssetKey(CommonMapper.toProto(m.assetKey()));
      if (m.partition() != null) {
        event.setPartition(m.partition());
      }
      out.addMaterializations(event);
    }
    for (SensorRunStatus r : request.runStatusEvents()) {
      io.pipewright.protocol.v1.SensorRunStatus.Builder event =
          io.pipewright.protocol.v1.SensorRunStatus.newBuilder()
              .setEventId(r.eventId())
              .setRunId(r.runId())
              .setJobName(r.jobName())
              .setStatus(InstigatorMapper.runStatusToProto(r.status()))
              .putAllTags(r.tags())
              .setEndTime(Protos.timestamp(r.endTime()));
      if (r.failureMessage() != null) {
        event.setFailureMessage(r.failureMessage());
      }
      out.addRunStatusEvents(event);
    }
    request
        .dynamicPartitions()
        .forEach(
            (name, keys) ->
                out.addDynamicPartitions(
                    DynamicPartitionKeys.newBuilder().setName(name).addAllKeys(keys)));
    return out.build();
  }

  /**
   * Maps a sensor evaluation request message to the record.
   *
   * @param request the message
   * @return the request
   */
  public static SensorEvaluationRequest toCore(EvaluateSensorRequest request) {
    List<SensorMaterialization> materializations = new ArrayList<>();
    for (io.pipewright.protocol.v1.SensorMaterialization m : request.getMaterializationsList()) {
      Protos.require(m.hasTimestamp(), "SensorMaterialization", "timestamp");
      materializations.add(
          new SensorMaterialization(
              m.getEventId(),
              m.getRunId(),
              Protos.instant(m.getTimestamp()),
              CommonMapper.toCore(m.getAssetKey()),
              m.hasPartition() ? m.getPartition() : null));
    }
    List<SensorRunStatus> runStatuses = new ArrayList<>();
    for (io.pipewright.protocol.v1.SensorRunStatus r : request.getRunStatusEventsList()) {
      Protos.require(r.hasEndTime(), "SensorRunStatus", "end_time");
      runStatuses.add(
          new SensorRunStatus(
              r.getEventId(),
              r.getRunId(),
              r.getJobName(),
              InstigatorMapper.runStatusToCore(r.getStatus()),
              r.getTagsMap(),
              Protos.instant(r.getEndTime()),
              r.hasFailureMessage() ? r.getFailureMessage() : null));
    }
    Map<String, List<String>> dynamic = new LinkedHashMap<>();
    for (DynamicPartitionKeys keys : request.getDynamicPartitionsList()) {
      dynamic.put(keys.getName(), keys.getKeysList());
    }
    return new SensorEvaluationRequest(
        request.getSensorName(),
        request.hasCursor() ? request.getCursor() : null,
        request.hasLastTickTime() ? Protos.instant(request.getLastTickTime()) : null,
        request.hasLastRunKey() ? request.getLastRunKey() : null,
        materializations,
        runStatuses,
        dynamic);
  }
}
