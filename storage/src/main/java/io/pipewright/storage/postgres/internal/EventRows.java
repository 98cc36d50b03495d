package io.pipewright.storage.postgres.internal;

import io.pipewright.core.asset.AssetCheckExecutionStatus;
import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.event.StoredEvent;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.storage.internal.EventFacts;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** SQL and row codecs of the event log and the asset index. */
public final class EventRows {

  /**
   * The key of the transaction-scoped advisory lock every append takes: appends commit one at a
   * time, so event ids become visible in increasing order and a reader's cursor never passes an
   * event that commits later with a smaller id.
   */
  public static final long APPEND_LOCK = 0x7069706577726974L; // "pipewrit"

  /** The columns a stored event is read from. */
  public static final String COLUMNS = "id, run_id, step_key, attempt, body";

  /**
   * One statement per group of batches (see {@link GroupCommit}), so one round trip and its own
   * transaction: it takes the append lock (first, through the lateral join, before any id is
   * drawn), inserts the events with one multi-row insert (resent step events conflict on the ingest
   * key and are skipped), keeps each asset's latest materialization and observation in {@code
   * asset_keys}, and notifies once per run; PostgreSQL delivers the notifications when the
   * statement commits.
   *
   * <p>It answers rows of three kinds ({@code kind}): 0, one per (run, step, attempt) of the
   * inserted events, with their ids and worker sequences as arrays in id order (a few rows to
   * decode, not one per event); 1, one per ingested attempt, with the attempt's highest sequence
   * stored before the statement began ({@code n}); 2, once, the notifications sent ({@code n}).
   *
   * <p>Parameters: $1 lock key, $2-$10 the event columns as arrays, $11 the channel, $12-$14 the
   * ingested attempts as arrays (run, step, attempt; empty for host appends).
   */
  public static final String APPEND =
      "WITH input AS ("
          + " SELECT u.* FROM (SELECT pg_advisory_xact_lock($1)) l CROSS JOIN LATERAL"
          + " unnest($2::varchar[], $3::text[], $4::int[], $5::bigint[], $6::varchar[],"
          + " $7::timestamptz[], $8::text[], $9::text[], $10::bytea[]) WITH ORDINALITY"
          + " AS u(run_id, step_key, attempt, seq, type, ts, asset, part, body, ord)),"
          + " ins AS ("
          + " INSERT INTO event_logs (run_id, step_key, attempt, worker_sequence, event_type,"
          + " timestamp, asset_key, partition, body)"
          + " SELECT run_id, step_key, attempt, seq, type, ts, asset, part, body FROM input"
          + " ORDER BY ord"
          + " ON CONFLICT ON CONSTRAINT event_logs_ingest_key DO NOTHING"
          + " RETURNING id, run_id, step_key, attempt, worker_sequence, event_type, timestamp,"
          + " asset_key),"
          + " latest AS ("
          + " SELECT asset_key,"
          + " max(id) FILTER (WHERE event_type = 'ASSET_MATERIALIZATION') AS mat_id,"
          + " max(id) FILTER (WHERE event_type = 'ASSET_OBSERVATION') AS obs_id"
          + " FROM ins WHERE asset_key IS NOT NULL GROUP BY asset_key),"
          + " assets AS ("
          + " INSERT INTO asset_keys AS a (asset_key, last_materialization_event_id,"
          + " last_materialization_run_id, last_materialization_time, last_observation_event_id,"
          + " last_observation_time)"
          + " SELECT l.asset_key, l.mat_id, m.run_id, m.timestamp, l.obs_id, o.timestamp"
          + " FROM latest l LEFT JOIN ins m ON m.id = l.mat_id LEFT JOIN ins o ON o.id = l.obs_id"
          + " ON CONFLICT (asset_key) DO UPDATE SET"
          + " last_materialization_event_id = COALESCE(EXCLUDED.last_materialization_event_id,"
          + " a.last_materialization_event_id),"
          + " last_materialization_run_id = CASE WHEN EXCLUDED.last_materialization_event_id IS NULL"
          + " THEN a.last_materialization_run_id ELSE EXCLUDED.last_materialization_run_id END,"
          + " last_materialization_time = CASE WHEN EXCLUDED.last_materialization_event_id IS NULL"
          + " THEN a.last_materialization_time ELSE EXCLUDED.last_materialization_time END,"
          + " last_observation_event_id = COALESCE(EXCLUDED.last_observation_event_id,"
          + " a.last_observation_event_id),"
          + " last_observation_time = CASE WHEN EXCLUDED.last_observation_event_id IS NULL"
          + " THEN a.last_observation_time ELSE EXCLUDED.last_observation_time END),"
          + " notified AS ("
          + " SELECT count(pg_notify($11, r.id || ':' || r.run_id)) AS n"
          + " FROM (SELECT run_id, max(id) AS id FROM ins GROUP BY run_id) r)"
          + " SELECT 0 AS kind, NULL::bigint AS n, run_id, step_key, attempt,"
          + " array_agg(id ORDER BY id) AS ids, array_agg(worker_sequence ORDER BY id) AS seqs"
          + " FROM ins GROUP BY run_id, step_key, attempt"
          + " UNION ALL"
          + " SELECT 1, (SELECT max(e.worker_sequence) FROM event_logs e WHERE e.run_id = a.run_id"
          + " AND e.step_key = a.step_key AND e.attempt = a.attempt), a.run_id, a.step_key,"
          + " a.attempt, NULL, NULL FROM unnest($12::varchar[], $13::text[], $14::int[])"
          + " AS a(run_id, step_key, attempt)"
          + " UNION ALL"
          + " SELECT 2, n, NULL, NULL, NULL, NULL, NULL FROM notified";

