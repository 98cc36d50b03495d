package io.pipewright.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code bin/pipewright-local} starts and where: the source tree whose packaged applications
 * it runs, the home directory (logs, database, outputs), whether that home is kept, and the four
 * HTTP ports.
 *
 * @param root the source tree (holding {@code webserver/target/quarkus-app} and the others)
 * @param home the home directory; empty for a fresh throwaway one
 * @param keep whether the home (and the database in it) is kept when the system stops
 * @param ports the ports, one per server
 */
public record LocalOptions(Path root, Optional<Path> home, boolean keep, Ports ports) {

  /** The environment variable of the home directory; setting it keeps the home. */
  public static final String HOME_ENV = "PIPEWRIGHT_HOME";

  /**
   * The HTTP ports of the four servers (each serves health on its port; the code locations serve
   * gRPC there too).
   *
   * @param webserver the webserver's: GraphQL and the ingest endpoint
   * @param daemon the daemon's: health and metrics
   * @param etl the {@code etl} code location's
   * @param assets the {@code assets} code location's
   */
  public record Ports(int webserver, int daemon, int etl, int assets) {

    /** The environment variable of each port, with its default. */
    public static final Map<String, Integer> DEFAULTS =
        Map.of(
            "PIPEWRIGHT_WEBSERVER_PORT", 3000,
            "PIPEWRIGHT_DAEMON_PORT", 3070,
            "PIPEWRIGHT_ETL_PORT", 4001,
            "PIPEWRIGHT_ASSETS_PORT", 4002);

    /** Validates the ports: each 1 to 65535, no two the same. */
    public Ports {
      List<Integer> all = List.of(webserver, daemon, etl, assets);
      for (int port : all) {
        if (port < 1 || port > 65_535) {
          throw new IllegalArgumentException("A port is 1 to 65535, got " + port);
        }
      }
      if (all.stream().distinct().count() != all.size()) {
        throw new IllegalArgumentException(
            "The four ports must differ, got webserver "
                + webserver
                + ", daemon "
                + daemon
                + ", etl "
                + etl
                + ", assets "
                + assets
                + "; change one of "
                + String.join(", ", DEFAULTS.keySet().stream().sorted().toList()));
      }
    }
  }

  /**
   * Reads the options from the command line and the environment.
   *
   * @param args the arguments: {@code --keep} at most
   * @param env the environment ({@value #HOME_ENV}, the port variables of {@link Ports#DEFAULTS})
   * @param root the source tree
   * @param userHome the user's home directory ({@code --keep} without {@value #HOME_ENV} keeps
   *     everything in {@code ~/.pipewright})
   * @return the options
   * @throws IllegalArgumentException when an argument or a variable is wrong, saying which and what
   *     it takes
   */
  public static LocalOptions parse(
      List<String> args, Map<String, String> env, Path root, Path userHome) {
    boolean keep = false;
    List<String> unknown = new ArrayList<>();
    for (String arg : args) {
      if ("--keep".equals(arg)) {
        keep = true;
      } else {
        unknown.add(arg);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "Unknown argument " + String.join(" ", unknown) + "; the system takes --keep only");
    }
    Optional<Path> home =
        Optional.ofNullable(env.get(HOME_ENV)).filter(h -> !h.isBlank()).map(Path::of);
    if (home.isPresent()) {
      keep = true;
    } else if (keep) {
      home = Optional.of(userHome.resolve(".pipewright"));
    }
    Ports ports =
        new Ports(
            port(env, "PIPEWRIGHT_WEBSERVER_PORT"),
            port(env, "PIPEWRIGHT_DAEMON_PORT"),
            port(env, "PIPEWRIGHT_ETL_PORT"),
            port(env, "PIPEWRIGHT_ASSETS_PORT"));
    return new LocalOptions(
        root.toAbsolutePath().normalize(),
        home.map(h -> h.toAbsolutePath().normalize()),
        keep,
        ports);
  }

  private static int port(Map<String, String> env, String variable) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return Ports.DEFAULTS.get(variable);
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with the variable's name
    }
    throw new IllegalArgumentException(
        variable + " must be a port number from 1 to 65535, got '" + value + "'");
  }
}
