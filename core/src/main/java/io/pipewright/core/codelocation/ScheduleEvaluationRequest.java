package io.pipewright.core.codelocation;

import io.pipewright.core.internal.Checks;
import java.time.Instant;

/**
 * One tick of a schedule to evaluate.
 *
 * @param scheduleName the schedule; non-blank
 * @param scheduledTime the tick's time, as the cron expression gives it (not the time of the call);
 *     not null
 */
public record ScheduleEvaluationRequest(String scheduleName, Instant scheduledTime) {

  /** Validates the components. */
  public ScheduleEvaluationRequest {
    Checks.requireNonBlank(scheduleName, "ScheduleEvaluationRequest", "scheduleName");
    Checks.require(scheduledTime, "ScheduleEvaluationRequest", "scheduledTime");
  }
}
