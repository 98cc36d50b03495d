package io.pipewright.storage.postgres;

import static io.pipewright.storage.postgres.internal.EventRows.tuple;

import io.pipewright.core.asset.AssetCheckExecution;
import io.pipewright.core.asset.AssetCheckExecutionStatus;
import io.pipewright.core.asset.AssetIndex;
import io.pipewright.core.asset.AssetRecord;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.storage.internal.Failures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link AssetIndex} on PostgreSQL, with the reactive client: tables {@code asset_keys} and
 * {@code asset_check_executions}, which {@link PostgresEventLog} keeps.
 */
@ApplicationScoped
public class PostgresAssetIndex implements AssetIndex {

  private static final String COLUMNS =
      "asset_key, last_materialization_event_id, last_materialization_run_id,"
          + " last_materialization_time, last_observation_event_id, last_observation_time";

  private final Pool pool;

  /**
   * Creates the adapter.
   *
   * @param pool the reactive client's pool
   */
  public PostgresAssetIndex(Pool pool) {
    this.pool = pool;
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime t = row.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  private static AssetRecord read(Row r) {
    return new AssetRecord(
        AssetKeySnapshot.fromUserString(r.getString("asset_key")),
        r.getLong("last_materialization_event_id"),
        r.getString("last_materialization_run_id"),
        instant(r, "last_materialization_time"),
        r.getLong("last_observation_event_id"),
        instant(r, "last_observation_time"));
  }

  @Override
  public Uni<Optional<AssetRecord>> asset(AssetKeySnapshot assetKey) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM asset_keys WHERE asset_key = $1")
        .execute(Tuple.of(assetKey.toUserString()))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
  }

  @Override
  public Uni<List<AssetRecord>> list(AssetKeySnapshot afterKey, int limit) {
    return Uni.createFrom()
        .voidItem()
        .invoke(() -> Failures.requireLimit(limit))
        .chain(
            () ->
                pool.preparedQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM asset_keys WHERE ($1::text IS NULL OR asset_key > $1)"
                            + " ORDER BY asset_key LIMIT $2")
                    .execute(Tuple.of(afterKey == null ? null : afterKey.toUserString(), limit)))
        .map(
            rows -> {
              List<AssetRecord> out = new ArrayList<>();
              rows.forEach(r -> out.add(read(r)));
              return out;
            });
  }

  @Override
  public Uni<Map<String, Long>> latestEventIdByPartition(
      AssetKeySnapshot assetKey, DagsterEventType type) {
    return pool.preparedQuery(
            "SELECT partition, max(id) AS id FROM event_logs"
                + " WHERE asset_key = $1 AND event_type = $2 AND partition IS NOT NULL"
                + " GROUP BY partition ORDER BY partition")
        .execute(Tuple.of(assetKey.toUserString(), type.value()))
        .map(
            rows -> {
              Map<String, Long> out = new LinkedHashMap<>();
              rows.forEach(r -> out.put(r.getString("partition"), r.getLong("id")));
              return Collections.unmodifiableMap(out);
            });
  }

  @Override
  public Uni<List<AssetCheckExecution>> checkExecutions(
      AssetKeySnapshot assetKey, String checkName, long beforeEventId, int limit) {
    return Uni.createFrom()
        .voidItem()
        .invoke(() -> Failures.requireLimit(limit))
        .chain(
            () ->
                pool.preparedQuery(
                        "SELECT check_name, partition, run_id, status, evaluation_event_id,"
                            + " evaluation_time FROM asset_check_executions"
                            + " WHERE asset_key = $1 AND check_name = $2"
                            + " AND evaluation_event_id < $3"
                            + " ORDER BY evaluation_event_id DESC LIMIT $4")
                    .execute(Tuple.of(assetKey.toUserString(), checkName, beforeEventId, limit)))
        .map(
            rows -> {
              List<AssetCheckExecution> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    new AssetCheckExecution(
                        assetKey,
                        r.getString("check_name"),
                        r.getString("partition"),
                        r.getString("run_id"),
                        AssetCheckExecutionStatus.valueOf(r.getString("status")),
                        r.getLong("evaluation_event_id"),
                        instant(r, "evaluation_time")));
              }
              return out;
            });
  }

  @Override
  public Uni<Integer> wipe(List<AssetKeySnapshot> assetKeys) {
    String[] keys = assetKeys.stream().map(AssetKeySnapshot::toUserString).toArray(String[]::new);
    return pool.withTransaction(
        conn ->
            PostgresEventLog.lockAppends(conn)
                .chain(
                    () ->
                        conn.preparedQuery("DELETE FROM asset_keys WHERE asset_key = ANY($1)")
                            .execute(tuple((Object) keys)))
                .call(
                    () ->
                        conn.preparedQuery(
                                "DELETE FROM asset_check_executions WHERE asset_key = ANY($1)")
                            .execute(tuple((Object) keys)))
                .call(
                    () ->
                        conn.preparedQuery(
                                "UPDATE event_logs SET asset_key = NULL WHERE asset_key = ANY($1)")
                            .execute(tuple((Object) keys)))
                .map(deleted -> deleted.rowCount()));
  }

  /**
   * Recomputes assets' rows from their remaining events (after a run's events were deleted), and
   * drops the rows of assets no event names any more.
   *
   * @param conn the transaction's connection
   * @param keys the assets' user strings
   * @return completion
   */
  static Uni<Void> reindex(SqlConnection conn, String[] keys) {
    return conn.preparedQuery(
            "UPDATE asset_keys a SET"
                + " last_materialization_event_id = m.id, last_materialization_run_id = m.run_id,"
                + " last_materialization_time = m.timestamp,"
                + " last_observation_event_id = o.id, last_observation_time = o.timestamp"
                + " FROM unnest($1::text[]) k(key)"
                + " LEFT JOIN LATERAL (SELECT id, run_id, timestamp FROM event_logs"
                + "   WHERE asset_key = k.key AND event_type = 'ASSET_MATERIALIZATION'"
                + "   ORDER BY id DESC LIMIT 1) m ON true"
                + " LEFT JOIN LATERAL (SELECT id, timestamp FROM event_logs"
                + "   WHERE asset_key = k.key AND event_type = 'ASSET_OBSERVATION'"
                + "   ORDER BY id DESC LIMIT 1) o ON true"
                + " WHERE a.asset_key = k.key")
        .execute(tuple((Object) keys))
        .chain(
            () ->
                conn.preparedQuery(
                        "DELETE FROM asset_keys a WHERE a.asset_key = ANY($1) AND NOT EXISTS"
                            + " (SELECT 1 FROM event_logs e WHERE e.asset_key = a.asset_key)")
                    .execute(tuple((Object) keys)))
        .replaceWithVoid();
  }
}
