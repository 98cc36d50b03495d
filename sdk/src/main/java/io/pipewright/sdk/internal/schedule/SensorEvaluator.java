package io.pipewright.sdk.internal.schedule;

import io.pipewright.sdk.event.ErrorInfo;
import io.pipewright.sdk.schedule.AnySensorDefinition;
import io.pipewright.sdk.schedule.AssetSensorDefinition;
import io.pipewright.sdk.schedule.DynamicPartitionsRequest;
import io.pipewright.sdk.schedule.MaterializationEvent;
import io.pipewright.sdk.schedule.MultiAssetSensorContext;
import io.pipewright.sdk.schedule.MultiAssetSensorDefinition;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.RunStatusEvent;
import io.pipewright.sdk.schedule.RunStatusSensorContext;
import io.pipewright.sdk.schedule.RunStatusSensorDefinition;
import io.pipewright.sdk.schedule.SensorContext;
import io.pipewright.sdk.schedule.SensorDefinition;
import io.pipewright.sdk.schedule.SensorEvaluation;
import io.pipewright.sdk.schedule.SensorResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates a sensor for one tick, as the code location server does when the daemon asks: pure
 * functions of the sensor, the tick's state and the events since the cursor. User errors never
 * escape: an exception, a null result, a cursor where the sensor manages its own, or a run request
 * without a target come back as a failed {@link SensorEvaluation}, and the cursor stays.
 */
public final class SensorEvaluator {
  private SensorEvaluator() {}

