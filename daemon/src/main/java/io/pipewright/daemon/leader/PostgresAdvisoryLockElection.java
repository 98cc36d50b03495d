package io.pipewright.daemon.leader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Leader election with a PostgreSQL session-level advisory lock: the daemon whose session holds
 * {@code pg_advisory_lock(key)} leads. The lock lives as long as the session, so:
 *
 * <ul>
 *   <li>A leader that dies (process killed, machine gone) loses the lock when PostgreSQL closes its
 *       session: at once when the process died, within the session's TCP keepalive bound (idle 5 s,
 *       then 3 probes 2 s apart: about 11 s) when the network went away.
 *   <li>A standby asks for the lock every {@code retryInterval} (2 s): failover takes at most the
 *       keepalive bound plus one retry, under 15 s.
 *   <li>A leader checks its session every {@code checkInterval}; when the check fails (the socket
 *       times out after {@code socketTimeout}) it steps down before a standby can have taken over,
 *       since that takes the server longer to notice.
 * </ul>
 *
 * <p>One plain JDBC connection, outside any pool: a pool could hand the session (and the lock) to
 * another user, or close it as idle.
 */
public final class PostgresAdvisoryLockElection implements LeaderElection {

  private static final Logger LOG = Logger.getLogger(PostgresAdvisoryLockElection.class);

  /**
   * The default lock key, fixed forever: "pwdaemon" as a long. It must differ from every other
   * advisory lock key of the schema (storage's append lock is "pipewrit"): a leader holds its lock
   * for as long as it lives, and would block anyone waiting on the same key.
   */
  public static final long DEFAULT_KEY = 0x70776461656d6f6eL; // "pwdaemon"

  /** Settings. */
  public record Settings(
      String jdbcUrl,
      String user,
      String password,
      long key,
      Duration retryInterval,
      Duration checkInterval,
      Duration socketTimeout) {

    /** Validates the components. */
    public Settings {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl must not be null");
      Objects.requireNonNull(retryInterval, "retryInterval must not be null");
      Objects.requireNonNull(checkInterval, "checkInterval must not be null");
      Objects.requireNonNull(socketTimeout, "socketTimeout must not be null");
    }

    /**
     * Defaults: the default key, retry and check every 2 s, a 5 s socket timeout.
     *
     * @param jdbcUrl the database
     * @param user the user
     * @param password the password
     * @return the settings
     */
    public static Settings of(String jdbcUrl, String user, String password) {
      return new Settings(
          jdbcUrl,
          user,
          password,
          DEFAULT_KEY,
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofSeconds(5));
    }
  }

  private final Settings settings;
  private final String daemonId;
  private final Object lock = new Object();
  private volatile Listener listener;
  private volatile boolean leader;
  private volatile boolean closed;
  private Connection connection;
  private Thread thread;

  /**
   * Creates the election.
   *
   * @param settings where and how
   * @param daemonId this daemon's id, for log lines and {@code application_name}
   */
  public PostgresAdvisoryLockElection(Settings settings, String daemonId) {
    this.settings = Objects.requireNonNull(settings, "settings must not be null");
    this.daemonId = Objects.requireNonNull(daemonId, "daemonId must not be null");
  }

  @Override
  public synchronized void start(Listener l) {
    if (thread != null) {
      throw new IllegalStateException("The election was started already");
    }
    this.listener = Objects.requireNonNull(l, "listener must not be null");
    thread = new Thread(this::campaign, "pipewright-leader-election");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public boolean isLeader() {
    return leader;
  }

  private void campaign() {
    while (!closed) {
      try {
        step();
      } catch (SQLException | RuntimeException e) {
        if (!closed) {
          LOG.warnf(
              "Leader election of daemon %s lost its database session (%s); reconnecting",
              daemonId, e.getMessage());
        }
        disconnect();
      }
      long wait = (leader ? settings.checkInterval() : settings.retryInterval()).toMillis();
      synchronized (lock) {
        if (!closed) {
          try {
            lock.wait(Math.max(1, wait));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  private void step() throws SQLException {
    Connection c = connection;
    if (c == null) {
      c = connect();
      connection = c;
    }
    if (!leader) {
      boolean acquired;
      try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        s.setLong(1, settings.key());
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          acquired = rs.getBoolean(1);
        }
      }
      if (acquired && !closed) {
        changeTo(true);
      }
    } else {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT 1");
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    if (settings.user() != null) {
      props.setProperty("user", settings.user());
    }
    if (settings.password() != null) {
      props.setProperty("password", settings.password());
    }
    long socketSeconds = Math.max(1, settings.socketTimeout().toSeconds());
    props.setProperty("socketTimeout", Long.toString(socketSeconds));
    props.setProperty("connectTimeout", Long.toString(socketSeconds));
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("ApplicationName", "pipewright-daemon " + daemonId);
    Connection c = DriverManager.getConnection(settings.jdbcUrl(), props);
    try (Statement s = c.createStatement()) {
      // The server notices a vanished leader's session within about 11 s, not hours.
      s.execute("SET tcp_keepalives_idle = 5");
      s.execute("SET tcp_keepalives_interval = 2");
      s.execute("SET tcp_keepalives_count = 3");
    } catch (SQLException e) {
      // Unix sockets have no TCP keepalive: the settings do not apply there.
      LOG.debugf("Could not set TCP keepalives on the election session: %s", e.getMessage());
    }
    return c;
  }

  private void disconnect() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // Gone already.
      }
    }
    if (leader) {
      changeTo(false);
    }
  }

  private void changeTo(boolean leading) {
    leader = leading;
    LOG.infof(
        leading ? "Daemon %s acquired the leader lock" : "Daemon %s lost the leader lock",
        daemonId);
    Listener l = listener;
    if (l != null) {
      try {
        l.leadership(leading);
      } catch (RuntimeException e) {
        LOG.errorf(e, "The leadership listener of daemon %s failed", daemonId);
      }
    }
  }

  @Override
  public void close() {
    Thread running;
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    synchronized (this) {
      running = thread;
    }
    if (running != null) {
      try {
        running.join(settings.socketTimeout().toMillis() + 2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Connection c = connection;
    if (c != null && leader) {
      try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        s.setLong(1, settings.key());
        s.execute();
      } catch (SQLException e) {
        // Closing the session below releases it too.
      }
    }
    disconnect();
  }

  /**
   * Drops the session abruptly, without giving up the lock politely: what a crash looks like to the
   * database. For tests of failover.
   */
  void crash() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    Connection c = connection;
    connection = null;
    leader = false;
    if (c != null) {
      try {
        c.abort(Runnable::run);
      } catch (SQLException e) {
        // Gone already.
      }
    }
  }
}
