package io.pipewright.daemon.app;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * The backfill daemon's configuration, {@code pipewright.daemon.backfill.*}; see docs/daemon.md.
 */
public interface BackfillConfig {

  /**
   * Whether this daemon launches backfills.
   *
   * @return true to launch them
   */
  @WithDefault("true")
  boolean enabled();

  /**
   * How many of one backfill's runs may be queued or running at once; new partitions are submitted
   * as earlier ones finish. Keep it well above the run queue's limit, so that the queue always has
   * the backfill's next runs waiting.
   *
   * @return the limit
   */
  @WithName("max-in-flight")
  @WithDefault("1000")
  int maxInFlight();

  /**
   * How many partitions are submitted per pass and backfill (one progress write each).
   *
   * @return the chunk size
   */
  @WithName("chunk-size")
  @WithDefault("100")
  int chunkSize();

  /**
   * How often backfills are checked.
   *
   * @return the interval
   */
  @WithDefault("5s")
  Duration interval();
}
