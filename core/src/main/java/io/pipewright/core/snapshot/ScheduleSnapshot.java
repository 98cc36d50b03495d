package io.pipewright.core.snapshot;

import io.pipewright.core.internal.Checks;
import java.util.Map;

/**
 * A schedule: a cron-driven source of run requests.
 *
 * @param name the schedule's name, unique in the location; non-blank
 * @param cronSchedule the cron expression of its ticks, such as {@code 0 6 * * *}; non-blank
 * @param timezone the zone the cron expression is read in, a {@code java.time.ZoneId}; non-blank
 * @param target what it launches; not null
 * @param defaultStatus whether it runs until stopped; not null
 * @param description what it does; may be null
 * @param tags tags the runs it requests get
 */
public record ScheduleSnapshot(
    String name,
    String cronSchedule,
    String timezone,
    TargetSnapshot target,
    DefaultStatus defaultStatus,
    String description,
    Map<String, String> tags) {

  /** Validates and copies the components. */
  public ScheduleSnapshot {
    Checks.requireNonBlank(name, "ScheduleSnapshot", "name");
    String record = "ScheduleSnapshot '" + name + "'";
    Checks.requireNonBlank(cronSchedule, record, "cronSchedule");
    Checks.requireNonBlank(timezone, record, "timezone");
    Checks.require(target, record, "target");
    Checks.require(defaultStatus, record, "defaultStatus");
    tags = Checks.tags(tags, record, "tags");
  }
}
