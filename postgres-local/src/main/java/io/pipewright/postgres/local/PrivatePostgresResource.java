package io.pipewright.postgres.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A Quarkus test resource that gives the application under test a fresh database on this JVM's
 * shared private PostgreSQL ({@link PrivatePostgres#shared()}), configured as the default
 * datasource: reactive URL, JDBC URL (for Flyway), user and password.
 *
 * <p>Use it with {@code @QuarkusTestResource(PrivatePostgresResource.class)} (or
 * {@code @WithTestResource}). The init argument {@code database-prefix} names the database (default
 * {@code test}); the database is dropped when the application stops.
 */
public final class PrivatePostgresResource implements QuarkusTestResourceLifecycleManager {

  private String prefix = "test";
  private ConnectionInfo database;

  /** Creates the resource; Quarkus calls {@link #init} and {@link #start}. */
  public PrivatePostgresResource() {}

  @Override
  public void init(Map<String, String> initArgs) {
    prefix = initArgs.getOrDefault("database-prefix", prefix);
  }

  @Override
  public Map<String, String> start() {
    database = PrivatePostgres.shared().createDatabase(prefix);
    return database.quarkusProperties();
  }

  @Override
  public void stop() {
    if (database != null) {
      PrivatePostgres.shared().dropDatabase(database);
      database = null;
    }
  }
}
