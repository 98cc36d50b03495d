package io.pipewright.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the hosts (webserver, daemon) keep compute logs: {@code pipewright.compute-logs.store} and
 * {@code pipewright.compute-logs.directory}. Both hosts read the same keys, so that the webserver
 * reads the logs where the daemon's launchers write them.
 */
@ConfigMapping(prefix = "pipewright.compute-logs")
public interface ComputeLogConfig {

  /** The kinds of compute log stores. */
  enum Store {
    /** Files under {@link #directory()}, which local worker processes write directly. */
    FILESYSTEM,
    /** The {@code compute_log_chunks} table of the instance's PostgreSQL. */
    POSTGRES
  }

  /**
   * Which store: {@code filesystem} (the default) or {@code postgres}.
   *
   * @return the store
   */
  @WithDefault("filesystem")
  Store store();

  /**
   * The directory of the {@code filesystem} store (the daemon's {@code
   * pipewright.daemon.compute-logs.directory} when set, else {@code ~/.pipewright/logs}).
   *
   * @return the directory
   */
  @WithDefault("${pipewright.daemon.compute-logs.directory:${user.home}/.pipewright/logs}")
  String directory();
}
