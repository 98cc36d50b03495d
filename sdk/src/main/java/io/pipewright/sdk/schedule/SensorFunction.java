package io.pipewright.sdk.schedule;

/**
 * The evaluation function of a sensor: checks something (files, a table, an API) and decides what
 * to run (the body of Dagster's {@code @sensor}). It runs in the code location once per tick and
 * should be quick; use the cursor and run keys so that evaluating a tick again launches nothing
 * twice.
 */
@FunctionalInterface
public interface SensorFunction {
  /**
   * Decides what the tick launches.
   *
   * @param context the cursor, last tick, current time and resources
   * @return run requests or a skip, with an optional new cursor; never null
   * @throws Exception any failure; it is recorded on the tick and the cursor stays
   */
  SensorResult evaluate(SensorContext context) throws Exception;
}
