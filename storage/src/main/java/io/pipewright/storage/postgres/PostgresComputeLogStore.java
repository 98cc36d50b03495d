package io.pipewright.storage.postgres;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.logs.LogChunk;
import io.pipewright.core.logs.LogStream;
import io.pipewright.storage.internal.LogTails;
import io.pipewright.storage.internal.Utf8;
import io.pipewright.storage.postgres.internal.PgErrors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ComputeLogStore} on PostgreSQL, with the reactive client: {@code compute_log_chunks},
 * one row per append, keyed by attempt, stream and byte offset. For hosts that cannot share a file
 * system with the code that writes the logs (a launcher copying a pod's log, a webserver in another
 * pod).
 *
 * <p>Typed as its own class only: hosts choose their compute log store by configuration ({@code
 * ComputeLogStores}), so this bean must not also satisfy every injection of the port.
 */
@ApplicationScoped
@Typed(PostgresComputeLogStore.class)
public class PostgresComputeLogStore implements ComputeLogStore {

  /** How long one statement may take. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final String KEY =
      "run_id = $1 AND step_key = $2 AND attempt = $3 AND stream = $4";

  private static final String APPEND =
      "INSERT INTO compute_log_chunks"
          + " (run_id, step_key, attempt, stream, byte_offset, data, created_at)"
          + " SELECT $1, $2, $3, $4,"
          + " COALESCE((SELECT byte_offset + octet_length(data) FROM compute_log_chunks WHERE "
          + KEY
          + " ORDER BY byte_offset DESC LIMIT 1), 0), $5, $6";

  private static final String SIZE =
      "SELECT byte_offset + octet_length(data) AS size FROM compute_log_chunks WHERE "
          + KEY
          + " ORDER BY byte_offset DESC LIMIT 1";

  private static final String CHUNKS =
      "SELECT byte_offset, data FROM compute_log_chunks WHERE "
          + KEY
          + " AND byte_offset + octet_length(data) > $5 AND byte_offset < $6 ORDER BY byte_offset";

  private final Pool pool;
  private final Clock clock;

  /**
   * Creates the adapter.
   *
   * @param pool the reactive client's pool
   */
  @Inject
  public PostgresComputeLogStore(Pool pool) {
    this(pool, Clock.systemUTC());
  }

  /**
   * Creates the adapter with a clock.
   *
   * @param pool the reactive client's pool
   * @param clock stamps appends, for retention
   */
  public PostgresComputeLogStore(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public void append(AttemptId attempt, LogStream stream, byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    Tuple params =
        key(attempt, stream)
            .addValue(io.vertx.core.buffer.Buffer.buffer(bytes))
            .addValue(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    Uni<RowSet<Row>> insert = pool.preparedQuery(APPEND).execute(params);
    // One writer per stream; should two race, the loser's offset collides and it appends again.
    await(insert.onFailure(PgErrors::isUniqueViolation).retry().atMost(3));
  }

  @Override
  public LogChunk read(AttemptId attempt, LogStream stream, long offset, int maxBytes) {
    Utf8.checkRead(offset, maxBytes);
    long size = size(attempt, stream);
    if (offset >= size) {
      return new LogChunk("", offset, offset, true);
    }
    int length = (int) Math.min(maxBytes, size - offset);
    byte[] bytes = range(attempt, stream, offset, length);
    return Utf8.chunk(bytes, bytes.length, offset, size);
  }

  @Override
  public List<String> tail(AttemptId attempt, LogStream stream, int maxLines) {
    if (maxLines <= 0) {
      return List.of();
    }
    long size = size(attempt, stream);
    long start = Math.max(0, size - LogTails.TAIL_BYTES);
    byte[] bytes = range(attempt, stream, start, (int) (size - start));
    return LogTails.lastLines(bytes, bytes.length, start > 0, maxLines);
  }

  @Override
  public List<AttemptId> attempts(String runId) {
    RowSet<Row> rows =
        await(
            pool.preparedQuery(
                    "SELECT step_key, attempt FROM compute_log_chunks WHERE run_id = $1"
                        + " GROUP BY step_key, attempt ORDER BY step_key COLLATE \"C\", attempt")
                .execute(Tuple.of(runId)));
    List<AttemptId> attempts = new ArrayList<>();
    for (Row row : rows) {
      attempts.add(new AttemptId(runId, row.getString("step_key"), row.getInteger("attempt")));
    }
    return attempts;
  }

  @Override
  public int deleteRun(String runId) {
    RowSet<Row> rows =
        await(
            pool.preparedQuery(
                    "WITH deleted AS (DELETE FROM compute_log_chunks WHERE run_id = $1"
                        + " RETURNING step_key, attempt)"
                        + " SELECT count(DISTINCT (step_key, attempt)) AS n FROM deleted")
                .execute(Tuple.of(runId)));
    return rows.iterator().next().getLong("n").intValue();
  }

  @Override
  public int deleteOlderThan(Instant cutoff) {
    RowSet<Row> rows =
        await(
            pool.preparedQuery(
                    "WITH old AS ("
                        + " SELECT DISTINCT c.run_id, c.step_key, c.attempt FROM compute_log_chunks c"
                        + " WHERE c.created_at < $1 AND NOT EXISTS (SELECT 1 FROM compute_log_chunks x"
                        + " WHERE x.run_id = c.run_id AND x.step_key = c.step_key"
                        + " AND x.attempt = c.attempt AND x.created_at >= $1)),"
                        + " deleted AS (DELETE FROM compute_log_chunks c USING old"
                        + " WHERE c.run_id = old.run_id AND c.step_key = old.step_key"
                        + " AND c.attempt = old.attempt RETURNING 1)"
                        + " SELECT (SELECT count(*) FROM old) AS n, (SELECT count(*) FROM deleted)")
                .execute(Tuple.of(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))));
    return rows.iterator().next().getLong("n").intValue();
  }

  private long size(AttemptId attempt, LogStream stream) {
    RowSet<Row> rows = await(pool.preparedQuery(SIZE).execute(key(attempt, stream)));
    return rows.size() == 0 ? 0 : rows.iterator().next().getLong("size");
  }

  /** Reads {@code length} bytes from {@code offset}, assembled from the chunks that overlap. */
  private byte[] range(AttemptId attempt, LogStream stream, long offset, int length) {
    if (length == 0) {
      return new byte[0];
    }
    long end = offset + length;
    RowSet<Row> rows =
        await(
            pool.preparedQuery(CHUNKS)
                .execute(key(attempt, stream).addValue(offset).addValue(end)));
    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
    for (Row row : rows) {
      long chunkStart = row.getLong("byte_offset");
      byte[] data = row.getBuffer("data").getBytes();
      int from = (int) Math.max(0, offset - chunkStart);
      int to = (int) Math.min(data.length, end - chunkStart);
      out.write(data, from, to - from);
    }
    return out.toByteArray();
  }

  private static Tuple key(AttemptId attempt, LogStream stream) {
    return Tuple.of(attempt.runId(), attempt.stepKey(), attempt.attempt(), stream.name());
  }

  private static <T> T await(Uni<T> call) {
    return call.await().atMost(TIMEOUT);
  }
}