  /** Records check evaluations. */
  public static final String INSERT_CHECKS =
      "INSERT INTO asset_check_executions (asset_key, check_name, partition, run_id, status,"
          + " evaluation_event_id, evaluation_time)"
          + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::varchar[],"
          + " $5::varchar[], $6::bigint[], $7::timestamptz[])";

  private EventRows() {}

  /**
   * One write's events as the columns of {@link #APPEND}, encoded by the caller's thread (bodies
   * included) so that a group's statement only concatenates them.
   *
   * @param events the events
   * @param attempt the ingested attempt, or null for a host append (sequences are then not recorded
   *     as worker sequences, so not de-duplicated)
   * @param runs the run column
   * @param steps the step column
   * @param attempts the attempt column
   * @param seqs the worker sequence column
   * @param types the type column
   * @param times the timestamp column
   * @param assets the asset key column
   * @param parts the partition column
   * @param bodies the body column
   */
  public record Encoded(
      List<EventRecord> events,
      StepEventBatch attempt,
      String[] runs,
      String[] steps,
      Integer[] attempts,
      Long[] seqs,
      String[] types,
      OffsetDateTime[] times,
      String[] assets,
      String[] parts,
      Buffer[] bodies) {

    /**
     * Encodes a write.
     *
     * @param events the events
     * @param attempt the ingested attempt, or null for a host append
     * @return the columns
     */
    public static Encoded of(List<EventRecord> events, StepEventBatch attempt) {
      boolean ingested = attempt != null;
      int n = events.size();
      Encoded out =
          new Encoded(
              events,
              attempt,
              new String[n],
              new String[n],
              new Integer[n],
              new Long[n],
              new String[n],
              new OffsetDateTime[n],
              new String[n],
              new String[n],
              new Buffer[n]);
      for (int i = 0; i < n; i++) {
        EventRecord e = events.get(i);
        out.runs[i] = e.runId();
        out.steps[i] = e.stepKey();
        out.attempts[i] = e.attempt();
        out.seqs[i] = ingested ? e.sequence() : null;
        out.types[i] = e.type().value();
        out.times[i] = time(e.timestamp());
        AssetKeySnapshot key = EventFacts.assetKey(e);
        out.assets[i] = key == null ? null : key.toUserString();
        out.parts[i] = key == null ? null : EventFacts.partition(e);
        out.bodies[i] = Buffer.buffer(Bodies.event(e));
      }
      return out;
    }

    /**
     * How many events.
     *
     * @return the count
     */
    public int size() {
      return events.size();
    }
  }

