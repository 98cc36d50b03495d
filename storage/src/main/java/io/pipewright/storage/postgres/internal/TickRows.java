package io.pipewright.storage.postgres.internal;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.storage.internal.StringJson;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

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

  /** The columns of {@link #toState(Row)}, for plain SQL (quoted where they are keywords). */
  public static final String STATE_COLUMNS =
      "code_location, name, type, status, \"cursor\", last_tick_time, last_run_key, update_time";

  /**
   * Reads a state from a row of the reactive client with {@link #STATE_COLUMNS}.
   *
   * @param r the row
   * @return the state
   */
  public static InstigatorState toState(Row r) {
    return new InstigatorState(
        InstigatorSelector.of(r.getString("code_location"), r.getString("name")),
        InstigatorType.valueOf(r.getString("type")),
        InstigatorStatus.valueOf(r.getString("status")),
        r.getString("cursor"),
        instant(r.getOffsetDateTime("last_tick_time")),
        r.getString("last_run_key"),
        instant(r.getOffsetDateTime("update_time")));
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

  /** The columns of {@link #toTick(Row)}, for plain SQL (quoted where they are keywords). */
  public static final String TICK_COLUMNS =
      "id, code_location, name, type, status, \"timestamp\", scheduled_time, end_time,"
          + " reserved_run_ids, run_ids, run_keys, skip_reason, error, \"cursor\"";

  /**
   * Reads a tick from a row of the reactive client with {@link #TICK_COLUMNS}.
   *
   * @param r the row
   * @return the tick
   */
  public static Tick toTick(Row r) {
    var error = r.getBuffer("error");
    return new Tick(
        r.getLong("id"),
        InstigatorSelector.of(r.getString("code_location"), r.getString("name")),
        InstigatorType.valueOf(r.getString("type")),
        TickStatus.valueOf(r.getString("status")),
        instant(r.getOffsetDateTime("timestamp")),
        instant(r.getOffsetDateTime("scheduled_time")),
        instant(r.getOffsetDateTime("end_time")),
        StringJson.parseArray(r.getString("reserved_run_ids")),
        StringJson.parseArray(r.getString("run_ids")),
        StringJson.parseArray(r.getString("run_keys")),
        r.getString("skip_reason"),
        error == null ? null : Bodies.error(error.getBytes()),
        r.getString("cursor"));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
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
