package io.pipewright.daemon.backfill;

import java.time.Duration;

/**
 * The backfill daemon's knobs ({@code pipewright.daemon.backfill.*}).
 *
 * @param maxInFlight at most this many of one backfill's runs unfinished at once
 * @param chunkSize at most this many partitions submitted per pass and backfill
 * @param interval the wait between two passes while backfills are in progress
 * @param storeTimeout how long one store call may take
 */
public record BackfillSettings(
    int maxInFlight, int chunkSize, Duration interval, Duration storeTimeout) {

  /**
   * Defaults: 1,000 in flight (well above the run queue's limit, so that queued runs wait for every
   * slot that frees), chunks of 100, every 5 s, 30 s per store call.
   */
  public static final BackfillSettings DEFAULTS =
      new BackfillSettings(1000, 100, Duration.ofSeconds(5), Duration.ofSeconds(30));

  /** Validates the components. */
  public BackfillSettings {
    if (maxInFlight < 1 || chunkSize < 1) {
      throw new IllegalArgumentException(
          "pipewright.daemon.backfill.max-in-flight and .chunk-size must be 1 or more, got "
              + maxInFlight
              + " and "
              + chunkSize);
    }
  }
}
