package io.pipewright.codelocation.service;

import io.pipewright.codelocation.snapshot.ConfigSnapshots;
import io.pipewright.codelocation.snapshot.ErrorSnapshots;
import io.pipewright.core.codelocation.ScheduleEvaluationRequest;
import io.pipewright.core.codelocation.SensorEvaluationRequest;
import io.pipewright.core.codelocation.SensorMaterialization;
import io.pipewright.core.codelocation.SensorRunStatus;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.DynamicPartitionsRequestSnapshot;
import io.pipewright.core.snapshot.ErrorSnapshot;
import io.pipewright.core.snapshot.InstigatorEvaluation;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.sdk.AssetKey;
import io.pipewright.sdk.Definitions;
import io.pipewright.sdk.internal.schedule.ScheduleEvaluator;
import io.pipewright.sdk.internal.schedule.SensorEvaluator;
import io.pipewright.sdk.internal.schedule.SensorTick;
import io.pipewright.sdk.partition.DynamicPartitionsStore;
import io.pipewright.sdk.partition.InMemoryDynamicPartitionsStore;
import io.pipewright.sdk.schedule.AnySensorDefinition;
import io.pipewright.sdk.schedule.DynamicPartitionsRequest;
import io.pipewright.sdk.schedule.MaterializationEvent;
import io.pipewright.sdk.schedule.RunInfo;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.RunStatusEvent;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import io.pipewright.sdk.schedule.ScheduleEvaluation;
import io.pipewright.sdk.schedule.SensorEvaluation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one tick of a schedule or sensor with the sdk's evaluators. What the user's code throws
 * or returns wrong comes back as a failed {@link InstigatorEvaluation}, never as an exception.
 *
 * <p>The events asset, multi-asset and run-status sensors react to come in the request (the host
 * reads them from its event log), and so do the keys of dynamic partitions when the host sends
 * them. Not yet supported: resources for the evaluation context (their config has no source outside
 * a run); a function that asks for a resource gets an error naming the missing resource.
 */
public final class InstigatorService {

  private final LoadedDefinitions loaded;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param loaded the location's definitions, or their load errors
   * @param clock the clock behind a sensor context's {@code now()}
   */
  public InstigatorService(LoadedDefinitions loaded, Clock clock) {
    this.loaded = loaded;
    this.clock = clock;
  }

  /**
   * Evaluates one tick of a schedule.
   *
   * @param request the schedule and the tick's time
   * @return the runs requested, the skip, or the user's error
   * @throws RequestRejectedException for an unknown schedule, or definitions that failed to load
   */
  public InstigatorEvaluation evaluateSchedule(ScheduleEvaluationRequest request) {
    Definitions definitions = loaded.require();
    ScheduleDefinition schedule = schedule(definitions, request.scheduleName());
    ScheduleEvaluation evaluation =
        ScheduleEvaluator.evaluate(
            schedule, request.scheduledTime(), Map.of(), definitions.dynamicPartitions());
    if (evaluation.isFailure()) {
      return InstigatorEvaluation.failed(ErrorSnapshots.of(evaluation.error().orElseThrow()));
    }
    if (evaluation.skipReason().isPresent()) {
      return InstigatorEvaluation.skipped(evaluation.skipReason().get());
    }
    try {
      return InstigatorEvaluation.runs(runRequests(definitions, evaluation.runRequests()));
    } catch (IllegalArgumentException e) {
      return InstigatorEvaluation.failed(invalidResult("Schedule", schedule.name(), e));
    }
  }

  /**
   * Evaluates one tick of a sensor.
   *
   * @param request the sensor and what earlier ticks left
   * @return the runs requested or the skip, with the new cursor and dynamic partition requests; or
   *     the user's error, with the cursor unchanged
   * @throws RequestRejectedException for an unknown sensor, or definitions that failed to load
   */
  public InstigatorEvaluation evaluateSensor(SensorEvaluationRequest request) {
    Definitions definitions = loaded.require();
    AnySensorDefinition sensor = sensor(definitions, request.sensorName());
    SensorTick tick =
        new SensorTick(
            request.cursor(),
            request.lastTickTime(),
            request.lastRunKey(),
            clock,
            Map.of(),
            dynamicPartitions(definitions, request.dynamicPartitions()));
    SensorEvaluation evaluation =
        SensorEvaluator.evaluate(sensor, tick, materializations(request), runStatusEvents(request));
    if (evaluation.isFailure()) {
      return InstigatorEvaluation.failed(ErrorSnapshots.of(evaluation.error().orElseThrow()));
    }
    try {
      List<RunRequestSnapshot> runs = runRequests(definitions, evaluation.runRequests());
      InstigatorEvaluation result =
          runs.isEmpty()
              ? InstigatorEvaluation.skipped(evaluation.skipReason().orElse(null))
              : InstigatorEvaluation.runs(runs);
      return result
          .withCursor(evaluation.cursor().orElse(null))
          .withDynamicPartitionRequests(dynamicPartitions(evaluation.dynamicPartitionsRequests()));
    } catch (IllegalArgumentException e) {
      return InstigatorEvaluation.failed(invalidResult("Sensor", sensor.name(), e));
    }
  }

