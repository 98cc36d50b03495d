package io.pipewright.protocol.mapping;

import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.DefaultStatus;
import io.pipewright.core.snapshot.DynamicPartitionsRequestSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import io.pipewright.core.snapshot.SensorSnapshot;
import io.pipewright.core.snapshot.TargetSnapshot;
import io.pipewright.protocol.v1.DefaultInstigatorStatus;
import io.pipewright.protocol.v1.DynamicPartitionsRequest;
import io.pipewright.protocol.v1.RunRequest;
import io.pipewright.protocol.v1.Schedule;
import io.pipewright.protocol.v1.Sensor;
import io.pipewright.protocol.v1.Target;
import io.pipewright.protocol.v1.TickResult;
import java.util.ArrayList;
import java.util.List;

/** Maps schedules, sensors, their targets, and what their ticks produce. */
public final class InstigatorMapper {

  private static final EnumBridge<DefaultStatus, DefaultInstigatorStatus> STATUS =
      EnumBridge.of(
          DefaultStatus.class,
          DefaultInstigatorStatus.values(),
          "DEFAULT_INSTIGATOR_STATUS_",
          "default instigator status");
  private static final EnumBridge<SensorSnapshot.Kind, Sensor.Kind> SENSOR_KIND =
      EnumBridge.of(SensorSnapshot.Kind.class, Sensor.Kind.values(), "KIND_", "sensor kind");
  private static final EnumBridge<RunStatus, Sensor.RunStatus> RUN_STATUS =
      EnumBridge.of(RunStatus.class, Sensor.RunStatus.values(), "RUN_STATUS_", "run status");
  private static final EnumBridge<
          DynamicPartitionsRequestSnapshot.Action, DynamicPartitionsRequest.Action>
      ACTION =
          EnumBridge.of(
              DynamicPartitionsRequestSnapshot.Action.class,
              DynamicPartitionsRequest.Action.values(),
              "ACTION_",
              "dynamic partitions action");

  private InstigatorMapper() {}

  /**
   * Maps a run status to its message enum (the status a run-status sensor reacts to).
   *
   * @param status the status
   * @return the enum value
   */
  public static Sensor.RunStatus runStatusToProto(RunStatus status) {
    return RUN_STATUS.toProto(status);
  }

  /**
   * Maps a run status from its message enum.
   *
   * @param status the status
   * @return the core status
   */
  public static RunStatus runStatusToCore(Sensor.RunStatus status) {
    return RUN_STATUS.toCore(status);
  }

  /**
   * Maps a schedule to its message.
   *
   * @param schedule the schedule
   * @return the message
   */
  public static Schedule toProto(ScheduleSnapshot schedule) {
    Schedule.Builder out =
        Schedule.newBuilder()
            .setName(schedule.name())
            .setCronSchedule(schedule.cronSchedule())
            .setTimezone(schedule.timezone())
            .setTarget(toProto(schedule.target()))
            .setDefaultStatus(STATUS.toProto(schedule.defaultStatus()))
            .putAllTags(schedule.tags());
    if (schedule.description() != null) {
      out.setDescription(schedule.description());
    }
    return out.build();
  }

  /**
   * Maps a schedule message to the record.
   *
   * @param schedule the message
   * @return the schedule
   */
  public static ScheduleSnapshot toCore(Schedule schedule) {
    Protos.require(schedule.hasTarget(), "Schedule '" + schedule.getName() + "'", "target");
    return new ScheduleSnapshot(
        schedule.getName(),
        schedule.getCronSchedule(),
        schedule.getTimezone(),
        toCore(schedule.getTarget()),
        STATUS.toCore(schedule.getDefaultStatus()),
        schedule.hasDescription() ? schedule.getDescription() : null,
        schedule.getTagsMap());
  }

  /**
   * Maps a sensor to its message.
   *
   * @param sensor the sensor
   * @return the message
   */
  public static Sensor toProto(SensorSnapshot sensor) {
    Sensor.Builder out =
        Sensor.newBuilder()
            .setName(sensor.name())
            .setKind(SENSOR_KIND.toProto(sensor.kind()))
            .setMinimumInterval(Protos.duration(sensor.minimumInterval()))
            .setDefaultStatus(STATUS.toProto(sensor.defaultStatus()))
            .addAllMonitoredAssets(CommonMapper.assetKeysToProto(sensor.monitoredAssets()))
            .addAllMonitoredJobs(sensor.monitoredJobs())
            .setMonitoredRunStatus(
                RUN_STATUS.toProtoOrUnset(
                    sensor.monitoredRunStatus(), Sensor.RunStatus.RUN_STATUS_UNSPECIFIED));
    if (sensor.description() != null) {
      out.setDescription(sensor.description());
    }
    for (TargetSnapshot target : sensor.targets()) {
      out.addTargets(toProto(target));
    }
    return out.build();
  }

