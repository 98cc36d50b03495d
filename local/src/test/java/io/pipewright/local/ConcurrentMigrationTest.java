package io.pipewright.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.postgres.local.ConnectionInfo;
import io.pipewright.postgres.local.PrivatePostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The local system starts the webserver and the daemon at the same moment on a fresh database, and
 * both migrate its schema at start-up (storage's {@code quarkus.flyway.migrate-at-start}). This
 * checks that Flyway serializes them (an advisory lock on PostgreSQL): several migrators released
 * at once on a fresh database, round after round, apply the storage schema exactly once between
 * them, and none fails.
 */
class ConcurrentMigrationTest {

  private static final String MIGRATIONS =
      "filesystem:"
          + Path.of("..", "storage", "src", "main", "resources", "db", "migration")
              .toAbsolutePath()
              .normalize();

  @Test
  void shouldApplyTheSchemaOnceWhenMigratorsStartTogetherOnAFreshDatabase() throws Exception {
    int migrators = 4;
    long files;
    try (var listing =
        java.nio.file.Files.list(Path.of(MIGRATIONS.substring("filesystem:".length())))) {
      files = listing.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
    }
    for (int round = 0; round < 3; round++) {
      ConnectionInfo db = PrivatePostgres.shared().createDatabase("migration_race");
      CyclicBarrier together = new CyclicBarrier(migrators);
      ExecutorService pool = Executors.newFixedThreadPool(migrators);
      try {
        List<Future<Integer>> applied = new ArrayList<>();
        for (int i = 0; i < migrators; i++) {
          applied.add(
              pool.submit(
                  () -> {
                    Flyway flyway =
                        Flyway.configure()
                            .dataSource(db.jdbcUrl(), db.user(), db.password())
                            .locations(MIGRATIONS)
                            .load();
                    together.await();
                    return flyway.migrate().migrationsExecuted;
                  }));
        }
        List<Integer> counts = new ArrayList<>();
        for (Future<Integer> f : applied) {
          counts.add(f.get());
        }
        // Each migration applied once in all: a second application would count twice (or fail).
        assertThat((long) counts.stream().mapToInt(Integer::intValue).sum())
            .as("migrations applied by each migrator in round %d: %s", round, counts)
            .isEqualTo(files);
      } finally {
        pool.shutdownNow();
        PrivatePostgres.shared().dropDatabase(db);
      }
    }
  }
}
