package io.pipewright.daemon.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.postgres.local.ConnectionInfo;
import io.pipewright.postgres.local.PrivatePostgres;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The advisory-lock election against a real PostgreSQL. */
class PostgresAdvisoryLockElectionTest {

  private static ConnectionInfo database;

  @BeforeAll
  static void createDatabase() {
    database = PrivatePostgres.shared().createDatabase("election");
  }

  @AfterAll
  static void dropDatabase() {
    PrivatePostgres.shared().dropDatabase(database);
  }

  static PostgresAdvisoryLockElection election(String id, long key) {
    return new PostgresAdvisoryLockElection(
        new PostgresAdvisoryLockElection.Settings(
            database.jdbcUrl(),
            database.user(),
            database.password(),
            key,
            Duration.ofMillis(500),
            Duration.ofMillis(500),
            Duration.ofSeconds(5)),
        id);
  }

  static void await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Condition not met within " + timeout);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void shouldLetExactlyOneLeadWhenTwoDaemonsCampaign() throws Exception {
    AtomicBoolean firstLeads = new AtomicBoolean();
    AtomicBoolean secondLeads = new AtomicBoolean();
    try (PostgresAdvisoryLockElection first = election("d1", 1);
        PostgresAdvisoryLockElection second = election("d2", 1)) {
      first.start(firstLeads::set);
      await(first::isLeader, Duration.ofSeconds(10));
      second.start(secondLeads::set);
      Thread.sleep(1500);

      assertThat(firstLeads).isTrue();
      assertThat(second.isLeader()).isFalse();
      assertThat(secondLeads).isFalse();
    }
  }

  @Test
  void shouldFailOverWithinFifteenSecondsWhenTheLeaderCrashes() {
    try (PostgresAdvisoryLockElection first = election("d1", 2);
        PostgresAdvisoryLockElection second = election("d2", 2)) {
      first.start(leading -> {});
      await(first::isLeader, Duration.ofSeconds(10));
      second.start(leading -> {});

      long crashed = System.nanoTime();
      first.crash();
      await(second::isLeader, Duration.ofSeconds(15));

      assertThat(Duration.ofNanos(System.nanoTime() - crashed)).isLessThan(Duration.ofSeconds(15));
    }
  }

  @Test
  void shouldHandOverWhenTheLeaderStopsAndTellItsListener() {
    AtomicBoolean firstLeads = new AtomicBoolean();
    try (PostgresAdvisoryLockElection second = election("d2", 3)) {
      PostgresAdvisoryLockElection first = election("d1", 3);
      first.start(firstLeads::set);
      await(first::isLeader, Duration.ofSeconds(10));
      second.start(leading -> {});

      first.close();

      assertThat(firstLeads).isFalse();
      await(second::isLeader, Duration.ofSeconds(5));
    }
  }
}
