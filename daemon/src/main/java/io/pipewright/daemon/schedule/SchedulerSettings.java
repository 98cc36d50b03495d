package io.pipewright.daemon.schedule;

import io.pipewright.core.schedule.CatchUpPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The scheduler's knobs ({@code pipewright.daemon.scheduler.*}).
 *
 * @param catchUp how many ticks missed during a downtime run
 * @param workers how many schedules are ticked at once (evaluations are remote calls)
 * @param interval the longest sleep between two passes: how soon a schedule started in the UI is
 *     seen
 * @param unavailableGrace how long a tick waits for its code location to answer before it fails
 * @param retryDelay how soon a tick whose location did not answer is tried again
 * @param resumeWindow ticks left STARTED (by a crash) more recently than this are resumed when the
 *     daemon takes over
 * @param storeTimeout how long one store call may take
 */
public record SchedulerSettings(
    CatchUpPolicy catchUp,
    int workers,
    Duration interval,
    Duration unavailableGrace,
    Duration retryDelay,
    Duration resumeWindow,
    Duration storeTimeout) {

  /** The defaults: Dagster's catch-up (5), 8 workers, 10 s, 5 min, 10 s, 24 h, 30 s. */
  public static final SchedulerSettings DEFAULTS =
      new SchedulerSettings(
          CatchUpPolicy.DEFAULT,
          8,
          Duration.ofSeconds(10),
          Duration.ofMinutes(5),
          Duration.ofSeconds(10),
          Duration.ofHours(24),
          Duration.ofSeconds(30));

  /** Validates the components. */
  public SchedulerSettings {
    Objects.requireNonNull(catchUp, "catchUp must not be null");
    if (workers < 1) {
      throw new IllegalArgumentException(
          "pipewright.daemon.scheduler.workers must be 1 or more, got " + workers);
    }
    Objects.requireNonNull(interval, "interval must not be null");
    Objects.requireNonNull(unavailableGrace, "unavailableGrace must not be null");
    Objects.requireNonNull(retryDelay, "retryDelay must not be null");
    Objects.requireNonNull(resumeWindow, "resumeWindow must not be null");
    Objects.requireNonNull(storeTimeout, "storeTimeout must not be null");
  }

  /**
   * The same settings with another catch-up policy.
   *
   * @param policy the policy
   * @return the settings
   */
  public SchedulerSettings withCatchUp(CatchUpPolicy policy) {
    return new SchedulerSettings(
        policy, workers, interval, unavailableGrace, retryDelay, resumeWindow, storeTimeout);
  }

  /**
   * The same settings with another number of workers.
   *
   * @param count the workers
   * @return the settings
   */
  public SchedulerSettings withWorkers(int count) {
    return new SchedulerSettings(
        catchUp, count, interval, unavailableGrace, retryDelay, resumeWindow, storeTimeout);
  }
}
