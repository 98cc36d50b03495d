package io.pipewright.storage.postgres.internal;

import io.pipewright.core.asset.AssetCheckExecutionStatus;
import io.pipewright.core.event.AssetCheckEvaluationPayload;
import io.pipewright.core.event.DagsterEventType;
import io.pipewright.core.event.EventRecord;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
   * One multi-row insert per batch; resent step events conflict on the ingest key and are skipped.
   */
  public static final String INSERT =
      "INSERT INTO event_logs (run_id, step_key, attempt, worker_sequence, event_type, timestamp,"
          + " asset_key, partition, body)"
          + " SELECT u.run_id, u.step_key, u.attempt, u.seq, u.type, u.ts, u.asset, u.part, u.body"
          + " FROM unnest($1::varchar[], $2::text[], $3::int[], $4::bigint[], $5::varchar[],"
          + " $6::timestamptz[], $7::text[], $8::text[], $9::bytea[]) WITH ORDINALITY"
          + " AS u(run_id, step_key, attempt, seq, type, ts, asset, part, body, ord)"
          + " ORDER BY u.ord"
          + " ON CONFLICT ON CONSTRAINT event_logs_ingest_key DO NOTHING"
          + " RETURNING id, worker_sequence";

  /** Keeps each asset's latest materialization and observation. */
  public static final String UPSERT_ASSETS =
      "INSERT INTO asset_keys AS a (asset_key, last_materialization_event_id,"
          + " last_materialization_run_id, last_materialization_time, last_observation_event_id,"
          + " last_observation_time)"
          + " SELECT * FROM unnest($1::text[], $2::bigint[], $3::varchar[], $4::timestamptz[],"
          + " $5::bigint[], $6::timestamptz[])"
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
          + " THEN a.last_observation_time ELSE EXCLUDED.last_observation_time END";

  /** Records check evaluations. */
  public static final String INSERT_CHECKS =
      "INSERT INTO asset_check_executions (asset_key, check_name, partition, run_id, status,"
          + " evaluation_event_id, evaluation_time)"
          + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::varchar[],"
          + " $5::varchar[], $6::bigint[], $7::timestamptz[])";

  private EventRows() {}

  /**
   * The insert's parameters for a list of events.
   *
   * @param events the events
   * @param ingested true to record their sequences as worker sequences (idempotent ingest)
   * @return the tuple
   */
  public static Tuple insertParams(List<EventRecord> events, boolean ingested) {
    int n = events.size();
    String[] runs = new String[n];
    String[] steps = new String[n];
    Integer[] attempts = new Integer[n];
    Long[] seqs = new Long[n];
    String[] types = new String[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    String[] assets = new String[n];
    String[] parts = new String[n];
    Buffer[] bodies = new Buffer[n];
    for (int i = 0; i < n; i++) {
      EventRecord e = events.get(i);
      runs[i] = e.runId();
      steps[i] = e.stepKey();
      attempts[i] = e.attempt();
      seqs[i] = ingested ? e.sequence() : null;
      types[i] = e.type().value();
      times[i] = time(e.timestamp());
      AssetKeySnapshot key = EventFacts.assetKey(e);
      assets[i] = key == null ? null : key.toUserString();
      parts[i] = key == null ? null : EventFacts.partition(e);
      bodies[i] = Buffer.buffer(Bodies.event(e));
    }
    return tuple(runs, steps, attempts, seqs, types, times, assets, parts, bodies);
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
   * The asset index's parameters for newly stored events: per asset, its newest materialization and
   * observation among them (ids grow with the events' order).
   *
   * @param stored the stored events, in id order
   * @return the upsert's tuple, or null when no event is about an asset
   */
  public static Tuple assetParams(List<StoredEvent> stored) {
    Map<String, Object[]> rows = new LinkedHashMap<>();
    for (StoredEvent s : stored) {
      AssetKeySnapshot key = EventFacts.assetKey(s.event());
      if (key == null) {
        continue;
      }
      Object[] row = rows.computeIfAbsent(key.toUserString(), k -> new Object[5]);
      if (s.event().type() == DagsterEventType.ASSET_MATERIALIZATION) {
        row[0] = s.id();
        row[1] = s.event().runId();
        row[2] = time(s.event().timestamp());
      } else if (s.event().type() == DagsterEventType.ASSET_OBSERVATION) {
        row[3] = s.id();
        row[4] = time(s.event().timestamp());
      }
    }
    if (rows.isEmpty()) {
      return null;
    }
    int n = rows.size();
    String[] keys = rows.keySet().toArray(new String[0]);
    Long[] matIds = new Long[n];
    String[] matRuns = new String[n];
    OffsetDateTime[] matTimes = new OffsetDateTime[n];
    Long[] obsIds = new Long[n];
    OffsetDateTime[] obsTimes = new OffsetDateTime[n];
    int i = 0;
    for (Object[] row : rows.values()) {
      matIds[i] = (Long) row[0];
      matRuns[i] = (String) row[1];
      matTimes[i] = (OffsetDateTime) row[2];
      obsIds[i] = (Long) row[3];
      obsTimes[i] = (OffsetDateTime) row[4];
      i++;
    }
    return tuple(keys, matIds, matRuns, matTimes, obsIds, obsTimes);
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