  /**
   * The parameters of {@link #APPEND} for a group of writes, in order.
   *
   * @param group the writes
   * @return the tuple
   */
  public static Tuple appendParams(List<Encoded> group) {
    int n = 0;
    int ingests = 0;
    for (Encoded e : group) {
      n += e.size();
      ingests += e.attempt() == null ? 0 : 1;
    }
    String[] runs = new String[n];
    String[] steps = new String[n];
    Integer[] attempts = new Integer[n];
    Long[] seqs = new Long[n];
    String[] types = new String[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    String[] assets = new String[n];
    String[] parts = new String[n];
    Buffer[] bodies = new Buffer[n];
    String[] attemptRuns = new String[ingests];
    String[] attemptSteps = new String[ingests];
    Integer[] attemptNumbers = new Integer[ingests];
    int at = 0;
    int a = 0;
    for (Encoded e : group) {
      int k = e.size();
      System.arraycopy(e.runs(), 0, runs, at, k);
      System.arraycopy(e.steps(), 0, steps, at, k);
      System.arraycopy(e.attempts(), 0, attempts, at, k);
      System.arraycopy(e.seqs(), 0, seqs, at, k);
      System.arraycopy(e.types(), 0, types, at, k);
      System.arraycopy(e.times(), 0, times, at, k);
      System.arraycopy(e.assets(), 0, assets, at, k);
      System.arraycopy(e.parts(), 0, parts, at, k);
      System.arraycopy(e.bodies(), 0, bodies, at, k);
      at += k;
      if (e.attempt() != null) {
        attemptRuns[a] = e.attempt().runId();
        attemptSteps[a] = e.attempt().stepKey();
        attemptNumbers[a] = e.attempt().attempt();
        a++;
      }
    }
    return tuple(
        APPEND_LOCK,
        runs,
        steps,
        attempts,
        seqs,
        types,
        times,
        assets,
        parts,
        bodies,
        EventNotifications.CHANNEL,
        attemptRuns,
        attemptSteps,
        attemptNumbers);
  }

  /**
   * Builds a tuple of values, each passed as one parameter (arrays included).
   *
   * @param values the values
   * @return the tuple
   */
  public static Tuple tuple(Object... values) {
    Tuple t = Tuple.tuple();
    for (Object v : values) {
      t.addValue(v);
    }
    return t;
  }

  /**
   * Converts a time for the client.
   *
   * @param t the time, or null
   * @return the same time in UTC, or null
   */
  public static OffsetDateTime time(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  /**
   * Reads a stored event.
   *
   * @param row a row with {@link #COLUMNS}
   * @return the event
   */
  public static StoredEvent read(Row row) {
    return new StoredEvent(
        row.getLong("id"),
        Bodies.event(
            row.getBuffer("body").getBytes(),
            row.getString("run_id"),
            row.getString("step_key"),
            row.getInteger("attempt")));
  }

  /**
   * The check executions' parameters for newly stored events.
   *
   * @param stored the stored events
   * @return the insert's tuple, or null when no event is a check evaluation
   */
  public static Tuple checkParams(List<StoredEvent> stored) {
    List<StoredEvent> checks = new ArrayList<>();
    for (StoredEvent s : stored) {
      if (s.event().payload() instanceof AssetCheckEvaluationPayload) {
        checks.add(s);
      }
    }
    if (checks.isEmpty()) {
      return null;
    }
    int n = checks.size();
    String[] keys = new String[n];
    String[] names = new String[n];
    String[] parts = new String[n];
    String[] runs = new String[n];
    String[] statuses = new String[n];
    Long[] ids = new Long[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      StoredEvent s = checks.get(i);
      AssetCheckEvaluationPayload p = (AssetCheckEvaluationPayload) s.event().payload();
      keys[i] = p.assetKey().toUserString();
      names[i] = p.checkName();
      parts[i] = p.partition();
      runs[i] = s.event().runId();
      statuses[i] =
          (p.passed() ? AssetCheckExecutionStatus.SUCCEEDED : AssetCheckExecutionStatus.FAILED)
              .name();
      ids[i] = s.id();
      times[i] = time(s.event().timestamp());
    }
    return tuple(keys, names, parts, runs, statuses, ids, times);
  }
}
