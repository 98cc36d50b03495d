package io.pipewright.webserver.figures;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * Loads the figures' data set by copying a template run (and its 20 events) written by the real
 * adapters, with {@code INSERT ... SELECT} over {@code generate_series}: run bodies and event
 * bodies are byte for byte what the webserver writes, while a million runs load in minutes rather
 * than hours. The schema's indexes stay in place during the load, as they would in production.
 *
 * <p>Runs are {@code bench-0000001}...; 50 job names, 20 teams (tag {@code team}), every 20th run
 * FAILURE, every 50th STARTED, the rest SUCCESS; one second apart. {@code bench-big} has 10,000
 * events for paging through {@code logsForRun}.
 */
final class BenchData {

  private static final int CHUNK = 50_000;

  private final String url;
  private final String user;
  private final String password;
  private final Consumer<String> report;

  BenchData(String url, String user, String password, Consumer<String> report) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.report = report;
  }

  void load(int runs, int bigRunEvents) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.setAutoCommit(true);
      long start = System.nanoTime();
      for (int from = 1; from <= runs; from += CHUNK) {
        int to = Math.min(runs, from + CHUNK - 1);
        copyRuns(c, from, to);
        copyEvents(c, from, to);
      }
      copyRun(c, "bench-big", runs + 1);
      bigRun(c, bigRunEvents);
      long loaded = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE runs");
        s.execute("VACUUM ANALYZE run_tags");
        s.execute("VACUUM ANALYZE event_logs");
      }
      report.accept(
          String.format(
              "loaded %,d runs and %,d events in %.0f s (then VACUUM ANALYZE %.0f s); %s",
              count(c, "runs"),
              count(c, "event_logs"),
              (loaded - start) / 1e9,
              (System.nanoTime() - loaded) / 1e9,
              sizes(c)));
    }
  }

  private static void copyRuns(Connection c, int from, int to) throws SQLException {
    try (PreparedStatement runs =
            c.prepareStatement(
                """
                INSERT INTO runs (run_id, job_name, code_location, status, plan_snapshot_id,
                    job_snapshot_id, run_config, tags, op_selection, asset_selection,
                    step_keys_to_execute, create_time, update_time, start_time, end_time)
                SELECT 'bench-' || lpad(g::text, 7, '0'), 'job_' || (g % 50), t.code_location,
                    CASE WHEN g % 20 = 0 THEN 'FAILURE' WHEN g % 50 = 1 THEN 'STARTED'
                         ELSE 'SUCCESS' END,
                    t.plan_snapshot_id, t.job_snapshot_id, t.run_config,
                    '{"team":"team_' || (g % 20) || '","env":"prod"}',
                    t.op_selection, t.asset_selection, t.step_keys_to_execute,
                    t.create_time + g * interval '1 second',
                    t.create_time + g * interval '1 second' + interval '40 seconds',
                    t.create_time + g * interval '1 second' + interval '2 seconds',
                    t.create_time + g * interval '1 second' + interval '40 seconds'
                FROM runs t, generate_series(?, ?) g WHERE t.run_id = 'tmpl'
                ORDER BY g
                """);
        PreparedStatement tags =
            c.prepareStatement(
                """
                INSERT INTO run_tags (run_id, key, value)
                SELECT 'bench-' || lpad(g::text, 7, '0'), k.key,
                    CASE WHEN k.key = 'team' THEN 'team_' || (g % 20) ELSE 'prod' END
                FROM generate_series(?, ?) g, (VALUES ('team'), ('env')) AS k(key)
                """)) {
      runs.setInt(1, from);
      runs.setInt(2, to);
      runs.executeUpdate();
      tags.setInt(1, from);
      tags.setInt(2, to);
      tags.executeUpdate();
    }
  }

  private static void copyEvents(Connection c, int from, int to) throws SQLException {
    try (PreparedStatement events =
        c.prepareStatement(
            """
            INSERT INTO event_logs (run_id, step_key, attempt, worker_sequence, event_type,
                timestamp, asset_key, partition, body)
            SELECT 'bench-' || lpad(g::text, 7, '0'), e.step_key, e.attempt, e.worker_sequence,
                e.event_type, timestamp '2026-01-01' + g * interval '1 second'
                    + (e.id - t.first) * interval '10 milliseconds',
                e.asset_key, e.partition, e.body
            FROM generate_series(?, ?) g,
                 event_logs e,
                 (SELECT min(id) AS first FROM event_logs WHERE run_id = 'tmpl') t
            WHERE e.run_id = 'tmpl'
            ORDER BY g, e.id
            """)) {
      events.setInt(1, from);
      events.setInt(2, to);
      events.executeUpdate();
    }
  }

  private static void copyRun(Connection c, String runId, int g) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            INSERT INTO runs (run_id, job_name, code_location, status, plan_snapshot_id,
                job_snapshot_id, run_config, tags, op_selection, asset_selection,
                step_keys_to_execute, create_time, update_time)
            SELECT ?, job_name, code_location, 'SUCCESS', plan_snapshot_id, job_snapshot_id,
                run_config, tags, op_selection, asset_selection, step_keys_to_execute,
                create_time + ? * interval '1 second', create_time + ? * interval '1 second'
            FROM runs WHERE run_id = 'tmpl'
            """)) {
      s.setString(1, runId);
      s.setInt(2, g);
      s.setInt(3, g);
      s.executeUpdate();
    }
  }

  /** Events of one long run, copies of the template's step events with fresh sequences. */
  private static void bigRun(Connection c, int count) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            INSERT INTO event_logs (run_id, step_key, attempt, worker_sequence, event_type,
                timestamp, body)
            SELECT 'bench-big', 'extract', 1, g, e.event_type,
                timestamp '2026-06-01' + g * interval '1 millisecond', e.body
            FROM generate_series(1, ?) g,
                 LATERAL (SELECT event_type, body FROM event_logs
                          WHERE run_id = 'tmpl' AND step_key IS NOT NULL
                          ORDER BY id OFFSET (g % 18) LIMIT 1) e
            ORDER BY g
            """)) {
      s.setInt(1, count);
      s.executeUpdate();
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String sizes(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT pg_size_pretty(pg_total_relation_size('runs')),"
                    + " pg_size_pretty(pg_total_relation_size('event_logs'))")) {
      rs.next();
      return "runs " + rs.getString(1) + ", event_logs " + rs.getString(2) + " with indexes";
    }
  }
}
