package io.pipewright.local.internal;

import io.pipewright.local.LocalOptions;
import io.pipewright.postgres.local.ConnectionInfo;
import io.pipewright.postgres.local.PrivatePostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole system on one machine: the private PostgreSQL (in this JVM), then the code locations,
 * the webserver and the daemon (child processes), each awaited until healthy; a banner with the
 * URL; and, on Ctrl-C (or when one server stops on its own), everything stopped in order: daemon
 * (which terminates its workers), webserver, code locations, PostgreSQL, and the throwaway home.
 */
public final class LocalSystem {

  /** How long the servers have to become ready. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

  /** Stop order: the daemon first (its workers still post events to the webserver), then ... */
  private static final List<List<String>> STOP_ORDER =
      List.of(List.of("daemon"), List.of("webserver"));

  private final LocalOptions options;
  private final PrintStream out;
  private final PrintStream err;
  private final Supervisor supervisor;
  private final Readiness readiness = new Readiness();

  private PrivatePostgres postgres;
  private Path home;
  private boolean stopped;
  private boolean failed;

  /**
   * Creates the system; nothing starts before {@link #run()}.
   *
   * @param options what to start, where
   * @param out where the banner goes
   * @param err where progress and errors go
   */
  public LocalSystem(LocalOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
    this.supervisor = new Supervisor(err);
  }

