package io.pipewright.daemon.sensor;

import java.time.Duration;
import java.util.Objects;

/**
 * The sensor daemon's knobs ({@code pipewright.daemon.sensors.*}).
 *
 * @param workers how many sensors are evaluated at once
 * @param timeout how long one sensor's tick may take before it is interrupted
 * @param jitter the width of the window each sensor's evaluations are spread over
 * @param interval the longest wait between two passes
 * @param resumeWindow STARTED ticks younger than this are resumed when the daemon takes over
 * @param storeTimeout how long one store call may take
 * @param maxEvents at most this many events (materializations, run ends) are sent per evaluation
 */
public record SensorSettings(
    int workers,
    Duration timeout,
    Duration jitter,
    Duration interval,
    Duration resumeWindow,
    Duration storeTimeout,
    int maxEvents) {

  /** Defaults: 16 workers, 60 s, 5 s jitter, 1 s, 24 h, 30 s, 1,000 events. */
  public static final SensorSettings DEFAULTS =
      new SensorSettings(
          16,
          Duration.ofSeconds(60),
          Duration.ofSeconds(5),
          Duration.ofSeconds(1),
          Duration.ofHours(24),
          Duration.ofSeconds(30),
          1000);

  /** Validates the components. */
  public SensorSettings {
    if (workers < 1) {
      throw new IllegalArgumentException(
          "pipewright.daemon.sensors.workers must be 1 or more, got " + workers);
    }
    Objects.requireNonNull(timeout, "timeout must not be null");
    Objects.requireNonNull(jitter, "jitter must not be null");
    Objects.requireNonNull(interval, "interval must not be null");
    Objects.requireNonNull(resumeWindow, "resumeWindow must not be null");
    Objects.requireNonNull(storeTimeout, "storeTimeout must not be null");
  }

  /**
   * The same settings with another timeout.
   *
   * @param value the timeout
   * @return the settings
   */
  public SensorSettings withTimeout(Duration value) {
    return new SensorSettings(
        workers, value, jitter, interval, resumeWindow, storeTimeout, maxEvents);
  }

  /**
   * The same settings with another jitter.
   *
   * @param value the jitter
   * @return the settings
   */
  public SensorSettings withJitter(Duration value) {
    return new SensorSettings(
        workers, timeout, value, interval, resumeWindow, storeTimeout, maxEvents);
  }
}
