package io.pipewright.storage.postgres.internal;

import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StoredEvent;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement of a group of host appends ({@link io.pipewright.core.event.EventLog#append}: the
 * daemon's decisions, the webserver's run events), which is cheaper than {@link EventRows#APPEND}:
 * host appends record no worker sequences, so every event is inserted.
 */
public final class HostAppendRows {

  private HostAppendRows() {}

  /**
   * {@link EventRows#APPEND} for a group of host appends only (the daemon's decisions, no ingest),
   * without check evaluations: no attempt's sequences to record or filter by (every event is
   * inserted), so neither the upsert of {@code event_ingest_attempts} nor the join with it; and one
   * row of kind 0 with every inserted id in id order, which is the input's order ({@code ORDER BY
   * ord}), rather than one row per attempt: a fan-out's decision holds 1,000 attempts of one event
   * each, whose grouping, aggregation and decoding cost more than the insert. Parameters: {@link
   * EventRows#APPEND}'s $1 to $11.
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
          + " SELECT i.run_id, i.step_key, i.attempt, i.seq, i.type, i.ts, i.asset, i.part, i.body"
          + " FROM input i ORDER BY i.ord"
          + " RETURNING id, run_id, event_type, timestamp, asset_key),"
          + EventRows.ASSETS
          + " SELECT 0 AS kind, NULL::bigint AS n, array_agg(id ORDER BY id) AS ids FROM ins"
          + " UNION ALL"
          + " SELECT 2, n, NULL FROM notified";

  /**
   * Tells whether {@link #APPEND} can write a group: host appends only.
   *
   * @param group the writes
   * @return true when no write is an ingest
   */
  public static boolean hostsOnly(List<EventRows.Encoded> group) {
    for (EventRows.Encoded write : group) {
      if (write.attempt() != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The parameters of {@link #APPEND} for a group of host appends, in order.
   *
   * @param group the writes, host appends only
   * @return the tuple
   */
  public static Tuple params(List<EventRows.Encoded> group) {
    int n = 0;
    for (EventRows.Encoded e : group) {
      n += e.size();
    }
    EventColumns columns = new EventColumns(n);
    for (EventRows.Encoded e : group) {
      columns.addAll(e);
    }
    Tuple t = EventRows.tuple(EventRows.APPEND_LOCK);
    columns.addTo(t);
    t.addValue(EventNotifications.CHANNEL);
    return t;
  }

  /**
   * Reads {@link #APPEND}'s rows: every event was inserted, and the ids, in id order, are the
   * events' in the group's order (the insert's {@code ORDER BY ord}).
   *
   * @param rows the statement's rows
   * @param group the writes
   * @return per write, its stored events
   * @throws IllegalStateException when the statement inserted another number of events
   */
  public static List<List<StoredEvent>> stored(RowSet<Row> rows, List<EventRows.Encoded> group) {
    Long[] ids = null;
    for (Row row : rows) {
      if (row.getInteger("kind") == 0) {
        ids = row.getArrayOfLongs("ids");
      }
    }
    int total = 0;
    for (EventRows.Encoded write : group) {
      total += write.size();
    }
    int inserted = ids == null ? 0 : ids.length;
    if (inserted != total) {
      throw new IllegalStateException(
          "The event log inserted "
              + inserted
              + " events of a group of "
              + total
              + " appended ones; this is a bug in HostAppendRows");
    }
    List<List<StoredEvent>> out = new ArrayList<>(group.size());
    int at = 0;
    for (EventRows.Encoded write : group) {
      List<StoredEvent> stored = new ArrayList<>(write.size());
      for (EventRecord e : write.events()) {
        stored.add(new StoredEvent(ids[at++], e));
      }
      out.add(stored);
    }
    return out;
  }
}
