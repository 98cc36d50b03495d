package io.pipewright.storage.postgres.internal;

import io.pipewright.core.run.Run;
import io.pipewright.core.run.RunFilter;
import io.pipewright.core.run.RunStatus;
import io.pipewright.core.snapshot.AssetKeySnapshot;
import io.pipewright.core.snapshot.UserJson;
import io.pipewright.storage.internal.StringJson;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads of {@code runs} in plain SQL for the reactive client: a page of runs is one statement and
 * its rows are decoded straight into {@link Run}s, without Hibernate's session, entities and HQL
 * translation (about as much CPU as the query itself for a page of 50).
 */
public final class RunSql {

  /** The columns a run is read from, in the order {@link #read(Row)} expects. */
  static final String COLUMNS =
      "r.id, r.run_id, r.job_name, r.code_location, r.status, r.partition_key, r.backfill_id,"
          + " r.parent_run_id, r.root_run_id, r.plan_snapshot_id, r.job_snapshot_id,"
          + " r.run_config, r.tags, r.op_selection, r.asset_selection, r.step_keys_to_execute,"
          + " r.create_time, r.update_time, r.start_time, r.end_time";

  /** One run by id. */
  public static final String FIND = "SELECT " + COLUMNS + " FROM runs r WHERE r.run_id = $1";

  /** Whether a run id exists (to tell an unknown cursor from the end of the runs). */
  public static final String EXISTS = "SELECT 1 FROM runs WHERE run_id = $1";

  private RunSql() {}

  /** A statement and its parameters. */
  public record Statement(String sql, Tuple params) {}

  /**
   * A page of runs, newest first.
   *
   * @param f the filter
   * @param afterRunId the last run of the previous page, or null for the first page; an unknown id
   *     gives an empty page (the caller tells it apart with {@link #EXISTS})
   * @param limit the page size
   * @return the statement
   */
  public static Statement page(RunFilter f, String afterRunId, int limit) {
    Tuple params = Tuple.tuple();
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(from(f, params));
    sql.append(" WHERE ").append(where(f, params));
    if (afterRunId != null) {
      String cursor = "(SELECT c.id FROM runs c WHERE c.run_id = " + add(params, afterRunId) + ")";
      sql.append(" AND r.id < ").append(cursor);
      if (!f.tags().isEmpty()) {
        // The same bound on the tag's side, where the planner cannot carry it over by itself
        // (it carries equalities, not ranges): the tag's index scan then starts at the cursor.
        sql.append(" AND t0.run_seq < ").append(cursor);
      }
    }
    sql.append(" ORDER BY r.id DESC LIMIT ").append(add(params, limit));
    return new Statement(sql.toString(), params);
  }

  /**
   * Counts the runs a filter matches.
   *
   * @param f the filter
   * @return the statement, answering one row with the count
   */
  public static Statement count(RunFilter f) {
    Tuple params = Tuple.tuple();
    String from = from(f, params);
    String sql = "SELECT count(*)" + from + " WHERE " + where(f, params);
    return new Statement(sql, params);
  }

  /**
   * {@code FROM runs r}, joined with the first tag's rows when the filter has tags: its index
   * {@code (key, value, run_seq)} gives them in the runs' order, so that the planner may start a
   * page from the tag (rare tags) or from the runs (rarer other conditions), on its statistics. A
   * run has one value per key, so the join adds no rows.
   */
  private static String from(RunFilter f, Tuple params) {
    if (f.tags().isEmpty()) {
      return " FROM runs r";
    }
    Map.Entry<String, String> first = f.tags().entrySet().iterator().next();
    return " FROM runs r JOIN run_tags t0 ON t0.run_seq = r.id AND t0.key = "
        + add(params, first.getKey())
        + " AND t0.value = "
        + add(params, first.getValue());
  }

  /**
   * Renders a filter as SQL conditions on {@code runs r}, adding their parameters; the first tag is
   * left to {@link #from}, whose parameters must be added first.
   *
   * @param f the filter
   * @param params receives the parameters, numbered after those it holds
   * @return the conditions joined by {@code AND}, or {@code true} for none
   */
  static String where(RunFilter f, Tuple params) {
    List<String> clauses = new ArrayList<>();
    if (!f.runIds().isEmpty()) {
      clauses.add("r.run_id = ANY(" + add(params, f.runIds().toArray(String[]::new)) + ")");
    }
    if (f.jobName() != null) {
      clauses.add("r.job_name = " + add(params, f.jobName()));
    }
    if (f.codeLocation() != null) {
      clauses.add("r.code_location = " + add(params, f.codeLocation()));
    }
    if (!f.statuses().isEmpty()) {
      String[] names = f.statuses().stream().map(RunStatus::name).toArray(String[]::new);
      // One status as equality, so that the planner estimates it from the column's statistics.
      clauses.add(
          names.length == 1
              ? "r.status = " + add(params, names[0])
              : "r.status = ANY(" + add(params, names) + ")");
    }
    boolean first = true;
    for (Map.Entry<String, String> tag : f.tags().entrySet()) {
      if (first) {
        first = false; // joined by from()
        continue;
      }
      // One EXISTS per further tag, answered by the primary key (run, key): no GROUP BY.
      clauses.add(
          "EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.run_id AND t.key = "
              + add(params, tag.getKey())
              + " AND t.value = "
              + add(params, tag.getValue())
              + ")");
    }
    time(clauses, params, "r.create_time >", f.createdAfter());
    time(clauses, params, "r.create_time <", f.createdBefore());
    time(clauses, params, "r.update_time >", f.updatedAfter());
    time(clauses, params, "r.update_time <", f.updatedBefore());
    if (f.backfillId() != null) {
      clauses.add("r.backfill_id = " + add(params, f.backfillId()));
    }
    return clauses.isEmpty() ? "true" : String.join(" AND ", clauses);
  }

  private static void time(List<String> clauses, Tuple params, String test, Instant at) {
    if (at != null) {
      clauses.add(test + " " + add(params, EventRows.time(at)));
    }
  }

  private static String add(Tuple params, Object value) {
    params.addValue(value);
    return "$" + params.size();
  }

  /**
   * Reads a run from a row of {@link #COLUMNS}.
   *
   * @param row the row
   * @return the run
   */
  public static Run read(Row row) {
    String runId = row.getString(1);
    // Decoded when first read: a page of runs rarely shows their configs (UserJson.lazyObject).
    byte[] config = row.getBuffer(11).getBytes();
    List<AssetKeySnapshot> assets = new ArrayList<>();
    for (String key : StringJson.parseArray(row.getString(14))) {
      assets.add(AssetKeySnapshot.fromUserString(key));
    }
    return Run.builder(runId, row.getString(2), row.getString(3))
        .status(RunStatus.valueOf(row.getString(4)))
        .partitionKey(row.getString(5))
        .backfillId(row.getString(6))
        .parentRunId(row.getString(7))
        .rootRunId(row.getString(8))
        .planSnapshotId(row.getString(9))
        .jobSnapshotId(row.getString(10))
        .runConfig(
            UserJson.lazyObject(
                () -> Bodies.json(config, "the run config of run " + runId), "run config"))
        .tags(StringJson.parseObject(row.getString(12)))
        .opSelection(StringJson.parseArray(row.getString(13)))
        .assetSelection(assets)
        .stepKeysToExecute(StringJson.parseArray(row.getString(15)))
        .createTime(instant(row.getOffsetDateTime(16)))
        .updateTime(instant(row.getOffsetDateTime(17)))
        .startTime(instant(row.getOffsetDateTime(18)))
        .endTime(instant(row.getOffsetDateTime(19)))
        .build();
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
