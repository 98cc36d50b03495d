package io.pipewright.storage.postgres.internal;

import static io.pipewright.storage.postgres.internal.EventRows.attemptKey;

import io.pipewright.core.event.EventRecord;
import io.pipewright.core.event.StepEventBatch;
import io.pipewright.core.event.StoredEvent;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The write path's reading of a group's answer ({@link EventRows#APPEND}, {@link
 * EventRows#APPEND_COUNTS}): which statement a group needs, and what each write of the group
 * stored.
 */
public final class AppendResults {

  private AppendResults() {}

  /**
   * What one write stored: how many of its events, the stored events (empty when written with
   * {@link EventRows#APPEND_COUNTS}, which answers only the count), and its attempt's highest
   * sequence before it (-1 for appends).
   *
   * @param accepted how many of the write's events were stored
   * @param stored the stored events, in the write's order
   * @param priorHighest the attempt's highest stored sequence before the write, -1 if none
   */
  public record Written(int accepted, List<StoredEvent> stored, long priorHighest) {}

  /**
   * Tells whether {@link EventRows#APPEND_COUNTS} answers a group: only ingests (their callers need
   * only counts), each of another attempt (so that an attempt's count is its write's).
   *
   * @param group the writes
   * @return true when {@link EventRows#APPEND_COUNTS} may write the group
   */
  public static boolean countsSuffice(List<EventRows.Encoded> group) {
    Set<String> attempts = new HashSet<>();
    for (EventRows.Encoded write : group) {
      StepEventBatch batch = write.attempt();
      if (batch == null
          || !attempts.add(attemptKey(batch.runId(), batch.stepKey(), batch.attempt()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads {@link EventRows#APPEND_COUNTS}'s rows: each attempt's new events and prior highest.
   *
   * @param rows the statement's answer
   * @param group the writes, as sent
   * @return one result per write, in the group's order
   */
  public static List<Written> counts(RowSet<Row> rows, List<EventRows.Encoded> group) {
    Map<String, Long> inserted = new HashMap<>();
    Map<String, Long> prior = new HashMap<>();
    for (Row row : rows) {
      int kind = row.getInteger("kind");
      if (kind == 2) {
        continue; // The notifications' count: read so that the statement sends them.
      }
      String key =
          attemptKey(row.getString("run_id"), row.getString("step_key"), row.getInteger("attempt"));
      Long n = row.getLong("n");
      if (kind == 0) {
        inserted.put(key, n);
      } else {
        prior.put(key, n == null ? -1L : n);
      }
    }
    List<Written> out = new ArrayList<>(group.size());
    for (EventRows.Encoded write : group) {
      StepEventBatch batch = write.attempt();
      String key = attemptKey(batch.runId(), batch.stepKey(), batch.attempt());
      out.add(
          new Written(
              inserted.getOrDefault(key, 0L).intValue(), List.of(), prior.getOrDefault(key, -1L)));
    }
    return out;
  }

  /**
   * Pairs the inserted rows with the group's events. Ids follow the input's order (the insert's
   * {@code ORDER BY ordinality}); a step event is inserted unless it was stored before, and then it
   * is the first of its ingest key in the input. So, per (run, step, attempt), walking the input in
   * order with the inserted ids in id order pairs each id with its event: a host append's event is
   * always the next one, a step event only when the next sequence is its own.
   *
   * @param rows {@link EventRows#APPEND}'s answer
   * @param group the writes, as sent
   * @return one result per write, in the group's order
   * @throws IllegalStateException when an inserted row pairs with no written event (a bug)
   */
  public static List<Written> split(RowSet<Row> rows, List<EventRows.Encoded> group) {
    Map<String, Inserted> inserted = new HashMap<>();
    Map<String, Long> prior = new HashMap<>();
    int total = 0;
    for (Row row : rows) {
      int kind = row.getInteger("kind");
      if (kind == 2) {
        continue; // The notifications' count: read so that the statement sends them.
      }
      String key =
          attemptKey(row.getString("run_id"), row.getString("step_key"), row.getInteger("attempt"));
      if (kind == 0) {
        Long[] ids = row.getArrayOfLongs("ids");
        inserted.put(key, new Inserted(ids, row.getArrayOfLongs("seqs")));
        total += ids.length;
      } else {
        Long p = row.getLong("n");
        prior.put(key, p == null ? -1L : p);
      }
    }
    List<Written> out = new ArrayList<>(group.size());
    int paired = 0;
    for (EventRows.Encoded write : group) {
      boolean ingested = write.attempt() != null;
      List<StoredEvent> stored = new ArrayList<>(write.size());
      // An ingest's events are all of its attempt: one key per write, not one per event.
      Inserted ofIngest =
          ingested
              ? inserted.get(
                  attemptKey(
                      write.attempt().runId(),
                      write.attempt().stepKey(),
                      write.attempt().attempt()))
              : null;
      for (EventRecord e : write.events()) {
        Inserted rowsOfAttempt =
            ingested ? ofIngest : inserted.get(attemptKey(e.runId(), e.stepKey(), e.attempt()));
        if (rowsOfAttempt == null || rowsOfAttempt.next == rowsOfAttempt.ids.length) {
          continue;
        }
        Long seq = rowsOfAttempt.seqs[rowsOfAttempt.next];
        if (ingested ? seq != null && seq == e.sequence() : seq == null) {
          stored.add(new StoredEvent(rowsOfAttempt.ids[rowsOfAttempt.next], e));
          rowsOfAttempt.next++;
          paired++;
        }
      }
      long priorHighest =
          ingested
              ? prior.getOrDefault(
                  attemptKey(
                      write.attempt().runId(),
                      write.attempt().stepKey(),
                      write.attempt().attempt()),
                  -1L)
              : -1L;
      out.add(new Written(stored.size(), stored, priorHighest));
    }
    if (paired != total) {
      throw new IllegalStateException(
          "The event log inserted "
              + total
              + " events but only "
              + paired
              + " could be paired with the written ones; this is a bug in PostgresEventLog");
    }
    return out;
  }

  /** The ids and worker sequences inserted for one (run, step, attempt), in id order. */
  private static final class Inserted {
    final Long[] ids;
    final Long[] seqs;
    int next;

    Inserted(Long[] ids, Long[] seqs) {
      this.ids = ids;
      this.seqs = seqs;
    }
  }
}
