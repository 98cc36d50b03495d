package io.pipewright.sdk.testing;

import io.pipewright.sdk.internal.schedule.ScheduleEvaluator;
import io.pipewright.sdk.partition.DynamicPartitionsStore;
import io.pipewright.sdk.schedule.ScheduleDefinition;
import io.pipewright.sdk.schedule.ScheduleEvaluation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates schedules as the code location does for the daemon, without a daemon. User errors come
 * back in the {@link ScheduleEvaluation}, never as exceptions.
 *
 * <pre>{@code
 * ScheduleEvaluation tick = ScheduleTester.evaluate(nightly, Instant.parse("2024-05-02T00:30:00Z"));
 * EvaluationAssertions.assertThat(tick).requestedPartitions("2024-05-01");
 *
 * // Every tick of a week, as the scheduler would evaluate them:
 * List<ScheduleEvaluation> week = ScheduleTester.evaluateTicksBetween(nightly, monday, nextMonday);
 * }</pre>
 */
public final class ScheduleTester {
  private ScheduleTester() {}

  /**
   * Evaluates the tick scheduled for an instant, without resources.
   *
   * @param schedule the schedule
   * @param scheduledTime the tick's scheduled time (normally one of the cron's fire times)
   * @return the evaluation
   */
  public static ScheduleEvaluation evaluate(ScheduleDefinition schedule, Instant scheduledTime) {
    return evaluate(schedule, scheduledTime, Map.of(), null);
  }

  /**
   * Evaluates the tick scheduled for an instant.
   *
   * @param schedule the schedule
   * @param scheduledTime the tick's scheduled time
   * @param resources the resources the evaluation function may use
   * @return the evaluation
   */
  public static ScheduleEvaluation evaluate(
      ScheduleDefinition schedule, Instant scheduledTime, Map<String, ?> resources) {
    return evaluate(schedule, scheduledTime, resources, null);
  }

  /**
   * Evaluates the tick scheduled for an instant.
   *
   * @param schedule the schedule
   * @param scheduledTime the tick's scheduled time
   * @param resources the resources the evaluation function may use
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
    return ScheduleEvaluator.evaluate(schedule, scheduledTime, resources, dynamicPartitions);
  }

  /**
   * Moves a test clock to the schedule's next tick and evaluates that tick, as the scheduler does
   * when the tick comes due.
   *
   * @param schedule the schedule
   * @param clock the clock; it is advanced to the tick's scheduled time
   * @return the evaluation
   */
  public static ScheduleEvaluation evaluateNextTick(ScheduleDefinition schedule, TestClock clock) {
    Instant now = clock.instant();
    Instant next = schedule.nextTickAfter(now);
    clock.advance(Duration.between(now, next));
    return evaluate(schedule, next);
  }

  /**
   * Evaluates every tick after {@code from} and up to {@code to}, oldest first: what the scheduler
   * owes for that span (it would launch at most a few of them after an outage).
   *
   * @param schedule the schedule
   * @param from the exclusive start
   * @param to the inclusive end
   * @return one evaluation per tick
   */
  public static List<ScheduleEvaluation> evaluateTicksBetween(
      ScheduleDefinition schedule, Instant from, Instant to) {
    return schedule
        .cron()
        .fireTimesBetween(from, to, schedule.timezone())
        .map(tick -> evaluate(schedule, tick))
        .toList();
  }
}
