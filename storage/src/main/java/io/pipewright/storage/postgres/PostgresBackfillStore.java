package io.pipewright.storage.postgres;

import static io.pipewright.storage.postgres.internal.EventRows.time;
import static io.pipewright.storage.postgres.internal.EventRows.tuple;

import io.pipewright.core.backfill.Backfill;
import io.pipewright.core.backfill.BackfillAlreadyExistsException;
import io.pipewright.core.backfill.BackfillNotFoundException;
import io.pipewright.core.backfill.BackfillPartition;
import io.pipewright.core.backfill.BackfillPartitionStatus;
import io.pipewright.core.backfill.BackfillStatus;
import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.storage.internal.Failures;
import io.pipewright.storage.internal.StringJson;
import io.pipewright.storage.internal.Updates;
import io.pipewright.storage.postgres.internal.Bodies;
import io.pipewright.storage.postgres.internal.PgErrors;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@link BackfillStore} on PostgreSQL, with the reactive client: {@code bulk_actions} and one
 * row per partition in {@code bulk_action_partitions}, written with {@code unnest} in one statement
 * however many partitions change, so that a 10,000-partition backfill's progress costs one update
 * of the changed rows.
 */
@ApplicationScoped
public class PostgresBackfillStore implements BackfillStore {

  private static final String COLUMNS =
      "backfill_id, status, code_location, job_name, asset_selection, tags, from_failure, error,"
          + " create_time, end_time";

  private final Pool pool;

