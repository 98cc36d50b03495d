package io.pipewright.webserver.workspace;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The workspace's settings, under {@code pipewright.workspace}. */
@ConfigMapping(prefix = "pipewright.workspace")
public interface WorkspaceConfig {

  /**
   * Returns the code locations configured in Quarkus configuration, by name: {@code
   * pipewright.workspace.locations.<name>.host} and {@code .port}.
   *
   * @return the locations; empty when none
   */
  Map<String, Location> locations();

  /**
   * Returns a properties file with more locations ({@code locations.<name>.host}, {@code
   * locations.<name>.port}), read at start-up and again on every {@code reloadWorkspace}, so that
   * locations can be added and removed without a restart.
   *
   * @return the file, or empty
   */
  Optional<Path> file();

  /**
   * Returns how often loaded locations are checked (a changed server id reloads them, an
   * unreachable server marks them failed) and failed ones retried; zero turns checking off.
   *
   * @return the interval
   */
  @WithDefault("10s")
  Duration refreshInterval();

  /**
   * Returns the deadline of short calls to code locations (ping, server id, shutdown).
   *
   * @return the deadline
   */
  @WithDefault("5s")
  Duration controlDeadline();

  /**
   * Returns the deadline of snapshot calls, which also bounds how long a query waits for a location
   * that is loading.
   *
   * @return the deadline
   */
  @WithDefault("60s")
  Duration snapshotDeadline();

  /**
   * Returns the deadline of calls that run user code (config validation, planning).
   *
   * @return the deadline
   */
  @WithDefault("60s")
  Duration userCodeDeadline();

  /** Where one code location's server listens. */
  interface Location {

    /**
     * Returns the server's host.
     *
     * @return the host name or address
     */
    String host();

    /**
     * Returns the server's gRPC port; 4000, the code location server's default, when not set.
     *
     * @return the port
     */
    @WithDefault("4000")
    int port();
  }
}