  private static List<MaterializationEvent> materializations(SensorEvaluationRequest request) {
    List<MaterializationEvent> out = new ArrayList<>(request.materializations().size());
    for (SensorMaterialization m : request.materializations()) {
      out.add(
          new MaterializationEvent(
              m.eventId(),
              m.runId(),
              m.timestamp(),
              new AssetKey(m.assetKey().path()),
              m.partition(),
              null));
    }
    return out;
  }

  private static List<RunStatusEvent> runStatusEvents(SensorEvaluationRequest request) {
    List<RunStatusEvent> out = new ArrayList<>(request.runStatusEvents().size());
    for (SensorRunStatus r : request.runStatusEvents()) {
      out.add(
          new RunStatusEvent(
              r.eventId(),
              new RunInfo(
                  r.runId(),
                  r.jobName(),
                  r.status().name(),
                  r.tags(),
                  r.endTime(),
                  r.failureMessage())));
    }
    return out;
  }

  /**
   * The dynamic partitions a tick sees: the host's keys when it sent them (it stores them), else
   * the definitions' own store.
   */
  static DynamicPartitionsStore dynamicPartitions(
      Definitions definitions, Map<String, List<String>> sent) {
    if (sent.isEmpty()) {
      return definitions.dynamicPartitions();
    }
    InMemoryDynamicPartitionsStore store = new InMemoryDynamicPartitionsStore();
    sent.forEach(store::add);
    return store;
  }

  private static ScheduleDefinition schedule(Definitions definitions, String name) {
    for (ScheduleDefinition schedule : definitions.schedules()) {
      if (schedule.name().equals(name)) {
        return schedule;
      }
    }
    List<String> names = new ArrayList<>();
    definitions.schedules().forEach(s -> names.add(s.name()));
    throw RequestRejectedException.notFound("schedule", name, names);
  }

  private static AnySensorDefinition sensor(Definitions definitions, String name) {
    for (AnySensorDefinition sensor : definitions.sensors()) {
      if (sensor.name().equals(name)) {
        return sensor;
      }
    }
    List<String> names = new ArrayList<>();
    definitions.sensors().forEach(s -> names.add(s.name()));
    throw RequestRejectedException.notFound("sensor", name, names);
  }

  /**
   * Translates run requests; an asset selection that names unknown assets, or a run config that is
   * not JSON, fails with an {@link IllegalArgumentException} naming the request.
   */
  private static List<RunRequestSnapshot> runRequests(
      Definitions definitions, List<RunRequest> requests) {
    List<RunRequestSnapshot> out = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      RunRequest request = requests.get(i);
      String where =
          "run request "
              + (i + 1)
              + (request.runKey() == null ? "" : " (run key '" + request.runKey() + "')");
      List<AssetKeySnapshot> assets = new ArrayList<>();
      if (request.assetSelection() != null) {
        for (AssetKey key : request.assetSelection().resolve(definitions.assetGraph())) {
          assets.add(new AssetKeySnapshot(key.path()));
        }
      }
      out.add(
          new RunRequestSnapshot(
              request.runKey(),
              request.jobName(),
              assets,
              ConfigSnapshots.runConfig(request.runConfig(), "the run config of " + where),
              request.tags(),
              request.partitionKey()));
    }
    return out;
  }

  private static List<DynamicPartitionsRequestSnapshot> dynamicPartitions(
      List<DynamicPartitionsRequest> requests) {
    List<DynamicPartitionsRequestSnapshot> out = new ArrayList<>(requests.size());
    for (DynamicPartitionsRequest request : requests) {
      if (request.keys().isEmpty()) {
        continue; // Nothing to add or delete; the snapshot needs at least one key.
      }
      out.add(
          new DynamicPartitionsRequestSnapshot(
              request.definitionName(),
              DynamicPartitionsRequestSnapshot.Action.valueOf(request.action().name()),
              request.keys()));
    }
    return out;
  }

  private static ErrorSnapshot invalidResult(String kind, String name, IllegalArgumentException e) {
    return ErrorSnapshot.of(
        IllegalStateException.class.getName(),
        IllegalStateException.class.getName()
            + ": "
            + kind
            + " '"
            + name
            + "' returned a result the code location cannot send: "
            + e.getMessage());
  }
}
