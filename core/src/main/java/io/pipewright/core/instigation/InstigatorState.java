package io.pipewright.core.instigation;

import io.pipewright.core.internal.Checks;
import java.time.Instant;

/**
 * The stored state of one schedule or sensor (Dagster's {@code InstigatorState}): whether a user
 * started or stopped it, and what the daemon remembers between ticks.
 *
 * @param selector which instigator; not null
 * @param type schedule or sensor; not null
 * @param status running, stopped, or as declared in code; not null
 * @param cursor the sensor's cursor (opaque to Pipewright); null when none
 * @param lastTickTime when the daemon last ticked it (a schedule's last evaluated cron time, a
 *     sensor's last evaluation); null before the first tick
 * @param lastRunKey the last run key a sensor requested; null when none
 * @param updateTime when the state last changed; not null
 */
public record InstigatorState(
    InstigatorSelector selector,
    InstigatorType type,
    InstigatorStatus status,
    String cursor,
    Instant lastTickTime,
    String lastRunKey,
    Instant updateTime) {

  /** Validates the components. */
  public InstigatorState {
    Checks.require(selector, "InstigatorState", "selector");
    Checks.require(type, "InstigatorState", selector, "type");
    Checks.require(status, "InstigatorState", selector, "status");
    Checks.require(updateTime, "InstigatorState", selector, "updateTime");
  }

  /**
   * The state of an instigator nobody has started, stopped or ticked yet.
   *
   * @param selector which instigator
   * @param type schedule or sensor
   * @param at the creation time
   * @return a state {@link InstigatorStatus#DECLARED_IN_CODE} without cursor or ticks
   */
  public static InstigatorState initial(
      InstigatorSelector selector, InstigatorType type, Instant at) {
    return new InstigatorState(
        selector, type, InstigatorStatus.DECLARED_IN_CODE, null, null, null, at);
  }

  /**
   * Returns this state with another status (start, stop, reset).
   *
   * @param next the status
   * @param at when it changed
   * @return the changed copy
   */
  public InstigatorState withStatus(InstigatorStatus next, Instant at) {
    return new InstigatorState(selector, type, next, cursor, lastTickTime, lastRunKey, at);
  }

  /**
   * Returns this state with another cursor ({@code setSensorCursor}, or a sensor's result).
   *
   * @param next the cursor, or null to clear it
   * @param at when it changed
   * @return the changed copy
   */
  public InstigatorState withCursor(String next, Instant at) {
    return new InstigatorState(selector, type, status, next, lastTickTime, lastRunKey, at);
  }

  /**
   * Returns this state after a tick: its time, and the sensor's cursor and last run key.
   *
   * @param tickTime when the tick happened (a schedule: its cron time)
   * @param nextCursor the cursor after the tick
   * @param nextLastRunKey the last run key after the tick
   * @param at when it changed
   * @return the changed copy
   */
  public InstigatorState afterTick(
      Instant tickTime, String nextCursor, String nextLastRunKey, Instant at) {
    return new InstigatorState(selector, type, status, nextCursor, tickTime, nextLastRunKey, at);
  }
}
