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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SQL and row codecs of the event log and the asset index. */
public final class EventRows {

  /**
   * The key of the transaction-scoped advisory lock every append takes: appends commit one at a
   * time, so event ids become visible in increasing order and a reader's cursor never passes an
   * event that commits later with a smaller id.
   */
  public static final long APPEND_LOCK = 0x7069706577726974L; // "pipewrit"

  /** The columns a stored event is read from, in {@link #read}'s order. */
  public static final String COLUMNS = "id, run_id, step_key, attempt, body";

  /** {@link #APPEND}'s rows of kind 0: each attempt's inserted ids and sequences. */
  private static final String INSERTED =
      " SELECT 0 AS kind, NULL::bigint AS n, run_id, step_key, attempt,"
          + " array_agg(id ORDER BY id) AS ids, array_agg(worker_sequence ORDER BY id) AS seqs"
          + " FROM ins GROUP BY run_id, step_key, attempt";

  /**
   * {@link #APPEND}'s common tail, after its CTE {@code ins}: the asset index's upsert and the
   * notifications (CTEs {@code latest}, {@code assets}, {@code notified}).
   */
  static final String ASSETS =
      ""
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
          + " FROM (SELECT run_id, max(id) AS id FROM ins GROUP BY run_id) r)";

  /**
   * One statement per group of batches (see {@link GroupCommit}), so one round trip and its own
   * transaction: it takes the append lock (first, through the lateral joins, before any row is
   * locked or any id is drawn), records the sequences each ingested attempt sent in {@code
   * event_ingest_attempts} and inserts, with one multi-row insert, the events whose sequence was
   * not recorded before (resent step events are skipped), keeps each asset's latest materialization
   * and observation in {@code asset_keys}, and notifies once per run; PostgreSQL delivers the
   * notifications when the statement commits.
   *
   * <p>Why a set of sequences per attempt rather than a unique key on the events (migration {@code
   * V2_11}): the key was a fourth b-tree over two text columns on every row, and {@code ON
   * CONFLICT} probed it once more before each insert; together about half of the insert's CPU. The
   * upsert ({@code ON CONFLICT DO UPDATE}) locks the attempt's row and reads its latest committed
   * version even when the statement's snapshot (taken before the append lock) does not show it, so
   * events stored by another process just before are seen as stored. Each attempt appears once per
   * statement ({@link #appendParams} merges a group's writes of the same attempt and leaves out the
   * events an earlier write of the group carries).
   *
   * <p>It answers rows of three kinds ({@code kind}): 0, one per (run, step, attempt) of the
   * inserted events, with their ids and worker sequences as arrays in id order (a few rows to
   * decode, not one per event); 1, one per ingested attempt, with the attempt's highest sequence
   * stored before the statement ({@code n}, null when none); 2, once, the notifications sent
   * ({@code n}).
   *
   * <p>Parameters: $1 lock key, $2-$10 the event columns as arrays, $11 the channel, $12-$15 the
   * ingested attempts as arrays (run, step, attempt, and the sequences sent as a multirange
   * literal; empty for host appends).
   */
  public static final String APPEND =
      "WITH marks AS ("
          + " INSERT INTO event_ingest_attempts AS a (run_id, step_key, attempt, stored)"
          + " SELECT t.run_id, t.step_key, t.attempt, t.seqs::int8multirange"
          + " FROM (SELECT pg_advisory_xact_lock($1)) l CROSS JOIN LATERAL"
          + " unnest($12::varchar[], $13::text[], $14::int[], $15::text[])"
          + " AS t(run_id, step_key, attempt, seqs)"
          + " ON CONFLICT (run_id, step_key, attempt) DO UPDATE"
          + " SET stored_before = a.stored, stored = a.stored + EXCLUDED.stored"
          // "+ '{}'": a set of many ranges is stored compressed; the union decompresses it once
          // per attempt here rather than once per event in the filter below.
          + " RETURNING run_id, step_key, attempt,"
          + " stored_before + '{}'::int8multirange AS stored_before),"
          + " input AS ("
          + " SELECT u.* FROM (SELECT pg_advisory_xact_lock($1)) l CROSS JOIN LATERAL"
          + " unnest($2::varchar[], $3::text[], $4::int[], $5::bigint[], $6::varchar[],"
          + " $7::timestamptz[], $8::text[], $9::text[], $10::bytea[]) WITH ORDINALITY"
          + " AS u(run_id, step_key, attempt, seq, type, ts, asset, part, body, ord)),"
          + " ins AS ("
          + " INSERT INTO event_logs (run_id, step_key, attempt, worker_sequence, event_type,"
          + " timestamp, asset_key, partition, body)"
          + " SELECT i.run_id, i.step_key, i.attempt, i.seq, i.type, i.ts, i.asset, i.part, i.body"
          + " FROM input i LEFT JOIN marks m ON m.run_id = i.run_id AND m.step_key = i.step_key"
          + " AND m.attempt = i.attempt"
          + " WHERE i.seq IS NULL OR m.stored_before IS NULL OR NOT m.stored_before @> i.seq"
          + " ORDER BY i.ord"
          + " RETURNING id, run_id, step_key, attempt, worker_sequence, event_type, timestamp,"
          + " asset_key),"
          + ASSETS
          + INSERTED
          + " UNION ALL"
          + " SELECT 1, upper(stored_before) - 1, run_id, step_key, attempt, NULL, NULL FROM marks"
          + " UNION ALL"
          + " SELECT 2, n, NULL, NULL, NULL, NULL, NULL FROM notified";

