package io.pipewright.storage.postgres.internal;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.Tick;
import io.pipewright.storage.internal.StringJson;

/** Converts instigator states and ticks to and from rows. */
public final class TickRows {

  private TickRows() {}

  /**
   * Reads a state from its row.
   *
   * @param e the row
   * @return the state
   */
  public static InstigatorState toState(InstigatorEntity e) {
    return new InstigatorState(
        InstigatorSelector.of(e.codeLocation, e.name),
        e.type,
        e.status,
        e.cursorValue,
        e.lastTickTime,
        e.lastRunKey,
        e.updateTime);
  }

  /**
   * Fills a row from a state.
   *
   * @param s the state
   * @param e the row
   * @return {@code e}
   */
  public static InstigatorEntity fill(InstigatorState s, InstigatorEntity e) {
    e.codeLocation = s.selector().codeLocation();
    e.name = s.selector().name();
    e.type = s.type();
    e.status = s.status();
    e.cursorValue = s.cursor();
    e.lastTickTime = s.lastTickTime();
    e.lastRunKey = s.lastRunKey();
    e.updateTime = s.updateTime();
    return e;
  }

  /**
   * Reads a tick from its row.
   *
   * @param e the row
   * @return the tick
   */
  public static Tick toTick(TickEntity e) {
    return new Tick(
        e.id,
        InstigatorSelector.of(e.codeLocation, e.name),
        e.type,
        e.status,
        e.timestamp,
        e.scheduledTime,
        e.endTime,
        StringJson.parseArray(e.reservedRunIds),
        StringJson.parseArray(e.runIds),
        StringJson.parseArray(e.runKeys),
        e.skipReason,
        Bodies.error(e.error),
        e.cursorValue);
  }

  /**
   * Fills a row from a tick (all but the id).
   *
   * @param t the tick
   * @param e the row
   * @return {@code e}
   */
  public static TickEntity fill(Tick t, TickEntity e) {
    e.codeLocation = t.instigator().codeLocation();
    e.name = t.instigator().name();
    e.type = t.type();
    e.status = t.status();
    e.timestamp = t.timestamp();
    e.scheduledTime = t.scheduledTime();
    e.endTime = t.endTime();
    e.reservedRunIds = StringJson.array(t.reservedRunIds());
    e.runIds = StringJson.array(t.runIds());
    e.runKeys = StringJson.array(t.runKeys());
    e.skipReason = t.skipReason();
    e.error = Bodies.error(t.error());
    e.cursorValue = t.cursor();
    return e;
  }
}
