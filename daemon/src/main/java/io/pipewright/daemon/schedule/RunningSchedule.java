package io.pipewright.daemon.schedule;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.schedule.RunTags;
import io.pipewright.core.snapshot.CodeLocationSnapshot;
import io.pipewright.core.snapshot.RunRequestSnapshot;
import io.pipewright.core.snapshot.ScheduleSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running schedule of a loaded code location, as a scheduler pass ticks it.
 *
 * @param location the code location's name
 * @param snapshot the location's snapshot (the job and plan snapshots of its runs)
 * @param schedule the schedule
 */
record RunningSchedule(String location, CodeLocationSnapshot snapshot, ScheduleSnapshot schedule) {

  InstigatorSelector selector() {
    return InstigatorSelector.of(location, schedule.name());
  }

  /** The run one request of a tick creates: its job, config, tags and partition. */
  RunSpec runSpec(long tickId, Instant scheduledTime, String runId, RunRequestSnapshot request) {
    return new RunSpec(
        runId,
        location,
        Scheduler.jobOf(request, schedule.target()),
        request.runConfig(),
        tags(schedule, tickId, scheduledTime, request),
        request.assetSelection(),
        request.partitionKey(),
        null);
  }

  /**
   * The tags of a schedule's run: the schedule's, the request's, then the system tags.
   *
   * @param schedule the schedule
   * @param tickId the tick
   * @param scheduledTime the scheduled time
   * @param request the request
   * @return the tags
   */
  static Map<String, String> tags(
      ScheduleSnapshot schedule, long tickId, Instant scheduledTime, RunRequestSnapshot request) {
    Map<String, String> tags = new LinkedHashMap<>(schedule.tags());
    tags.putAll(request.tags());
    tags.put(RunTags.SCHEDULE_NAME, schedule.name());
    tags.put(RunTags.TICK, Long.toString(tickId));
    tags.put(RunTags.SCHEDULED_EXECUTION_TIME, scheduledTime.toString());
    if (request.runKey() != null) {
      tags.put(RunTags.RUN_KEY, request.runKey());
    }
    if (request.partitionKey() != null) {
      tags.put(RunTags.PARTITION, request.partitionKey());
    }
    return tags;
  }
}
