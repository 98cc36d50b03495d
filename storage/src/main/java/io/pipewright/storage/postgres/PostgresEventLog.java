package io.pipewright.storage.postgres;

import static io.pipewright.storage.postgres.internal.EventRows.tuple;

import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.event.EventPage;
import io.pipewright.core.event.EventQuery;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.IngestResult;
import io.pipewright.core.event.RunEventsAppended;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.storage.internal.Failures;
import io.pipewright.storage.postgres.internal.AppendResults;
import io.pipewright.storage.postgres.internal.AppendResults.Written;
import io.pipewright.storage.postgres.internal.EventNotifications;
import io.pipewright.storage.postgres.internal.EventRows;
import io.pipewright.storage.postgres.internal.GroupCommit;
import io.pipewright.storage.postgres.internal.HostAppendRows;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link EventLog} on PostgreSQL, with the reactive client: table {@code event_logs}, and the
 * asset index ({@code asset_keys}, {@code asset_check_executions}) kept in the same transaction.
 *
 * <p>Ingests and appends are group-committed ({@link GroupCommit}): those that arrive while writes
 * are in flight are written together by the next one (two groups at most in flight, {@link
 * #MAX_GROUPS_IN_FLIGHT}), and each write is one SQL statement, hence one round trip and one
 * transaction ({@link EventRows#APPEND}): the append lock ({@link EventRows#APPEND_LOCK}), one
 * multi-row insert ({@code INSERT ... SELECT FROM unnest(...)}; resent step events are left out by
 * the sequences each attempt recorded in {@code event_ingest_attempts}), the asset index's upsert,
 * and {@code pg_notify} per run, which PostgreSQL delivers at commit. A group holding check
 * evaluations adds a second statement in the same transaction for their executions.
 */
@ApplicationScoped
public class PostgresEventLog implements EventLog {

  /** Retention deletes this many events per statement, so that no statement runs for long. */
  static final int RETENTION_CHUNK = 10_000;

  /**
   * A group of concurrent writes holds at most this many events (one write larger than this goes
   * alone): large enough to take every waiting ingest batch in one statement, small enough to keep
   * the statement's arrays and the lock's hold time bounded.
   */
  static final int MAX_GROUP_EVENTS = 10_000;

  /**
   * Groups written at once: 2, so that the next group's statement is sent, parsed and planned while
   * the one before holds the append lock (the lock's holder is the bottleneck of ingest: with one
   * group at a time, the lock waited idle for each round trip and each parse of the next group's
   * arrays). More would make groups smaller for no further overlap. Host appends stay in submission
   * order (one group of them at a time); ingests may overtake each other, which their idempotency
   * by recorded sequences makes safe, as it does for ingests from several processes.
   */
  static final int MAX_GROUPS_IN_FLIGHT = 2;

  private final Pool pool;
  private final EventNotifications notifications;
  private final GroupCommit<EventRows.Encoded, Written> writes =
      new GroupCommit<>(
          this::writeGroup,
          EventRows.Encoded::size,
          MAX_GROUP_EVENTS,
          MAX_GROUPS_IN_FLIGHT,
          write -> write.attempt() == null);

  /**
   * Creates the adapter.
   *
   * @param pool the reactive client's pool
   * @param notifications the LISTEN side of the notifications
   */
  public PostgresEventLog(Pool pool, EventNotifications notifications) {
    this.pool = pool;
    this.notifications = notifications;
  }

  static Uni<Void> lockAppends(SqlConnection conn) {
    return conn.preparedQuery("SELECT pg_advisory_xact_lock($1)")
        .execute(Tuple.of(EventRows.APPEND_LOCK))
        .replaceWithVoid();
  }

  @Override
  public Uni<IngestResult> ingest(StepEventBatch batch) {
    return ingestEncoded(batch, null);
  }

  /** Stores the bytes the ingest received as the bodies: they are the body's own encoding. */
  @Override
  public Uni<IngestResult> ingest(StepEventBatch batch, List<byte[]> bodies) {
    if (bodies.size() != batch.events().size()) {
      throw new IllegalArgumentException(
          "ingest needs one body per event: got "
              + bodies.size()
              + " bodies for "
              + batch.events().size()
              + " events");
    }
    return ingestEncoded(batch, bodies);
  }

  private Uni<IngestResult> ingestEncoded(StepEventBatch batch, List<byte[]> bodies) {
    if (batch.events().isEmpty()) {
      return highestSequence(pool, batch).map(h -> new IngestResult(0, 0, h));
    }
    return Uni.createFrom()
        .item(() -> EventRows.Encoded.of(batch.events(), batch, bodies))
        .flatMap(writes::submit)
        .map(
            written -> {
              int accepted = written.accepted();
              // Every event of the batch is stored once the statement commits (new, or refused as
              // a duplicate of a stored one), so the highest is at least the batch's highest.
              long highest = written.priorHighest();
              for (EventRecord e : batch.events()) {
                highest = Math.max(highest, e.sequence());
              }
              return new IngestResult(accepted, batch.events().size() - accepted, highest);
            });
  }

  private static Uni<Long> highestSequence(SqlClient client, StepEventBatch batch) {
    return client
        .preparedQuery(
            "SELECT upper(stored) - 1 AS s FROM event_ingest_attempts"
                + " WHERE run_id = $1 AND step_key = $2 AND attempt = $3")
        .execute(Tuple.of(batch.runId(), batch.stepKey(), batch.attempt()))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return -1L;
              }
              Long s = rows.iterator().next().getLong("s");
              return s == null ? -1L : s;
            });
  }

  @Override
  public Uni<List<StoredEvent>> append(List<EventRecord> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Uni.createFrom()
        .item(() -> EventRows.Encoded.of(events, null, null))
        .flatMap(writes::submit)
        .map(Written::stored);
  }

  /**
   * Writes a group of writes with {@link EventRows#APPEND}: one statement, or a transaction of two
   * when the events hold check evaluations (their executions are recorded with the new events'
   * ids).
   */
  private Uni<List<Written>> writeGroup(List<EventRows.Encoded> group) {
    boolean checks = false;
    for (EventRows.Encoded write : group) {
      for (EventRecord e : write.events()) {
        checks |= e.payload() instanceof AssetCheckEvaluationPayload;
      }
    }
    if (!checks && HostAppendRows.hostsOnly(group)) {
      return pool.preparedQuery(HostAppendRows.APPEND)
          .execute(HostAppendRows.params(group))
          .map(
              rows -> {
                List<Written> out = new ArrayList<>(group.size());
                for (List<StoredEvent> stored : HostAppendRows.stored(rows, group)) {
                  out.add(new Written(stored.size(), stored, -1L));
                }
                return out;
              });
    }
    // Built only here: a host append (a fan-out's 1,000 launches) has parameters of its own.
    Tuple params = EventRows.appendParams(group);
    if (!checks && AppendResults.countsSuffice(group)) {
      return pool.preparedQuery(EventRows.APPEND_COUNTS)
          .execute(params)
          .map(rows -> AppendResults.counts(rows, group));
    }
    if (!checks) {
      return pool.preparedQuery(EventRows.APPEND)
          .execute(params)
          .map(rows -> AppendResults.split(rows, group));
    }
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(EventRows.APPEND)
                .execute(params)
                .map(rows -> AppendResults.split(rows, group))
                .call(
                    written -> {
                      List<StoredEvent> stored = new ArrayList<>();
                      written.forEach(w -> stored.addAll(w.stored()));
                      Tuple checkParams = EventRows.checkParams(stored);
                      return checkParams == null
                          ? Uni.createFrom().voidItem()
                          : conn.preparedQuery(EventRows.INSERT_CHECKS).execute(checkParams);
                    }));
  }

  @Override
  public Uni<EventPage> eventsForRun(String runId, long afterId, int limit) {
    return Uni.createFrom()
        .voidItem()
        .invoke(() -> Failures.requireLimit(limit))
        .chain(
            () ->
                pool.preparedQuery(
                        "SELECT "
                            + EventRows.COLUMNS
                            + " FROM event_logs WHERE run_id = $1 AND id > $2 ORDER BY id LIMIT $3")
                    .execute(Tuple.of(runId, afterId, limit + 1)))
        .map(
            rows -> {
              List<StoredEvent> page = new ArrayList<>(Math.min(rows.size(), limit));
              for (Row row : rows) {
                if (page.size() == limit) {
                  break;
                }
                page.add(EventRows.read(row));
              }
              long cursor = page.isEmpty() ? afterId : page.get(page.size() - 1).id();
              return new EventPage(page, cursor, rows.size() > limit);
            });
  }

  /**
   * One statement for every run: a lateral join of the cursors with each run's next events (the
   * index on run and id serves each), one page plus one row per run at most.
   */
  @Override
  public Uni<Map<String, EventPage>> eventsForRuns(Map<String, Long> cursors, int limit) {
    return Uni.createFrom()
        .voidItem()
        .invoke(() -> Failures.requireLimit(limit))
        .chain(
            () -> {
              if (cursors.isEmpty()) {
                return Uni.createFrom().item(Map.<String, EventPage>of());
              }
              String[] runIds = cursors.keySet().toArray(String[]::new);
              Long[] afterIds = new Long[runIds.length];
              for (int i = 0; i < runIds.length; i++) {
                afterIds[i] = cursors.get(runIds[i]);
              }
              return pool.preparedQuery(
                      "SELECT e.* FROM unnest($1::varchar[], $2::bigint[]) AS c(cursor_run,"
                          + " cursor_id) CROSS JOIN LATERAL (SELECT "
                          + EventRows.COLUMNS
                          + " FROM event_logs WHERE run_id = c.cursor_run AND id > c.cursor_id"
                          + " ORDER BY id LIMIT $3) e")
                  .execute(tuple(runIds, afterIds, limit + 1))
                  .map(rows -> pages(rows, cursors, limit));
            });
  }

  /** Splits the rows of {@link #eventsForRuns} into one page per run. */
  private static Map<String, EventPage> pages(
      RowSet<Row> rows, Map<String, Long> cursors, int limit) {
    Map<String, List<StoredEvent>> byRun = new HashMap<>();
    for (Row row : rows) {
      StoredEvent event = EventRows.read(row);
      byRun.computeIfAbsent(event.event().runId(), k -> new ArrayList<>()).add(event);
    }
    Map<String, EventPage> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> cursor : cursors.entrySet()) {
      List<StoredEvent> read = byRun.computeIfAbsent(cursor.getKey(), k -> new ArrayList<>());
      read.sort((a, b) -> Long.compare(a.id(), b.id()));
      List<StoredEvent> page = read.size() > limit ? read.subList(0, limit) : read;
      long next = page.isEmpty() ? cursor.getValue() : page.get(page.size() - 1).id();
      out.put(cursor.getKey(), new EventPage(page, next, read.size() > limit));
    }
    return out;
  }

  @Override
  public Uni<List<StoredEvent>> query(EventQuery query) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    where.add("id > $1");
    params.add(query.afterId());
    where.add("id < $2");
    params.add(query.beforeId());
    if (!query.types().isEmpty() && query.types().stream().allMatch(DagsterEventType::isRunEvent)) {
      // Literals, not a parameter: the planner can then prove the predicate of the partial index
      // on run events' types (V2_7). The values are the enum's own, never user text.
      where.add(
          "event_type IN ("
              + String.join(
                  ", ", query.types().stream().map(t -> "'" + t.value() + "'").sorted().toList())
              + ")");
    } else if (!query.types().isEmpty()) {
      params.add(query.types().stream().map(DagsterEventType::value).toArray(String[]::new));
      where.add("event_type = ANY($" + params.size() + ")");
    }
    if (query.assetKey() != null) {
      params.add(query.assetKey().toUserString());
      where.add("asset_key = $" + params.size());
    }
    if (query.partition() != null) {
      params.add(query.partition());
      where.add("partition = $" + params.size());
    }
    if (query.runId() != null) {
      params.add(query.runId());
      where.add("run_id = $" + params.size());
    }
    params.add(query.limit());
    String sql =
        "SELECT "
            + EventRows.COLUMNS
            + " FROM event_logs WHERE "
            + String.join(" AND ", where)
            + " ORDER BY id "
            + (query.ascending() ? "ASC" : "DESC")
            + " LIMIT $"
            + params.size();
    return pool.preparedQuery(sql)
        .execute(tuple(params.toArray()))
        .map(
            rows -> {
              List<StoredEvent> out = new ArrayList<>(rows.size());
              rows.forEach(r -> out.add(EventRows.read(r)));
              return out;
            });
  }

  @Override
  public Uni<Long> deleteRun(String runId) {
    return pool.withTransaction(
        conn ->
            lockAppends(conn)
                .chain(
                    () ->
                        conn.preparedQuery(
                                "SELECT DISTINCT asset_key FROM event_logs"
                                    + " WHERE run_id = $1 AND asset_key IS NOT NULL")
                            .execute(Tuple.of(runId)))
                .flatMap(
                    assets -> {
                      List<String> keys = new ArrayList<>();
                      assets.forEach(r -> keys.add(r.getString("asset_key")));
                      return conn.preparedQuery("DELETE FROM event_logs WHERE run_id = $1")
                          .execute(Tuple.of(runId))
                          .call(
                              () ->
                                  conn.preparedQuery(
                                          "DELETE FROM asset_check_executions WHERE run_id = $1")
                                      .execute(Tuple.of(runId)))
                          // The run's recorded sequences go with its events, so that a worker
                          // that sends them again stores them again, as before the deletion.
                          .call(
                              () ->
                                  conn.preparedQuery(
                                          "DELETE FROM event_ingest_attempts WHERE run_id = $1")
                                      .execute(Tuple.of(runId)))
                          .call(
                              () ->
                                  keys.isEmpty()
                                      ? Uni.createFrom().voidItem()
                                      : PostgresAssetIndex.reindex(
                                          conn, keys.toArray(String[]::new)))
                          .map(deleted -> (long) deleted.rowCount());
                    }));
  }

  @Override
  public Uni<Long> deleteBefore(Instant cutoff) {
    return deleteChunk(cutoff, 0L);
  }

  /** Deletes one chunk, then the next, until a chunk comes back short. */
  private Uni<Long> deleteChunk(Instant cutoff, long deletedSoFar) {
    return pool.preparedQuery(
            "DELETE FROM event_logs WHERE id IN (SELECT e.id FROM event_logs e"
                + " WHERE e.timestamp < $1 AND e.id NOT IN ("
                + " SELECT last_materialization_event_id FROM asset_keys"
                + " WHERE last_materialization_event_id IS NOT NULL"
                + " UNION ALL SELECT last_observation_event_id FROM asset_keys"
                + " WHERE last_observation_event_id IS NOT NULL)"
                + " LIMIT $2)")
        .execute(Tuple.of(EventRows.time(cutoff), RETENTION_CHUNK))
        .flatMap(
            rows -> {
              long total = deletedSoFar + rows.rowCount();
              return rows.rowCount() < RETENTION_CHUNK
                  ? Uni.createFrom().item(total)
                  : deleteChunk(cutoff, total);
            });
  }

  @Override
  public Multi<RunEventsAppended> appended() {
    return notifications.stream();
  }
}
