package io.pipewright.storage.postgres;

import static io.pipewright.storage.postgres.internal.EventRows.time;
import static io.pipewright.storage.postgres.internal.EventRows.tuple;
import static io.pipewright.storage.postgres.internal.TickRows.TICK_COLUMNS;

import io.pipewright.core.instigation.InstigatorSelector;
import io.pipewright.core.instigation.InstigatorState;
import io.pipewright.core.instigation.InstigatorStatus;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.InstigatorType;
import io.pipewright.core.instigation.ScheduledTime;
import io.pipewright.core.instigation.Tick;
import io.pipewright.core.instigation.TickAlreadyExistsException;
import io.pipewright.core.instigation.TickFilter;
import io.pipewright.core.instigation.TickNotFoundException;
import io.pipewright.core.instigation.TickStart;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.storage.internal.StringJson;
import io.pipewright.storage.internal.Updates;
import io.pipewright.storage.postgres.internal.Bodies;
import io.pipewright.storage.postgres.internal.InstigatorEntity;
import io.pipewright.storage.postgres.internal.OnVertx;
import io.pipewright.storage.postgres.internal.PgErrors;
import io.pipewright.storage.postgres.internal.TickEntity;
import io.pipewright.storage.postgres.internal.TickRows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@link InstigatorStore} on PostgreSQL, with Hibernate Reactive Panache: {@code instigators}
 * and {@code ticks} (unique per schedule and scheduled time). The batch methods ({@link
 * #startTicks}, {@link #updateTicks}) are plain SQL over {@code unnest}, one statement per step.
 */
@ApplicationScoped
public class PostgresInstigatorStore implements InstigatorStore {

  private static final String ONE_TICK_PER_TIME = "ticks_once_per_scheduled_time";

  private final OnVertx vertx;
  private final Pool pool;

  /**
   * Creates the adapter.
   *
   * @param vertx runs its work on a Vert.x context
   * @param pool the reactive client's pool, for the batch methods
   */
  public PostgresInstigatorStore(OnVertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  @Override
  public Uni<Optional<InstigatorState>> state(InstigatorSelector selector) {
    return vertx.session(
        () ->
            InstigatorEntity.<InstigatorEntity>findById(key(selector))
                .map(e -> Optional.ofNullable(e).map(TickRows::toState)));
  }

  private static InstigatorEntity.Key key(InstigatorSelector selector) {
    return new InstigatorEntity.Key(selector.codeLocation(), selector.name());
  }

  @Override
  public Uni<List<InstigatorState>> states(String codeLocation, InstigatorType type) {
    // Plain SQL: the scheduler reads every state at the start of each pass (10,000 and more), and
    // Hibernate's entity loading of that many rows held the event loop for seconds.
    List<String> clauses = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (codeLocation != null) {
      params.add(codeLocation);
      clauses.add("code_location = $" + params.size());
    }
    if (type != null) {
      params.add(type.name());
      clauses.add("type = $" + params.size());
    }
    String where = clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    return pool.preparedQuery(
            "SELECT "
                + TickRows.STATE_COLUMNS
                + " FROM instigators"
                + where
                + " ORDER BY code_location, name")
        .execute(tuple(params.toArray()))
        .map(
            rows -> {
              List<InstigatorState> out = new ArrayList<>(rows.size());
              for (Row r : rows) {
                out.add(TickRows.toState(r));
              }
              return out;
            });
  }

  @Override
  public Uni<InstigatorState> updateState(
      InstigatorSelector selector,
      InstigatorType type,
      Instant at,
      UnaryOperator<InstigatorState> change) {
    // The first update of an instigator inserts its row; two first updates at once make one
    // insert conflict, and that one runs again as an update of the other's row.
    return applyUpdate(selector, type, at, change)
        .onFailure(PgErrors::isUniqueViolation)
        .retry()
        .atMost(3);
  }

  private Uni<InstigatorState> applyUpdate(
      InstigatorSelector selector,
      InstigatorType type,
      Instant at,
      UnaryOperator<InstigatorState> change) {
    return vertx.transaction(
        () ->
            InstigatorEntity.<InstigatorEntity>findById(
                    key(selector), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(
                    stored -> {
                      InstigatorState current =
                          stored == null
                              ? InstigatorState.initial(selector, type, at)
                              : TickRows.toState(stored);
                      InstigatorState next =
                          Updates.checkState(selector, current.type(), change.apply(current));
                      InstigatorEntity row = stored == null ? new InstigatorEntity() : stored;
                      TickRows.fill(next, row);
                      Uni<?> write = stored == null ? row.persistAndFlush() : Panache.flush();
                      return write.replaceWith(next);
                    }));
  }

  @Override
  public Uni<Void> advanceCheckpoints(
      InstigatorType type, Map<InstigatorSelector, Instant> lastTickTimes, Instant at) {
    if (lastTickTimes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = lastTickTimes.size();
    String[] locations = new String[n];
    String[] names = new String[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    int i = 0;
    for (Map.Entry<InstigatorSelector, Instant> e : lastTickTimes.entrySet()) {
      locations[i] = e.getKey().codeLocation();
      names[i] = e.getKey().name();
      times[i] = time(e.getValue());
      i++;
    }
    // One upsert; a checkpoint already at or after its new time is left alone (the WHERE), as the
    // per-instigator update does. Rows are taken in key order, so two batches cannot deadlock.
    return pool.preparedQuery(
            "INSERT INTO instigators (code_location, name, type, status, \"cursor\","
                + " last_tick_time, last_run_key, update_time)"
                + " SELECT u.l, u.n, $4, $5, NULL, u.t, NULL, $6"
                + " FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(l, n, t)"
                + " ORDER BY u.l, u.n"
                + " ON CONFLICT (code_location, name) DO UPDATE"
                + " SET last_tick_time = EXCLUDED.last_tick_time,"
                + " update_time = EXCLUDED.update_time"
                + " WHERE instigators.last_tick_time IS NULL"
                + " OR instigators.last_tick_time < EXCLUDED.last_tick_time")
        .execute(
            tuple(
                locations,
                names,
                times,
                type.name(),
                InstigatorStatus.DECLARED_IN_CODE.name(),
                time(at)))
        .replaceWithVoid();
  }

  @Override
  public Uni<Boolean> deleteState(InstigatorSelector selector) {
    return vertx.transaction(() -> InstigatorEntity.deleteById(key(selector)));
  }

  @Override
  public Uni<Tick> startTick(
      InstigatorSelector instigator,
      InstigatorType type,
      Instant timestamp,
      Instant scheduledTime) {
    return vertx
        .transaction(
            () -> {
              TickEntity e =
                  TickRows.fill(
                      Tick.started(1, instigator, type, timestamp, scheduledTime),
                      new TickEntity());
              e.id = null;
              return e.persistAndFlush().map(ignored -> TickRows.toTick(e));
            })
        .onFailure(f -> PgErrors.isUniqueViolation(f, ONE_TICK_PER_TIME))
        .recoverWithUni(
            () ->
                existingTick(instigator, scheduledTime)
                    .map(
                        id -> {
                          if (id == null) {
                            // The conflicting tick was purged in between: report the conflict
                            // without an id rather than start a second tick for the time.
                            throw new TickAlreadyExistsException(instigator, scheduledTime, 0);
                          }
                          throw new TickAlreadyExistsException(instigator, scheduledTime, id);
                        }));
  }

  private Uni<Long> existingTick(InstigatorSelector instigator, Instant scheduledTime) {
    return vertx.session(
        () ->
            TickEntity.<TickEntity>find(
                    "codeLocation = ?1 and name = ?2 and scheduledTime = ?3",
                    instigator.codeLocation(),
                    instigator.name(),
                    scheduledTime)
                .firstResult()
                .map(e -> e.id));
  }

  /** A scheduled time as the database keeps it (microseconds), to match returned rows. */
  private record StoredTime(String location, String name, Instant scheduledTime) {
    static StoredTime of(InstigatorSelector selector, Instant scheduledTime) {
      return new StoredTime(
          selector.codeLocation(), selector.name(), scheduledTime.truncatedTo(ChronoUnit.MICROS));
    }

    static StoredTime of(Tick tick) {
      return of(tick.instigator(), tick.scheduledTime());
    }
  }

  @Override
  public Uni<List<TickStart>> startTicks(
      InstigatorType type, Instant timestamp, List<ScheduledTime> times) {
    if (new HashSet<>(times).size() != times.size()) {
      return Uni.createFrom()
          .failure(
              new IllegalArgumentException(
                  "startTicks lists a scheduled time twice; list each (schedule, time) once"));
    }
    if (times.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    int n = times.size();
    String[] locations = new String[n];
    String[] names = new String[n];
    OffsetDateTime[] scheduled = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      ScheduledTime t = times.get(i);
      locations[i] = t.schedule().codeLocation();
      names[i] = t.schedule().name();
      scheduled[i] = time(t.scheduledTime());
    }
    String none = StringJson.array(List.of());
    // One insert for all; a time that has a tick already is skipped (ON CONFLICT waits for a
    // concurrent inserter to commit), then read back in the same transaction.
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(
                    "INSERT INTO ticks (code_location, name, type, status, \"timestamp\","
                        + " scheduled_time, reserved_run_ids, run_ids, run_keys)"
                        + " SELECT u.l, u.n, $4, $5, $6, u.t, $7, $7, $7"
                        + " FROM unnest($1::text[], $2::text[], $3::timestamptz[])"
                        + " WITH ORDINALITY AS u(l, n, t, o) ORDER BY u.o"
                        + " ON CONFLICT ON CONSTRAINT "
                        + ONE_TICK_PER_TIME
                        + " DO NOTHING RETURNING "
                        + TICK_COLUMNS)
                .execute(
                    tuple(
                        locations,
                        names,
                        scheduled,
                        type.name(),
                        TickStatus.STARTED.name(),
                        time(timestamp),
                        none))
                .flatMap(
                    created -> {
                      Map<StoredTime, Tick> made = byTime(created);
                      if (made.size() == n) {
                        return Uni.createFrom().item(starts(times, made, Map.of()));
                      }
                      return existingTicks(conn, locations, names, scheduled)
                          .map(existing -> starts(times, made, existing));
                    }));
  }

  private static Map<StoredTime, Tick> byTime(RowSet<Row> rows) {
    Map<StoredTime, Tick> out = new HashMap<>();
    for (Row r : rows) {
      Tick tick = TickRows.toTick(r);
      out.put(StoredTime.of(tick), tick);
    }
    return out;
  }

  private static Uni<Map<StoredTime, Tick>> existingTicks(
      SqlClient conn, String[] locations, String[] names, OffsetDateTime[] scheduled) {
    return conn.preparedQuery(
            "SELECT "
                + TICK_COLUMNS
                + " FROM ticks JOIN unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(l, n, st)"
                + " ON code_location = u.l AND name = u.n AND scheduled_time = u.st")
        .execute(tuple(locations, names, scheduled))
        .map(PostgresInstigatorStore::byTime);
  }

  private static List<TickStart> starts(
      List<ScheduledTime> times, Map<StoredTime, Tick> created, Map<StoredTime, Tick> existing) {
    List<TickStart> out = new ArrayList<>(times.size());
    for (ScheduledTime t : times) {
      StoredTime key = StoredTime.of(t.schedule(), t.scheduledTime());
      Tick tick = created.get(key);
      // An existing tick missing from both was purged meanwhile: the time counts as ticked.
      out.add(tick != null ? TickStart.created(t, tick) : TickStart.existing(t, existing.get(key)));
    }
    return out;
  }

  @Override
  public Uni<List<Tick>> updateTicks(List<Tick> ticks) {
    Set<Long> unique = new HashSet<>();
    for (Tick t : ticks) {
      if (!unique.add(t.id())) {
        return Uni.createFrom()
            .failure(
                new IllegalArgumentException(
                    "updateTicks lists tick " + t.id() + " twice; list each tick once"));
      }
    }
    if (ticks.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    int n = ticks.size();
    Long[] ids = new Long[n];
    String[] statuses = new String[n];
    OffsetDateTime[] ends = new OffsetDateTime[n];
    String[] reserved = new String[n];
    String[] runs = new String[n];
    String[] keys = new String[n];
    String[] skips = new String[n];
    Buffer[] errors = new Buffer[n];
    String[] cursors = new String[n];
    for (int i = 0; i < n; i++) {
      Tick t = ticks.get(i);
      ids[i] = t.id();
      statuses[i] = t.status().name();
      ends[i] = time(t.endTime());
      reserved[i] = StringJson.array(t.reservedRunIds());
      runs[i] = StringJson.array(t.runIds());
      keys[i] = StringJson.array(t.runKeys());
      skips[i] = t.skipReason();
      byte[] error = Bodies.error(t.error());
      errors[i] = error == null ? null : Buffer.buffer(error);
      cursors[i] = t.cursor();
    }
    // Rows are locked in id order, so that two batches over the same ticks cannot deadlock.
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(
                    "SELECT "
                        + TICK_COLUMNS
                        + " FROM ticks WHERE id = ANY($1) ORDER BY id FOR UPDATE")
                .execute(tuple((Object) ids))
                .invoke(
                    rows -> {
                      Map<Long, Tick> stored = new HashMap<>();
                      for (Row r : rows) {
                        Tick t = TickRows.toTick(r);
                        stored.put(t.id(), t);
                      }
                      for (Tick t : ticks) {
                        Tick before = stored.get(t.id());
                        if (before == null) {
                          throw new TickNotFoundException(t.id());
                        }
                        Updates.checkTick(before, t);
                      }
                    })
                .chain(
                    () ->
                        conn.preparedQuery(
                                "UPDATE ticks t SET status = u.status, end_time = u.end_time,"
                                    + " reserved_run_ids = u.reserved, run_ids = u.runs,"
                                    + " run_keys = u.keys, skip_reason = u.skip, error = u.error,"
                                    + " \"cursor\" = u.cur"
                                    + " FROM unnest($1::bigint[], $2::varchar[],"
                                    + " $3::timestamptz[], $4::text[], $5::text[], $6::text[],"
                                    + " $7::text[], $8::bytea[], $9::text[])"
                                    + " AS u(id, status, end_time, reserved, runs, keys, skip,"
                                    + " error, cur) WHERE t.id = u.id")
                            .execute(
                                tuple(
                                    ids, statuses, ends, reserved, runs, keys, skips, errors,
                                    cursors)))
                .replaceWith(List.copyOf(ticks)));
  }

  @Override
  public Uni<Tick> updateTick(Tick tick) {
    return vertx.transaction(
        () ->
            TickEntity.<TickEntity>findById(tick.id(), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(
                    stored -> {
                      if (stored == null) {
                        throw new TickNotFoundException(tick.id());
                      }
                      Updates.checkTick(TickRows.toTick(stored), tick);
                      TickRows.fill(tick, stored);
                      return Panache.flush().replaceWith(tick);
                    }));
  }

  @Override
  public Uni<Optional<Tick>> tick(long tickId) {
    return vertx.session(
        () ->
            TickEntity.<TickEntity>findById(tickId)
                .map(e -> Optional.ofNullable(e).map(TickRows::toTick)));
  }

  @Override
  public Uni<List<Tick>> ticks(InstigatorSelector instigator, TickFilter filter) {
    return vertx.session(
        () -> {
          StringBuilder hql = new StringBuilder("codeLocation = :location and name = :name");
          Map<String, Object> params = new HashMap<>();
          params.put("location", instigator.codeLocation());
          params.put("name", instigator.name());
          if (!filter.statuses().isEmpty()) {
            hql.append(" and status in :statuses");
            params.put("statuses", List.copyOf(filter.statuses()));
          }
          if (filter.after() != null) {
            hql.append(" and timestamp > :after");
            params.put("after", filter.after());
          }
          if (filter.before() != null) {
            hql.append(" and timestamp < :before");
            params.put("before", filter.before());
          }
          hql.append(" order by timestamp desc, id desc");
          return TickEntity.<TickEntity>find(hql.toString(), params)
              .page(0, filter.limit())
              .list()
              .map(rows -> rows.stream().map(TickRows::toTick).toList());
        });
  }

  @Override
  public Uni<Long> deleteTicksBefore(Instant before, Set<TickStatus> statuses) {
    Set<TickStatus> doomed = EnumSet.of(TickStatus.SKIPPED, TickStatus.SUCCESS, TickStatus.FAILURE);
    if (!statuses.isEmpty()) {
      doomed.retainAll(statuses);
    }
    if (doomed.isEmpty()) {
      return Uni.createFrom().item(0L);
    }
    List<TickStatus> list = List.copyOf(doomed);
    return vertx.transaction(
        () -> TickEntity.delete("timestamp < ?1 and status in ?2", before, list));
  }
}
