package io.pipewright.storage.postgres;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Empties every table between tests, so that each contract test starts from empty storage. */
@ApplicationScoped
public class Tables {

  private final Pool pool;

  Tables(Pool pool) {
    this.pool = pool;
  }

  /** Truncates all of Pipewright's tables and restarts their id sequences. */
  public void truncate() {
    pool.query(
            "TRUNCATE runs, run_tags, snapshots, event_logs, asset_keys, asset_check_executions,"
                + " instigators, ticks, bulk_actions, bulk_action_partitions, concurrency_limits,"
                + " concurrency_slots, pending_steps, daemon_heartbeats, kvs, dynamic_partitions,"
                + " compute_log_chunks, event_ingest_attempts"
                + " RESTART IDENTITY CASCADE")
        .execute()
        .await()
        .atMost(Duration.ofSeconds(30));
  }
}