  /**
   * Creates the adapter.
   *
   * @param pool the reactive client's pool
   */
  public PostgresBackfillStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Uni<Backfill> add(Backfill b) {
    List<String> assets = b.assetSelection().stream().map(AssetKeySnapshot::toUserString).toList();
    byte[] error = Bodies.error(b.error());
    return pool.withTransaction(
            conn ->
                conn.preparedQuery(
                        "INSERT INTO bulk_actions (backfill_id, status, code_location, job_name,"
                            + " asset_selection, tags, from_failure, error, create_time, end_time)"
                            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                    .execute(
                        tuple(
                            b.backfillId(),
                            b.status().name(),
                            b.codeLocation(),
                            b.jobName(),
                            StringJson.array(assets),
                            StringJson.object(b.tags()),
                            b.fromFailure(),
                            error == null ? null : Buffer.buffer(error),
                            time(b.createTime()),
                            time(b.endTime())))
                    .call(() -> upsertPartitions(conn, b.backfillId(), b.partitions(), 0)))
        .onFailure(PgErrors::isUniqueViolation)
        .transform(e -> new BackfillAlreadyExistsException(b.backfillId()))
        .replaceWith(b);
  }

  /** Writes partitions numbered from {@code first}: new rows are inserted, existing updated. */
  private static Uni<Void> upsertPartitions(
      SqlClient conn, String backfillId, List<BackfillPartition> partitions, int first) {
    return upsertPartitions(conn, backfillId, partitions, ordinalsFrom(first, partitions.size()));
  }

  private static Integer[] ordinalsFrom(int first, int n) {
    Integer[] out = new Integer[n];
    for (int i = 0; i < n; i++) {
      out[i] = first + i;
    }
    return out;
  }

  private static Uni<Void> upsertPartitions(
      SqlClient conn, String backfillId, List<BackfillPartition> partitions, Integer[] ordinals) {
    if (partitions.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = partitions.size();
    String[] keys = new String[n];
    String[] statuses = new String[n];
    String[] runs = new String[n];
    for (int i = 0; i < n; i++) {
      BackfillPartition p = partitions.get(i);
      keys[i] = p.partitionKey();
      statuses[i] = p.status().name();
      runs[i] = p.runId();
    }
    return conn.preparedQuery(
            "INSERT INTO bulk_action_partitions (backfill_id, ordinal, partition_key, status,"
                + " run_id) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::varchar[],"
                + " $5::varchar[])"
                + " ON CONFLICT (backfill_id, ordinal) DO UPDATE SET"
                + " status = EXCLUDED.status, run_id = EXCLUDED.run_id")
        .execute(tuple(backfillId, ordinals, keys, statuses, runs))
        .replaceWithVoid();
  }

  @Override
  public Uni<Optional<Backfill>> find(String backfillId) {
    return pool.withConnection(conn -> load(conn, backfillId, false));
  }

  private static Uni<Optional<Backfill>> load(SqlClient conn, String backfillId, boolean lock) {
    return conn.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM bulk_actions WHERE backfill_id = $1"
                + (lock ? " FOR UPDATE" : ""))
        .execute(Tuple.of(backfillId))
        .flatMap(
            rows -> {
              if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.<Backfill>empty());
              }
              Row head = rows.iterator().next();
              return partitions(conn, List.of(backfillId))
                  .map(parts -> Optional.of(read(head, parts.getOrDefault(backfillId, List.of()))));
            });
  }

  private static Uni<Map<String, List<BackfillPartition>>> partitions(
      SqlClient conn, List<String> backfillIds) {
    return conn.preparedQuery(
            "SELECT backfill_id, partition_key, status, run_id FROM bulk_action_partitions"
                + " WHERE backfill_id = ANY($1) ORDER BY backfill_id, ordinal")
        .execute(tuple((Object) backfillIds.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, List<BackfillPartition>> out = new HashMap<>();
              for (Row r : rows) {
                out.computeIfAbsent(r.getString("backfill_id"), k -> new ArrayList<>())
                    .add(
                        new BackfillPartition(
                            r.getString("partition_key"),
                            BackfillPartitionStatus.valueOf(r.getString("status")),
                            r.getString("run_id")));
              }
              return out;
            });
  }

  private static Backfill read(Row r, List<BackfillPartition> partitions) {
    var error = r.getBuffer("error");
    OffsetDateTime end = r.getOffsetDateTime("end_time");
    return new Backfill(
        r.getString("backfill_id"),
        BackfillStatus.valueOf(r.getString("status")),
        r.getString("code_location"),
        r.getString("job_name"),
        StringJson.parseArray(r.getString("asset_selection")).stream()
            .map(AssetKeySnapshot::fromUserString)
            .toList(),
        partitions,
        StringJson.parseObject(r.getString("tags")),
        r.getBoolean("from_failure"),
        error == null ? null : Bodies.error(error.getBytes()),
        r.getOffsetDateTime("create_time").toInstant(),
        end == null ? null : end.toInstant());
  }

  @Override
  public Uni<List<Backfill>> list(Set<BackfillStatus> statuses, String afterBackfillId, int limit) {
    return pool.withConnection(
        conn ->
            Uni.createFrom()
                .voidItem()
                .invoke(() -> Failures.requireLimit(limit))
                .chain(() -> cursor(conn, afterBackfillId))
                .flatMap(
                    cursor ->
                        conn.preparedQuery(
                                "SELECT "
                                    + COLUMNS
                                    + " FROM bulk_actions WHERE id < $1"
                                    + " AND (cardinality($2::varchar[]) = 0 OR status = ANY($2))"
                                    + " ORDER BY id DESC LIMIT $3")
                            .execute(
                                tuple(
                                    cursor,
                                    statuses.stream().map(Enum::name).toArray(String[]::new),
                                    limit)))
                .flatMap(rows -> withPartitions(conn, rows)));
  }

  private static Uni<Long> cursor(SqlClient conn, String afterBackfillId) {
    if (afterBackfillId == null) {
      return Uni.createFrom().item(Long.MAX_VALUE);
    }
    return conn.preparedQuery("SELECT id FROM bulk_actions WHERE backfill_id = $1")
        .execute(Tuple.of(afterBackfillId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw new BackfillNotFoundException(afterBackfillId);
              }
              return rows.iterator().next().getLong("id");
            });
  }

  private static Uni<List<Backfill>> withPartitions(SqlClient conn, RowSet<Row> rows) {
    List<Row> heads = new ArrayList<>();
    rows.forEach(heads::add);
    List<String> ids = heads.stream().map(r -> r.getString("backfill_id")).toList();
    return partitions(conn, ids)
        .map(
            parts -> {
              Map<String, Backfill> out = new LinkedHashMap<>();
              for (Row head : heads) {
                String id = head.getString("backfill_id");
                out.put(id, read(head, parts.getOrDefault(id, List.of())));
              }
              return List.copyOf(out.values());
            });
  }

  @Override
  public Uni<Backfill> update(String backfillId, UnaryOperator<Backfill> change) {
    return pool.withTransaction(
        conn ->
            load(conn, backfillId, true)
                .flatMap(
                    found -> {
                      Backfill stored =
                          found.orElseThrow(() -> new BackfillNotFoundException(backfillId));
                      Backfill next = change.apply(stored);
                      List<BackfillPartition> changed = Updates.checkBackfill(stored, next);
                      byte[] error = Bodies.error(next.error());
                      return conn.preparedQuery(
                              "UPDATE bulk_actions SET status = $2, tags = $3, from_failure = $4,"
                                  + " error = $5, end_time = $6 WHERE backfill_id = $1")
                          .execute(
                              tuple(
                                  backfillId,
                                  next.status().name(),
                                  StringJson.object(next.tags()),
                                  next.fromFailure(),
                                  error == null ? null : Buffer.buffer(error),
                                  time(next.endTime())))
                          .call(
                              () ->
                                  upsertPartitions(
                                      conn, backfillId, changed, ordinals(stored, changed)))
                          .replaceWith(next);
                    }));
  }

  /** The ordinals of changed partitions, found by key in the stored order. */
  private static Integer[] ordinals(Backfill stored, List<BackfillPartition> changed) {
    Map<String, Integer> byKey = new HashMap<>();
    for (int i = 0; i < stored.partitions().size(); i++) {
      byKey.put(stored.partitions().get(i).partitionKey(), i);
    }
    Integer[] out = new Integer[changed.size()];
    for (int i = 0; i < changed.size(); i++) {
      out[i] = byKey.get(changed.get(i).partitionKey());
    }
    return out;
  }
}