  /**
   * Maps a sensor message to the record.
   *
   * @param sensor the message
   * @return the sensor
   */
  public static SensorSnapshot toCore(Sensor sensor) {
    Protos.require(
        sensor.hasMinimumInterval(), "Sensor '" + sensor.getName() + "'", "minimum_interval");
    List<TargetSnapshot> targets = new ArrayList<>(sensor.getTargetsCount());
    for (Target target : sensor.getTargetsList()) {
      targets.add(toCore(target));
    }
    return new SensorSnapshot(
        sensor.getName(),
        SENSOR_KIND.toCore(sensor.getKind()),
        Protos.duration(sensor.getMinimumInterval()),
        STATUS.toCore(sensor.getDefaultStatus()),
        sensor.hasDescription() ? sensor.getDescription() : null,
        targets,
        CommonMapper.assetKeysToCore(sensor.getMonitoredAssetsList()),
        sensor.getMonitoredJobsList(),
        RUN_STATUS.toCoreOrNull(sensor.getMonitoredRunStatus()));
  }

  private static Target toProto(TargetSnapshot target) {
    Target.Builder out = Target.newBuilder();
    if (target instanceof TargetSnapshot.Job job) {
      out.setJobName(job.jobName());
    } else if (target instanceof TargetSnapshot.AssetSelection selection) {
      out.setAssetSelection(selection.expression());
    }
    return out.build();
  }

  private static TargetSnapshot toCore(Target target) {
    return switch (target.getKindCase()) {
      case JOB_NAME -> new TargetSnapshot.Job(target.getJobName());
      case ASSET_SELECTION -> new TargetSnapshot.AssetSelection(target.getAssetSelection());
      case KIND_NOT_SET -> throw Protos.unset("Target", "kind");
    };
  }

  /**
   * Maps the outcome of a tick to its message.
   *
   * @param evaluation the outcome
   * @return the message
   */
  public static TickResult toProto(InstigatorEvaluation evaluation) {
    TickResult.Builder out = TickResult.newBuilder();
    for (RunRequestSnapshot request : evaluation.runRequests()) {
      out.addRunRequests(toProto(request));
    }
    if (evaluation.skipReason() != null) {
      out.setSkipReason(evaluation.skipReason());
    }
    if (evaluation.cursor() != null) {
      out.setCursor(evaluation.cursor());
    }
    for (DynamicPartitionsRequestSnapshot request : evaluation.dynamicPartitionRequests()) {
      out.addDynamicPartitionRequests(
          DynamicPartitionsRequest.newBuilder()
              .setPartitionsName(request.partitionsName())
              .setAction(ACTION.toProto(request.action()))
              .addAllKeys(request.keys()));
    }
    if (evaluation.error() != null) {
      out.setError(CommonMapper.toProto(evaluation.error()));
    }
    return out.build();
  }

  /**
   * Maps a tick result message to the record.
   *
   * @param result the message
   * @return the outcome
   */
  public static InstigatorEvaluation toCore(TickResult result) {
    List<RunRequestSnapshot> requests = new ArrayList<>(result.getRunRequestsCount());
    for (RunRequest request : result.getRunRequestsList()) {
      requests.add(toCore(request));
    }
    List<DynamicPartitionsRequestSnapshot> dynamic =
        new ArrayList<>(result.getDynamicPartitionRequestsCount());
    for (DynamicPartitionsRequest request : result.getDynamicPartitionRequestsList()) {
      dynamic.add(
          new DynamicPartitionsRequestSnapshot(
              request.getPartitionsName(),
              ACTION.toCore(request.getAction()),
              request.getKeysList()));
    }
    return new InstigatorEvaluation(
        requests,
        result.hasSkipReason() ? result.getSkipReason() : null,
        result.hasCursor() ? result.getCursor() : null,
        dynamic,
        result.hasError() ? CommonMapper.toCore(result.getError()) : null);
  }

  private static RunRequest toProto(RunRequestSnapshot request) {
    RunRequest.Builder out =
        RunRequest.newBuilder()
            .addAllAssetSelection(CommonMapper.assetKeysToProto(request.assetSelection()))
            .setRunConfig(JsonMapper.toProto(request.runConfig()))
            .putAllTags(request.tags());
    if (request.runKey() != null) {
      out.setRunKey(request.runKey());
    }
    if (request.jobName() != null) {
      out.setJobName(request.jobName());
    }
    if (request.partitionKey() != null) {
      out.setPartitionKey(request.partitionKey());
    }
    return out.build();
  }

  private static RunRequestSnapshot toCore(RunRequest request) {
    return new RunRequestSnapshot(
        request.hasRunKey() ? request.getRunKey() : null,
        request.hasJobName() ? request.getJobName() : null,
        CommonMapper.assetKeysToCore(request.getAssetSelectionList()),
        JsonMapper.toCoreObject(request.getRunConfig(), "A run request's run config"),
        request.getTagsMap(),
        request.hasPartitionKey() ? request.getPartitionKey() : null);
  }
}