  /**
   * Returns whether a sensor is due: it never ticked, or its minimum interval has passed since its
   * last tick started.
   *
   * @param lastTickTime when the last tick started, or null if it never ticked
   * @param now the current time
   * @param minimumInterval the sensor's minimum interval
   * @return whether to evaluate it now
   */
  public static boolean isDue(Instant lastTickTime, Instant now, Duration minimumInterval) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(minimumInterval, "minimumInterval");
    return lastTickTime == null || !now.isBefore(lastTickTime.plus(minimumInterval));
  }

  /**
   * Evaluates any kind of sensor, giving each the events it needs.
   *
   * @param sensor the sensor
   * @param tick the stored state and clock
   * @param materializations for asset and multi-asset sensors: the materializations of their assets
   *     after the cursor (others are ignored)
   * @param runStatusEvents for run-status sensors: the run-status events after the cursor
   * @return the evaluation
   */
  public static SensorEvaluation evaluate(
      AnySensorDefinition sensor,
      SensorTick tick,
      List<MaterializationEvent> materializations,
      List<RunStatusEvent> runStatusEvents) {
    if (sensor instanceof SensorDefinition standard) {
      return evaluate(standard, tick);
    }
    if (sensor instanceof AssetSensorDefinition asset) {
      return evaluate(asset, tick, materializations);
    }
    if (sensor instanceof MultiAssetSensorDefinition multi) {
      return evaluate(multi, tick, materializations);
    }
    return evaluate((RunStatusSensorDefinition) sensor, tick, runStatusEvents);
  }

  /**
   * Evaluates a standard sensor.
   *
   * @param sensor the sensor
   * @param tick the stored state and clock
   * @return the evaluation; the cursor is the new one if the function set one, else the old one
   */
  public static SensorEvaluation evaluate(SensorDefinition sensor, SensorTick tick) {
    SensorResult result;
    try {
      result = sensor.evaluation().evaluate(tick.context(sensor.name()));
    } catch (Throwable t) {
      return SensorEvaluation.failed(UserCode.capture(t), tick.cursor());
    }
    String problem = problem(sensor, result, true);
    if (problem != null) {
      return SensorEvaluation.failed(UserCode.invalid(problem), tick.cursor());
    }
    return SensorEvaluation.completed(
        result.runRequests(),
        result.skipReason().orElse(null),
        result.cursor().orElse(tick.cursor()),
        result.dynamicPartitionsRequests());
  }

  /**
   * Evaluates an asset sensor: calls its function once per new materialization of its asset, oldest
   * first, and advances the cursor to the newest.
   *
   * @param sensor the sensor
   * @param tick the stored state and clock
   * @param materializations materializations after the cursor; other assets' and older ones are
   *     ignored
   * @return the evaluation
   */
  public static SensorEvaluation evaluate(
      AssetSensorDefinition sensor, SensorTick tick, List<MaterializationEvent> materializations) {
    long after = eventId(tick.cursor(), -1L); // an unreadable cursor is no cursor, as in Dagster
    List<MaterializationEvent> fresh = new ArrayList<>();
    for (MaterializationEvent event : materializations) {
      if (event.assetKey().equals(sensor.monitoredAsset()) && event.eventId() > after) {
        fresh.add(event);
      }
    }
    if (fresh.isEmpty()) {
      return SensorEvaluation.completed(
          List.of(),
          "No new materialization events found for asset key " + sensor.monitoredAsset(),
          tick.cursor(),
          List.of());
    }
    fresh.sort(Comparator.comparingLong(MaterializationEvent::eventId));
    SensorContext base = tick.context(sensor.name());
    Batch batch = new Batch();
    String cursor = tick.cursor();
    for (MaterializationEvent event : fresh) {
      SensorContext context =
          Objects.equals(cursor, base.cursor().orElse(null))
              ? base
              : base.toBuilder().cursor(cursor).build();
      SensorResult result;
      try {
        result = sensor.evaluation().evaluate(context, event);
      } catch (Throwable t) {
        return SensorEvaluation.failed(UserCode.capture(t), tick.cursor());
      }
      String problem = problem(sensor, result, false);
      if (problem != null) {
        return SensorEvaluation.failed(UserCode.invalid(problem), tick.cursor());
      }
      batch.add(result);
      cursor = Long.toString(event.eventId());
    }
    return batch.complete(cursor);
  }

  /**
   * Evaluates a multi-asset sensor: calls its function once with the unconsumed materializations,
   * and stores the cursors it advanced.
   *
   * @param sensor the sensor
   * @param tick the stored state and clock; the cursor is the JSON object of consumed event ids
   * @param materializations materializations of the monitored assets after their cursors; others
   *     are ignored
   * @return the evaluation
   */
  public static SensorEvaluation evaluate(
      MultiAssetSensorDefinition sensor,
      SensorTick tick,
      List<MaterializationEvent> materializations) {
    MultiAssetSensorContext context;
    try {
      context =
          MultiAssetSensorContext.of(
              tick.context(sensor.name()), sensor.monitoredAssets(), materializations);
    } catch (IllegalArgumentException e) {
      return SensorEvaluation.failed(
          ErrorInfo.of(IllegalArgumentException.class.getName(), e.getMessage()), tick.cursor());
    }
    SensorResult result;
    try {
      result = sensor.evaluation().evaluate(context);
    } catch (Throwable t) {
      return SensorEvaluation.failed(UserCode.capture(t), tick.cursor());
    }
    String problem = problem(sensor, result, false);
    if (problem != null) {
      return SensorEvaluation.failed(UserCode.invalid(problem), tick.cursor());
    }
    return SensorEvaluation.completed(
        result.runRequests(),
        result.skipReason().orElse(null),
        context.updatedCursor().orElse(null),
        result.dynamicPartitionsRequests());
  }

  /**
   * Evaluates a run-status sensor: calls its function once per new event of a monitored run with
   * the monitored status, oldest first, and advances the cursor past every event given. Without a
   * cursor it only initializes the cursor at the newest event and skips.
   *
   * @param sensor the sensor
   * @param tick the stored state and clock
   * @param runStatusEvents run-status events after the cursor (older ones are ignored)
   * @return the evaluation
   */
  public static SensorEvaluation evaluate(
      RunStatusSensorDefinition sensor, SensorTick tick, List<RunStatusEvent> runStatusEvents) {
    if (tick.cursor() == null) {
      long newest = -1;
      for (RunStatusEvent event : runStatusEvents) {
        newest = Math.max(newest, event.eventId());
      }
      return SensorEvaluation.completed(
          List.of(),
          "Initialized the cursor of run-status sensor '"
              + sensor.name()
              + "' at event "
              + newest
              + "; runs that end after it are processed from the next tick",
          Long.toString(newest),
          List.of());
    }
    long after = eventId(tick.cursor(), Long.MIN_VALUE);
    if (after == Long.MIN_VALUE) {
      return SensorEvaluation.failed(
          UserCode.invalid(
              "The cursor of run-status sensor '"
                  + sensor.name()
                  + "' must be the id of the last event processed, got '"
                  + tick.cursor()
                  + "'. Reset the sensor's cursor to fix it"),
          tick.cursor());
    }
    List<RunStatusEvent> fresh = new ArrayList<>();
    for (RunStatusEvent event : runStatusEvents) {
      if (event.eventId() > after) {
        fresh.add(event);
      }
    }
    fresh.sort(Comparator.comparingLong(RunStatusEvent::eventId));
    SensorContext base = tick.context(sensor.name());
    Batch batch = new Batch();
    long cursor = after;
    int matched = 0;
    for (RunStatusEvent event : fresh) {
      if (sensor.monitors(event.run())) {
        matched++;
        SensorContext sensorContext = base.toBuilder().cursor(Long.toString(cursor)).build();
        SensorResult result;
        try {
          result =
              sensor
                  .evaluation()
                  .evaluate(
                      new RunStatusSensorContext(sensorContext, event.eventId(), event.run()));
        } catch (Throwable t) {
          return SensorEvaluation.failed(UserCode.capture(t), tick.cursor());
        }
        String problem = problem(sensor, result, false);
        if (problem != null) {
          return SensorEvaluation.failed(UserCode.invalid(problem), tick.cursor());
        }
        batch.add(result);
      }
      cursor = event.eventId();
    }
    if (matched == 0) {
      return SensorEvaluation.completed(
          List.of(),
          "No new runs of "
              + (sensor.monitoredJobs().isEmpty()
                  ? "any job"
                  : "jobs " + String.join(", ", sensor.monitoredJobs()))
              + " ended with status "
              + sensor.runStatus(),
          Long.toString(cursor),
          List.of());
    }
    return batch.complete(Long.toString(cursor));
  }

  /** Parses an event id cursor; returns {@code otherwise} when absent or unreadable. */
  private static long eventId(String cursor, long otherwise) {
    if (cursor == null) {
      return otherwise;
    }
    try {
      return Long.parseLong(cursor.strip());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** Returns what is wrong with a result, or null. */
  private static String problem(
      AnySensorDefinition sensor, SensorResult result, boolean cursorAllowed) {
    if (result == null) {
      return "The evaluation function of sensor '"
          + sensor.name()
          + "' returned null; return SensorResult.runs(...) or SensorResult.skip(reason)";
    }
    if (!cursorAllowed && result.cursor().isPresent()) {
      return "Sensor '"
          + sensor.name()
          + "' returned a cursor, but "
          + switch (sensor.sensorType()) {
            case ASSET -> "an asset sensor";
            case MULTI_ASSET -> "a multi-asset sensor";
            default -> "a run-status sensor";
          }
          + " manages its cursor itself"
          + (sensor instanceof MultiAssetSensorDefinition
              ? "; advance it with context.advanceCursor(...) instead"
              : "; remove withCursor(...)");
    }
    if (sensor.jobName().isEmpty() && sensor.assetSelection().isEmpty()) {
      for (RunRequest request : result.runRequests()) {
        if (request.jobName() == null && request.assetSelection() == null) {
          return "Sensor '"
              + sensor.name()
              + "' has no target, and a run request names neither a job nor assets; give the"
              + " sensor a target with job(name) or assets(selection), or name the job in"
              + " RunRequest.builder().job(name)";
        }
      }
    }
    return null;
  }

  /** Collects the results of the calls of one tick. */
  private static final class Batch {
    private final List<RunRequest> runs = new ArrayList<>();
    private final List<DynamicPartitionsRequest> partitions = new ArrayList<>();
    private final Set<String> skipReasons = new LinkedHashSet<>();

    void add(SensorResult result) {
      runs.addAll(result.runRequests());
      partitions.addAll(result.dynamicPartitionsRequests());
      result.skipReason().ifPresent(skipReasons::add);
    }

    SensorEvaluation complete(String cursor) {
      String skip =
          runs.isEmpty() && !skipReasons.isEmpty() ? String.join("; ", skipReasons) : null;
      return SensorEvaluation.completed(runs, skip, cursor, partitions);
    }
  }
}
