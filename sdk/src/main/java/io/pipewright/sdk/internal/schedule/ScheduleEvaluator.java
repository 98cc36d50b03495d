package io.pipewright.sdk.internal.schedule;

import io.pipewright.sdk.partition.DynamicPartitionsStore;
import io.pipewright.sdk.partition.InMemoryDynamicPartitionsStore;
import io.pipewright.sdk.schedule.RunRequest;
import io.pipewright.sdk.schedule.ScheduleContext;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import io.pipewright.sdk.schedule.ScheduleEvaluation;
import io.pipewright.sdk.schedule.ScheduleResult;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates a schedule for one tick, as the code location server does when the daemon asks. User
 * errors never escape: an exception from the function, a null result, or a run request without a
 * target come back as a failed {@link ScheduleEvaluation}.
 */
public final class ScheduleEvaluator {
  private ScheduleEvaluator() {}

  /**
   * Evaluates a tick.
   *
   * @param schedule the schedule
   * @param scheduledTime the tick's cron time
   * @param resources the resources the function may use
   * @param dynamicPartitions where dynamic partitions' keys are kept, or null for an empty store
   * @return the evaluation
   */
  public static ScheduleEvaluation evaluate(
      ScheduleDefinition schedule,
      Instant scheduledTime,
      Map<String, ?> resources,
      DynamicPartitionsStore dynamicPartitions) {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(scheduledTime, "scheduledTime");
    ScheduleResult result;
    try {
      ScheduleContext context =
          ScheduleContext.builder(scheduledTime)
              .scheduleName(schedule.name())
              .zone(schedule.timezone())
              .resources(resources == null ? Map.of() : resources)
              .dynamicPartitions(
                  dynamicPartitions == null
                      ? new InMemoryDynamicPartitionsStore()
                      : dynamicPartitions)
              .build();
      result = schedule.evaluation().evaluate(context);
    } catch (Throwable t) {
      return ScheduleEvaluation.failed(scheduledTime, UserCode.capture(t));
    }
    if (result == null) {
      return ScheduleEvaluation.failed(
          scheduledTime,
          UserCode.invalid(
              "The evaluation function of schedule '"
                  + schedule.name()
                  + "' returned null; return ScheduleResult.runs(...) or"
                  + " ScheduleResult.skip(reason)"));
    }
    if (result instanceof ScheduleResult.Skip skip) {
      return ScheduleEvaluation.skipped(scheduledTime, skip.reason());
    }
    ScheduleResult.Runs runs = (ScheduleResult.Runs) result;
    boolean hasTarget = schedule.jobName().isPresent() || schedule.assetSelection().isPresent();
    if (!hasTarget) {
      for (RunRequest request : runs.runRequests()) {
        if (request.jobName() == null && request.assetSelection() == null) {
          return ScheduleEvaluation.failed(
              scheduledTime,
              UserCode.invalid(
                  "Schedule '"
                      + schedule.name()
                      + "' has no target, and a run request names neither a job nor assets;"
                      + " give the schedule a target with job(name) or assets(selection)"));
        }
      }
    }
    return ScheduleEvaluation.requested(scheduledTime, runs.runRequests());
  }
}
