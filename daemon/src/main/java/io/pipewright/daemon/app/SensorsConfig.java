package io.pipewright.daemon.app;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** The sensor daemon's configuration, {@code pipewright.daemon.sensors.*}; see docs/daemon.md. */
public interface SensorsConfig {

  /**
   * Whether this daemon evaluates sensors.
   *
   * @return true to evaluate them
   */
  @WithDefault("true")
  boolean enabled();

  /**
   * How many sensors are evaluated at once.
   *
   * @return the workers
   */
  @WithDefault("16")
  int workers();

  /**
   * How long one evaluation (and the creation of its runs) may take before it is abandoned and the
   * sensor tried again at its next interval.
   *
   * @return the timeout
   */
  @WithDefault("60s")
  Duration timeout();

  /**
   * The width of the window each sensor's evaluations are spread over (fixed per sensor).
   *
   * @return the jitter
   */
  @WithDefault("5s")
  Duration jitter();

  /**
   * How often the sensor daemon looks for due sensors.
   *
   * @return the interval
   */
  @WithName("interval")
  @WithDefault("1s")
  Duration interval();
}
