package io.pipewright.postgres.local;

import java.util.concurrent.CountDownLatch;

/**
 * Starts the private PostgreSQL of local runs (data in {@code ~/.pipewright/postgres}, database
 * {@code pipewright}), prints how to connect, and runs until interrupted (Ctrl-C stops it cleanly).
 */
public final class LocalPostgres {

  private LocalPostgres() {}

  /**
   * Runs the server.
   *
   * @param args ignored
   * @throws InterruptedException never in practice: the JVM exits on Ctrl-C
   */
  public static void main(String[] args) throws InterruptedException {
    PrivatePostgres server = PrivatePostgres.start(PrivatePostgres.Options.forLocalRun());
    ConnectionInfo db = server.database("pipewright");
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pipewright-postgres-stop"));
    System.out.println("PostgreSQL is ready: " + db.jdbcUrl() + " (user " + db.user() + ")");
    System.out.println(
        "  "
            + PrivatePostgres.DB_URL_ENV
            + "=postgresql://"
            + db.user()
            + "@"
            + db.host()
            + ":"
            + db.port()
            + "/"
            + db.database());
    new CountDownLatch(1).await();
  }
}
