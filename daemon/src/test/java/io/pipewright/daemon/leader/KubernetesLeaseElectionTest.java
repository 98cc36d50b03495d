package io.pipewright.daemon.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pipewright.executor.k8s.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two daemons' Lease elections against the mock API server: one leads; a standby takes over at once
 * when the leader closes (it releases the Lease), and within 15 s when the leader dies (its Lease
 * expires); a leader that cannot renew steps down.
 */
class KubernetesLeaseElectionTest {

  private static final String NS = "daemons";
  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(NS);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  /** An election's listener calls, in order. */
  private static final class Recorder implements LeaderElection.Listener {
    final List<Boolean> calls = new CopyOnWriteArrayList<>();

    @Override
    public void leadership(boolean leading) {
      calls.add(leading);
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + " did not happen within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  /** Writes another holder into a Lease, again while the holder's renewals get in between. */
  private static void steal(KubernetesClient client, String lease) {
    for (int i = 0; ; i++) {
      try {
        client
            .leases()
            .inNamespace(NS)
            .withName(lease)
            .edit(
                l -> {
                  l.getSpec().setHolderIdentity("intruder");
                  l.getSpec().setRenewTime(java.time.ZonedDateTime.now().plusSeconds(60));
                  return l;
                });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || i > 20) {
          throw e;
        }
      }
    }
  }

  private static KubernetesLeaseElection.Settings fast(String lease, boolean release) {
    return new KubernetesLeaseElection.Settings(
        NS, lease, Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200), release);
  }

  @Test
  void shouldLetOneLeadAndTheOtherTakeOverAtOnceWhenTheLeaderCloses() throws Exception {
    try (KubernetesClient c1 = cluster.newClient();
        KubernetesClient c2 = cluster.newClient()) {
      Recorder r1 = new Recorder();
      Recorder r2 = new Recorder();
      KubernetesLeaseElection first = new KubernetesLeaseElection(c1, fast("close", true), "d1");
      KubernetesLeaseElection second = new KubernetesLeaseElection(c2, fast("close", true), "d2");
      first.start(r1);
      await(first::isLeader, Duration.ofSeconds(5), "the first daemon leading");
      second.start(r2);
      Thread.sleep(1000);
      assertThat(second.isLeader()).as("a standby while the leader renews").isFalse();
      Lease lease = c1.leases().inNamespace(NS).withName("close").get();
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("d1");

      long closed = System.nanoTime();
      first.close();
      await(second::isLeader, Duration.ofSeconds(5), "the standby taking over");

      assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofSeconds(2));
      // isLeader() turns true before the listener hears of it (its own thread): wait for the call.
      await(() -> r2.calls.size() == 1, Duration.ofSeconds(5), "the standby's listener told");
      assertThat(r1.calls).containsExactly(true, false);
      assertThat(r2.calls).containsExactly(true);
      assertThat(c2.leases().inNamespace(NS).withName("close").get().getSpec().getHolderIdentity())
          .isEqualTo("d2");
      second.close();
      assertThat(r2.calls).containsExactly(true, false);
    }
  }

  @Test
  void shouldTakeOverWithin15SecondsWhenTheLeaderDiesWithTheDefaultTimings() throws Exception {
    KubernetesClient c1 = cluster.newClient();
    try (KubernetesClient c2 = cluster.newClient()) {
      Recorder r2 = new Recorder();
      KubernetesLeaseElection.Settings defaults =
          KubernetesLeaseElection.Settings.of(NS, "failover");
      // The leader dies: it never releases the Lease (as a killed process cannot).
      KubernetesLeaseElection first =
          new KubernetesLeaseElection(
              c1,
              new KubernetesLeaseElection.Settings(
                  NS,
                  "failover",
                  defaults.leaseDuration(),
                  defaults.renewDeadline(),
                  defaults.retryPeriod(),
                  false),
              "d1");
      KubernetesLeaseElection second = new KubernetesLeaseElection(c2, defaults, "d2");
      first.start(leading -> {});
      await(first::isLeader, Duration.ofSeconds(5), "the first daemon leading");
      second.start(r2);

      long died = System.nanoTime();
      first.close();
      c1.close();
      await(second::isLeader, Duration.ofSeconds(15), "the standby taking over");

      Duration failover = Duration.ofNanos(System.nanoTime() - died);
      assertThat(failover)
          .as("it waits for the Lease to expire (10 s), not less")
          .isGreaterThan(Duration.ofSeconds(7))
          .isLessThan(Duration.ofSeconds(15));
      second.close();
    }
  }

  @Test
  void shouldStepDownWhenTheLeaseCannotBeRenewed() throws Exception {
    try (KubernetesClient c1 = cluster.newClient();
        KubernetesClient other = cluster.newClient()) {
      Recorder r1 = new Recorder();
      KubernetesLeaseElection first = new KubernetesLeaseElection(c1, fast("stolen", true), "d1");
      first.start(r1);
      await(first::isLeader, Duration.ofSeconds(5), "the daemon leading");

      // Someone else holds the Lease now (an operator, a daemon with a skewed clock).
      steal(other, "stolen");
      await(() -> !first.isLeader(), Duration.ofSeconds(5), "the daemon stepping down");

      assertThat(r1.calls).containsExactly(true, false);
      first.close();
    }
  }
}
