package io.pipewright.core.instance;

import io.pipewright.core.internal.Checks;
import io.pipewright.core.snapshot.ErrorSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * A daemon loop's sign of life (Dagster's {@code DaemonHeartbeat}): one is stored per daemon type,
 * the latest wins.
 *
 * @param daemonType the loop, such as {@code SCHEDULER}, {@code SENSOR}, {@code
 *     QUEUED_RUN_COORDINATOR}; non-blank
 * @param daemonId which daemon process wrote it (a second id for the same type reveals two
 *     daemons); non-blank
 * @param timestamp when it was written; not null
 * @param errors the loop's recent errors, newest first (a few at most)
 */
public record DaemonHeartbeat(
    String daemonType, String daemonId, Instant timestamp, List<ErrorSnapshot> errors) {

  /** Validates the components. */
  public DaemonHeartbeat {
    Checks.requireNonBlank(daemonType, "DaemonHeartbeat", "daemonType");
    Checks.requireNonBlank(daemonId, "DaemonHeartbeat", daemonType, "daemonId");
    Checks.require(timestamp, "DaemonHeartbeat", daemonType, "timestamp");
    errors = Checks.list(errors, "DaemonHeartbeat", daemonType, "errors");
  }
}