  /**
   * {@link #APPEND} for a group of ingests only, without check evaluations, each attempt once: the
   * callers need only how many events of each attempt were new, so its rows of kind 0 carry that
   * count ({@code n}) rather than the ids and sequences, which PostgreSQL would sort and aggregate
   * and the client decode, under the append lock, for nothing.
   */
  public static final String APPEND_COUNTS =
      APPEND.replace(
          INSERTED,
          " SELECT 0 AS kind, count(*) AS n, run_id, step_key, attempt, NULL::bigint[] AS ids,"
              + " NULL::bigint[] AS seqs FROM ins GROUP BY run_id, step_key, attempt");

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
   * @param ranges an ingest's sequences as the ranges of a multirange literal ({@code
   *     [0,500),[600,601)}); null for a host append
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
      Buffer[] bodies,
      String ranges) {

    /**
     * Encodes a write.
     *
     * @param events the events
     * @param attempt the ingested attempt, or null for a host append
     * @param encoded per event, its body as received ({@link Bodies#event(EventRecord)}'s encoding,
     *     which decodes to the event), or null to encode the events here
     * @return the columns
     */
    public static Encoded of(
        List<EventRecord> events, StepEventBatch attempt, List<byte[]> encoded) {
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
              new Buffer[n],
              ingested ? EventRows.ranges(events) : null);
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
        out.bodies[i] = Buffer.buffer(encoded == null ? Bodies.event(e) : encoded.get(i));
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
   * The sequences of a batch (increasing, see {@link StepEventBatch}) as the ranges of a multirange
   * literal: one range per run of consecutive sequences, usually one for the whole batch.
   */
  static String ranges(List<EventRecord> events) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < events.size()) {
      long from = events.get(i).sequence();
      long to = from;
      i++;
      while (i < events.size() && events.get(i).sequence() == to + 1) {
        to++;
        i++;
      }
      if (!out.isEmpty()) {
        out.append(',');
      }
      out.append('[').append(from).append(',').append(to + 1).append(')');
    }
    return out.toString();
  }

  /**
   * The parameters of {@link #APPEND} for a group of writes, in order. Each ingested attempt is one
   * element of the attempt arrays (an upsert may not touch a row twice), with the sequences of all
   * the group's writes of it. A step event that an earlier write of the same group carries already
   * (a worker's resend that joined the group of its first send) is left out: {@link #APPEND}
   * filters only the sequences recorded before the statement.
   *
   * @param group the writes
   * @return the tuple
   */
  public static Tuple appendParams(List<Encoded> group) {
    Map<String, StringBuilder> attemptRanges = new LinkedHashMap<>();
    Map<String, StepEventBatch> attemptOf = new HashMap<>();
    Map<String, Set<Long>> repeated = new HashMap<>();
    int n = 0;
    for (Encoded e : group) {
      n += e.size();
      if (e.attempt() != null) {
        String key = attemptKey(e.attempt().runId(), e.attempt().stepKey(), e.attempt().attempt());
        StringBuilder ranges = attemptRanges.get(key);
        if (ranges == null) {
          attemptRanges.put(key, new StringBuilder(e.ranges()));
          attemptOf.put(key, e.attempt());
        } else {
          if (!e.ranges().isEmpty()) {
            ranges.append(ranges.isEmpty() ? "" : ",").append(e.ranges());
          }
          repeated.put(key, new HashSet<>());
        }
      }
    }
    EventColumns columns = new EventColumns(n);
    for (Encoded e : group) {
      Set<Long> seen =
          e.attempt() == null
              ? null
              : repeated.get(
                  attemptKey(e.attempt().runId(), e.attempt().stepKey(), e.attempt().attempt()));
      if (seen == null) {
        columns.addAll(e);
        continue;
      }
      for (int i = 0; i < e.size(); i++) {
        if (seen.add(e.seqs()[i])) {
          columns.add(e, i);
        }
      }
    }
    int a = attemptRanges.size();
    String[] attemptRuns = new String[a];
    String[] attemptSteps = new String[a];
    Integer[] attemptNumbers = new Integer[a];
    String[] attemptSeqs = new String[a];
    int j = 0;
    for (Map.Entry<String, StringBuilder> entry : attemptRanges.entrySet()) {
      StepEventBatch batch = attemptOf.get(entry.getKey());
      attemptRuns[j] = batch.runId();
      attemptSteps[j] = batch.stepKey();
      attemptNumbers[j] = batch.attempt();
      attemptSeqs[j] = "{" + entry.getValue() + "}";
      j++;
    }
    Tuple t = tuple(APPEND_LOCK);
    columns.addTo(t);
    t.addValue(EventNotifications.CHANNEL);
    t.addValue(attemptRuns);
    t.addValue(attemptSteps);
    t.addValue(attemptNumbers);
    t.addValue(attemptSeqs);
    return t;
  }

  /**
   * A key for one (run, step, attempt).
   *
   * @param runId the run
   * @param stepKey the step
   * @param attempt the attempt
   * @return the key
   */
  public static String attemptKey(String runId, String stepKey, int attempt) {
    return runId + '\u0000' + stepKey + '\u0000' + attempt;
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
   * <p>By position, not by name: every event query selects {@link #COLUMNS} first and in that
   * order, and a name costs a hash lookup per column per row (four thousand on a page of 1,000).
   *
   * @param row a row that starts with {@link #COLUMNS}
   * @return the event
   */
  public static StoredEvent read(Row row) {
    return new StoredEvent(
        row.getLong(0),
        Bodies.event(
            row.getBuffer(4).getBytes(), row.getString(1), row.getString(2), row.getInteger(3)));
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
