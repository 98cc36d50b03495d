package io.pipewright.sdk.schedule;

/**
 * The evaluation function of a schedule: what to run at one tick, or why to skip it (the body of
 * Dagster's {@code @schedule}). It runs in the code location, once per tick, and must be quick and
 * side-effect free: the daemon may evaluate a tick again after a crash.
 */
@FunctionalInterface
public interface ScheduleFunction {
  /**
   * Decides what the tick launches.
   *
   * @param context the tick's scheduled time, time zone and resources
   * @return the run requests, or a skip with its reason; never null
   * @throws Exception any failure; it is recorded on the tick, and no run is launched
   */
  ScheduleResult evaluate(ScheduleContext context) throws Exception;
}
