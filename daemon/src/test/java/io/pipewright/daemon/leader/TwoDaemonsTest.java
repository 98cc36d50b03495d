package io.pipewright.daemon.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipewright.core.launch.AttemptId;
import io.pipewright.core.launch.LaunchRequest;
import io.pipewright.core.run.RunStatus;
import io.pipewright.daemon.Daemon;
import io.pipewright.daemon.DaemonSettings;
import io.pipewright.daemon.loop.DaemonLoop;
import io.pipewright.daemon.metrics.DaemonMetrics;
import io.pipewright.daemon.orchestrator.LaunchRequests;
import io.pipewright.daemon.testing.FakeWorkers.Script;
import io.pipewright.daemon.testing.Harness;
import io.pipewright.daemon.testing.Plans;
import io.pipewright.postgres.local.ConnectionInfo;
import io.pipewright.postgres.local.PrivatePostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two daemons over the same storage and launcher, with real threads and a real PostgreSQL lock: one
 * leads, the other waits; when the leader dies the other finishes its runs, launching no attempt
 * twice.
 */
class TwoDaemonsTest {

  private static ConnectionInfo database;

  @BeforeAll
  static void createDatabase() {
    database = PrivatePostgres.shared().createDatabase("twodaemons");
  }

  @AfterAll
  static void dropDatabase() {
    PrivatePostgres.shared().dropDatabase(database);
  }

  private static Daemon daemon(Harness h, String id) {
    DaemonLoop loop =
        new DaemonLoop(
            h.stores,
            h.workers,
            new LaunchRequests(null, Duration.ofHours(1), null, null, Clock.systemUTC()),
            location -> Optional.empty(),
            DaemonSettings.defaults(id),
            Clock.systemUTC(),
            () -> 0.5,
            DaemonMetrics.none());
    PostgresAdvisoryLockElection election =
        new PostgresAdvisoryLockElection(
            new PostgresAdvisoryLockElection.Settings(
                database.jdbcUrl(),
                database.user(),
                database.password(),
                42,
                Duration.ofMillis(500),
                Duration.ofMillis(500),
                Duration.ofSeconds(5)),
            id);
    return new Daemon(loop, election, List.of());
  }

  @Test
  void shouldLetOneDaemonDriveRunsAndTheOtherFinishThemWhenTheLeaderDies() {
    Harness h = new Harness();
    h.loop.leading(false); // The harness's own loop stays out of it.
    h.workers.script("slow", Script.HANG);
    Daemon first = daemon(h, "d1");
    Daemon second = daemon(h, "d2");
    try {
      first.start();
      PostgresAdvisoryLockElectionTest.await(first.loop()::isActive, Duration.ofSeconds(10));
      second.start();
      String quick = h.queue(Plans.chain("job", "a", "b"));
      String slow = h.queue(Plans.chain("job", "slow", "after"));
      PostgresAdvisoryLockElectionTest.await(
          () -> h.run(quick).status() == RunStatus.SUCCESS, Duration.ofSeconds(10));
      AttemptId hanging = new AttemptId(slow, "slow", 1);
      PostgresAdvisoryLockElectionTest.await(
          () -> h.workers.started().contains(hanging), Duration.ofSeconds(10));
      assertThat(second.loop().isActive()).isFalse();

      // The leader dies: its session drops, its loop stops.
      ((PostgresAdvisoryLockElection) first.election()).crash();
      first.loop().close();
      long died = System.nanoTime();
      PostgresAdvisoryLockElectionTest.await(second.loop()::isActive, Duration.ofSeconds(15));
      assertThat(Duration.ofNanos(System.nanoTime() - died)).isLessThan(Duration.ofSeconds(15));
      h.workers.finish(hanging);
      PostgresAdvisoryLockElectionTest.await(
          () -> h.run(slow).status() == RunStatus.SUCCESS, Duration.ofSeconds(10));

      List<AttemptId> launched =
          h.workers.platform().launched().stream().map(LaunchRequest::attempt).toList();
      assertThat(launched)
          .containsExactlyInAnyOrder(
              new AttemptId(quick, "a", 1),
              new AttemptId(quick, "b", 1),
              hanging,
              new AttemptId(slow, "after", 1));
    } finally {
      second.close();
      first.close();
    }
  }
}