  /**
   * Starts everything, prints the banner and runs until a server stops on its own or the JVM is
   * asked to exit (Ctrl-C, SIGTERM; a shutdown hook stops everything then).
   *
   * @return the exit code: 1 when something could not start or stopped on its own
   */
  public int run() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "pipewright-local-stop"));
    try {
      List<Component> components = start();
      banner(components);
      return awaitUnexpectedExit();
    } catch (StartFailure | IllegalStateException | UncheckedIOException e) {
      if (!stopping()) {
        err.println();
        err.println("pipewright-local: " + e.getMessage());
        failed = true;
      }
      stop();
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      return 1;
    }
  }

  private List<Component> start() throws InterruptedException {
    long started = System.nanoTime();
    // Every check that needs no process first: a taken port is reported before anything starts.
    List<Component> planned =
        SystemPlan.components(
            options, Path.of("home"), placeholderDb(), "", javaPath(), System.getenv());
    checkJars(planned);
    checkPorts(planned);

    ConnectionInfo db;
    synchronized (this) {
      if (stopped) {
        throw new StartFailure("stopped while starting");
      }
      home = homeDirectory();
      mkdirs(home.resolve("logs"));
      err.println(
          System.getenv(PrivatePostgres.DB_URL_ENV) == null
              ? "Starting PostgreSQL ..."
              : "Using the PostgreSQL of " + PrivatePostgres.DB_URL_ENV + " ...");
      postgres =
          PrivatePostgres.start(
              new PrivatePostgres.Options(home.resolve("postgres"), options.keep(), 0));
      // With PIPEWRIGHT_DB_URL, its database; embedded, a database of our own on the fresh server.
      db = postgres.embedded() ? postgres.database("pipewright") : postgres.admin();
    }
    // A database that does not answer would otherwise show up as a stack trace in the webserver's
    // and the daemon's logs.
    try (Connection c = PrivatePostgres.connect(db)) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new StartFailure(
          "Cannot connect to the database "
              + db
              + ": "
              + String.valueOf(e.getMessage()).replaceAll("\\.+$", "")
              + (postgres.embedded() ? "" : ". Check " + PrivatePostgres.DB_URL_ENV));
    }
    List<Component> components =
        SystemPlan.components(options, home, db, newSecret(), javaPath(), System.getenv());
    err.println(
        "Starting the code locations etl and assets, the webserver and the daemon (logs in "
            + home.resolve("logs")
            + ") ...");
    List<Supervisor.Child> children = new ArrayList<>();
    for (Component component : components) {
      children.add(supervisor.start(component, home, home.resolve("logs")));
    }
    awaitReady(children, started);
    awaitWorkspace(children, started);
    return components;
  }

  private void awaitReady(List<Supervisor.Child> children, long started)
      throws InterruptedException {
    List<Supervisor.Child> waiting = new ArrayList<>(children);
    long deadline = started + START_TIMEOUT.toNanos();
    while (!waiting.isEmpty()) {
      for (Supervisor.Child child : List.copyOf(waiting)) {
        failIfExited(child);
        if (readiness.ready(child.component().healthUrl())) {
          waiting.remove(child);
          err.printf(
              "  %-9s ready on port %d (%.1f s)%n",
              child.component().name(),
              child.component().port(),
              (System.nanoTime() - started) / 1e9);
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        Supervisor.Child late = waiting.get(0);
        throw new StartFailure(
            late.component().name()
                + " was not ready within "
                + START_TIMEOUT.toSeconds()
                + " s ("
                + late.component().healthUrl()
                + "). The last lines of "
                + late.log()
                + ":\n"
                + Supervisor.tail(late.log(), 20));
      }
      Thread.sleep(250);
    }
  }

  private void awaitWorkspace(List<Supervisor.Child> children, long started)
      throws InterruptedException {
    String answer = "";
    long deadline = started + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      children.forEach(this::failIfExited);
      answer =
          readiness.workspace(
              "http://" + SystemPlan.HOST + ":" + options.ports().webserver() + "/graphql");
      if (Readiness.loadedLocations(answer) == 2) {
        err.printf(
            "  workspace loaded: etl, assets (%.1f s)%n", (System.nanoTime() - started) / 1e9);
        return;
      }
      Thread.sleep(250);
    }
    throw new StartFailure(
        "The webserver did not load both code locations within "
            + START_TIMEOUT.toSeconds()
            + " s; its workspace: "
            + answer);
  }

  private void failIfExited(Supervisor.Child child) {
    if (!child.process().isAlive()) {
      throw new StartFailure(
          child.component().name()
              + " stopped while starting (exit code "
              + child.process().exitValue()
              + "). The last lines of "
              + child.log()
              + ":\n"
              + Supervisor.tail(child.log(), 20));
    }
  }

  private int awaitUnexpectedExit() throws InterruptedException {
    List<Supervisor.Child> children = supervisor.children();
    CompletableFuture<?>[] exits =
        children.stream().map(c -> c.process().onExit()).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.anyOf(exits).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("Could not watch the servers", e);
    }
    if (stopping()) {
      return 0;
    }
    Supervisor.Child gone =
        children.stream().filter(c -> !c.process().isAlive()).findFirst().orElseThrow();
    err.println();
    err.println(
        "pipewright-local: "
            + gone.component().name()
            + " stopped on its own (exit code "
            + gone.process().exitValue()
            + "); stopping everything. The last lines of "
            + gone.log()
            + ":\n"
            + Supervisor.tail(gone.log(), 20));
    failed = true;
    stop();
    return 1;
  }

  private synchronized boolean stopping() {
    return stopped;
  }

  /** Stops everything, once; the shutdown hook and failures both call it. */
  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (home == null) {
      return;
    }
    err.println("Stopping Pipewright ...");
    supervisor.stop(STOP_ORDER);
    if (postgres != null) {
      try {
        postgres.close();
      } catch (RuntimeException e) {
        err.println("  could not stop PostgreSQL cleanly: " + e.getMessage());
      }
    }
    if (failed && !options.keep() && !supervisor.children().isEmpty()) {
      // The error names log files: they stay for reading (the database is gone already).
      err.println("Stopped; kept " + home + " for its logs: remove it when done.");
    } else if (!options.keep()) {
      deleteTree(home);
      err.println("Stopped; removed " + home + ".");
    } else {
      err.println("Stopped; kept " + home + " (logs, database, outputs).");
    }
  }

  private void banner(List<Component> components) {
    String graphql = graphqlUrl();
    // application/graphql: the body is the document itself, so no JSON escaping in the shell.
    String curl = "curl -s " + graphql + " -H 'Content-Type: application/graphql' -d ";
    String launch =
        curl
            + "'mutation { launchRun(executionParams: {selector: {repositoryLocationName: \"etl\","
            + " repositoryName: \"__repository__\", jobName: \"orders_etl\"}}) { __typename"
            + " ... on LaunchRunSuccess { run { runId status } } ... on PythonError { message } }"
            + " }'";
    String follow =
        curl
            + "'{ runOrError(runId: \"<runId>\") { ... on Run { status stepStats { stepKey"
            + " status } } } }'";
    out.println();
    out.println("Pipewright is up: " + graphql);
    out.println("  (a GraphQL API, Dagster's; no web UI yet)");
    for (Component c : components) {
      out.printf(
          "  %-9s port %-5d  log %s%n",
          c.name(), c.port(), home.resolve("logs/" + c.name() + ".log"));
    }
    out.println(
        "  database  "
            + postgres.admin().withDatabase(dbName()).reactiveUrl()
            + (postgres.embedded()
                ? "  (embedded PostgreSQL, log " + home.resolve("postgres.log") + ")"
                : ""));
    out.println(
        "  home      "
            + home
            + (options.keep()
                ? "  (kept)"
                : "  (removed on stop; --keep or PIPEWRIGHT_HOME keeps it)"));
    out.println();
    out.println("Launch the ETL example:");
    out.println("  " + launch);
    out.println("Follow the run:");
    out.println("  " + follow);
    out.println();
    out.println("Ctrl-C stops everything.");
    out.flush();
  }

  private String dbName() {
    return postgres.embedded() ? "pipewright" : postgres.admin().database();
  }

  private String graphqlUrl() {
    return "http://localhost:" + options.ports().webserver() + "/graphql";
  }

  private Path homeDirectory() {
    if (options.home().isPresent()) {
      return options.home().get();
    }
    try {
      return Files.createTempDirectory("pipewright-local-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not create a directory under "
              + System.getProperty("java.io.tmpdir")
              + "; set PIPEWRIGHT_HOME to a writable directory",
          e);
    }
  }

  private void checkJars(List<Component> components) {
    List<String> missing =
        components.stream()
            .filter(c -> !Files.isRegularFile(c.jar()))
            .map(c -> c.jar().toString())
            .toList();
    if (!missing.isEmpty()) {
      throw new StartFailure(
          "These applications are not built: "
              + String.join(", ", missing)
              + ". Run bin/pipewright-local without --no-build, or build them with"
              + " ./mvnw -q -DskipTests -pl local -am package");
    }
  }

  private static void checkPorts(List<Component> components) {
    List<String> taken = new ArrayList<>();
    for (Component c : components) {
      try (ServerSocket socket = new ServerSocket()) {
        // The loopback address the server will bind: taken also when something holds the port
        // on every interface (0.0.0.0 or [::]).
        socket.bind(new InetSocketAddress(SystemPlan.HOST, c.port()));
      } catch (IOException e) {
        taken.add(
            "port "
                + c.port()
                + " ("
                + c.name()
                + ") is in use: free it, or choose another with "
                + c.portVariable()
                + "=<port>");
      }
    }
    if (!taken.isEmpty()) {
      throw new StartFailure(String.join("; ", taken));
    }
  }

  private static ConnectionInfo placeholderDb() {
    return new ConnectionInfo("localhost", 5432, "pipewright", "pipewright", "");
  }

  private static Path javaPath() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static String newSecret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create " + dir + ": " + e.getMessage(), e);
    }
  }

  private void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      err.println("  could not remove " + dir + ": " + e.getMessage());
    }
  }

  /** A start that cannot go on; its message says why and what to do. */
  private static final class StartFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartFailure(String message) {
      super(message);
    }
  }
}
