package io.pipewright.daemon.app;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** The scheduler's configuration, {@code pipewright.daemon.scheduler.*}; see docs/daemon.md. */
public interface SchedulerConfig {

  /**
   * Whether this daemon ticks schedules.
   *
   * @return true to tick them
   */
  @WithDefault("true")
  boolean enabled();

  /**
   * How many ticks missed during a downtime run, the latest ones (Dagster's {@code
   * max_catchup_runs}); 1 runs only the latest.
   *
   * @return the maximum
   */
  @WithName("max-catch-up-ticks")
  @WithDefault("5")
  int maxCatchUpTicks();

  /**
   * How many schedules are ticked at once.
   *
   * @return the workers
   */
  @WithDefault("8")
  int workers();

  /**
   * The longest wait between two passes (how soon a schedule started in the UI is seen).
   *
   * @return the interval
   */
  @WithDefault("10s")
  Duration interval();

  /**
   * How long a tick waits for its code location to answer before it fails.
   *
   * @return the grace
   */
  @WithName("unavailable-grace")
  @WithDefault("5m")
  Duration unavailableGrace();

  /**
   * How soon a tick whose code location did not answer is tried again.
   *
   * @return the delay
   */
  @WithName("retry-delay")
  @WithDefault("10s")
  Duration retryDelay();

  /**
   * How often a code location's server id is checked (a new id loads its definitions again).
   *
   * @return the interval
   */
  @WithName("location-check-interval")
  @WithDefault("30s")
  Duration locationCheckInterval();
}
