package io.pipewright.daemon.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Leader election with a Kubernetes {@code coordination.k8s.io/v1} Lease, through fabric8's {@link
 * LeaderElector}: the daemon whose identity holds the Lease (and renews it) leads.
 *
 * <ul>
 *   <li>The holder renews every {@code retryPeriod} (2 s). When it cannot renew for {@code
 *       renewDeadline} (8 s: the API server is unreachable) it is told it no longer leads, before
 *       the Lease expires.
 *   <li>A standby tries every {@code retryPeriod} and takes the Lease once it was not renewed for
 *       {@code leaseDuration} (10 s): a leader that died is replaced within about 12 s, under the
 *       15 s goal (the clocks of the two daemons' nodes must agree within the remaining seconds).
 *   <li>Closing the election releases the Lease, so that a standby takes over at its next try.
 *   <li>An election that lost the Lease campaigns again (fabric8's elector ends when leadership
 *       ends).
 * </ul>
 *
 * <p>RBAC: {@code leases} {@code get}, {@code create}, {@code update} in the Lease's namespace.
 */
public final class KubernetesLeaseElection implements LeaderElection {

  private static final Logger LOG = Logger.getLogger(KubernetesLeaseElection.class);

  /** Where a pod finds its namespace (the service account's mounted files). */
  private static final Path POD_NAMESPACE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  /**
   * Settings.
   *
   * @param namespace the Lease's namespace
   * @param leaseName the Lease's name
   * @param leaseDuration how long the Lease holds without renewal
   * @param renewDeadline how long the holder tries to renew before it steps down; shorter than the
   *     lease duration
   * @param retryPeriod how often the holder renews and standbys try
   * @param releaseOnClose whether closing releases the Lease (false only in tests that play a
   *     leader that dies)
   */
  public record Settings(
      String namespace,
      String leaseName,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod,
      boolean releaseOnClose) {

    /** Validates the components. */
    public Settings {
      Objects.requireNonNull(namespace, "namespace must not be null");
      Objects.requireNonNull(leaseName, "leaseName must not be null");
      Objects.requireNonNull(leaseDuration, "leaseDuration must not be null");
      Objects.requireNonNull(renewDeadline, "renewDeadline must not be null");
      Objects.requireNonNull(retryPeriod, "retryPeriod must not be null");
      if (renewDeadline.compareTo(leaseDuration) >= 0) {
        throw new IllegalArgumentException(
            "pipewright.daemon.leader.renew-deadline ("
                + renewDeadline
                + ") must be shorter than lease-duration ("
                + leaseDuration
                + "): a leader that cannot renew must step down before a standby can take over");
      }
      if (retryPeriod.compareTo(renewDeadline) >= 0) {
        throw new IllegalArgumentException(
            "pipewright.daemon.leader.retry-interval ("
                + retryPeriod
                + ") must be shorter than renew-deadline ("
                + renewDeadline
                + "): the leader renews several times within the deadline");
      }
    }

    /**
     * The defaults: a 10 s Lease, an 8 s renew deadline, tries every 2 s, release on close.
     *
     * @param namespace the Lease's namespace
     * @param leaseName the Lease's name
     * @return the settings
     */
    public static Settings of(String namespace, String leaseName) {
      return new Settings(
          namespace,
          leaseName,
          Duration.ofSeconds(10),
          Duration.ofSeconds(8),
          Duration.ofSeconds(2),
          true);
    }
  }

  private final KubernetesClient client;
  private final Settings settings;
  private final String identity;
  private final ExecutorService callbacks;
  private final ScheduledExecutorService restarts;
  private volatile Listener listener;
  private volatile boolean leader;
  private volatile boolean closed;
  private CompletableFuture<?> campaign;

  /**
   * Creates the election.
   *
   * @param client the Kubernetes client (not closed by the election)
   * @param settings the Lease and its timing
   * @param identity this daemon's id: the Lease's {@code holderIdentity} (unique per daemon)
   */
  public KubernetesLeaseElection(KubernetesClient client, Settings settings, String identity) {
    this.client = Objects.requireNonNull(client, "client must not be null");
    this.settings = Objects.requireNonNull(settings, "settings must not be null");
    this.identity = Objects.requireNonNull(identity, "identity must not be null");
    // Callbacks in order on one thread: a loss is never overtaken by the next gain.
    this.callbacks = Executors.newSingleThreadExecutor(r -> thread(r, "pipewright-lease-election"));
    this.restarts =
        Executors.newSingleThreadScheduledExecutor(r -> thread(r, "pipewright-lease-campaign"));
  }

  /**
   * Tells whether this process runs in a Kubernetes pod (the API server's service variables and the
   * service account's files are there), which {@code leader.election=auto} asks.
   *
   * @return true inside a cluster
   */
  public static boolean insideCluster() {
    return System.getenv("KUBERNETES_SERVICE_HOST") != null && Files.isReadable(POD_NAMESPACE);
  }

  /**
   * The namespace of the pod this process runs in.
   *
   * @return the namespace, or null outside a cluster
   */
  public static String podNamespace() {
    try {
      return Files.isReadable(POD_NAMESPACE) ? Files.readString(POD_NAMESPACE).strip() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  @Override
  public synchronized void start(Listener l) {
    if (listener != null) {
      throw new IllegalStateException("The election was started already");
    }
    listener = Objects.requireNonNull(l, "listener must not be null");
    campaign();
  }

  @Override
  public boolean isLeader() {
    return leader;
  }

  /** Runs one campaign: acquire, renew until lost; then, unless closed, another one. */
  private synchronized void campaign() {
    if (closed) {
      return;
    }
    LeaderElector elector =
        client
            .leaderElector()
            .withConfig(
                new LeaderElectionConfigBuilder()
                    .withName(settings.leaseName())
                    .withLock(new LeaseLock(settings.namespace(), settings.leaseName(), identity))
                    .withLeaseDuration(settings.leaseDuration())
                    .withRenewDeadline(settings.renewDeadline())
                    .withRetryPeriod(settings.retryPeriod())
                    .withReleaseOnCancel(settings.releaseOnClose())
                    .withLeaderCallbacks(
                        new LeaderCallbacks(() -> tell(true), () -> tell(false), this::newLeader))
                    .build())
            .build();
    CompletableFuture<?> running = elector.start();
    campaign = running;
    running.whenComplete(
        (ignored, error) -> {
          tell(false);
          if (closed) {
            return;
          }
          if (error != null && !(error instanceof java.util.concurrent.CancellationException)) {
            LOG.warnf(
                "Daemon %s: the Lease %s/%s election ended (%s); campaigning again in %s",
                identity,
                settings.namespace(),
                settings.leaseName(),
                error,
                settings.retryPeriod());
          }
          restarts.schedule(
              this::campaign, settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
        });
  }

  private void newLeader(String holder) {
    if (holder != null && !holder.isBlank() && !identity.equals(holder)) {
      LOG.infof(
          "Daemon %s: %s holds the Lease %s/%s",
          identity, holder, settings.namespace(), settings.leaseName());
    }
  }

  private void tell(boolean leading) {
    callbacks.execute(
        () -> {
          if (leader == leading) {
            return;
          }
          leader = leading;
          LOG.infof(
              leading
                  ? "Daemon %s holds the Lease %s/%s: it leads"
                  : "Daemon %s no longer holds the Lease %s/%s",
              identity,
              settings.namespace(),
              settings.leaseName());
          Listener l = listener;
          if (l != null) {
            l.leadership(leading);
          }
        });
  }

  @Override
  public void close() {
    CompletableFuture<?> running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = campaign;
    }
    restarts.shutdownNow();
    if (running != null) {
      // Cancelling ends the renewals and, with releaseOnClose, releases the Lease.
      running.cancel(true);
    }
    tell(false);
    callbacks.shutdown();
    try {
      if (!callbacks.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warnf("Daemon %s: the election's listener did not return within 10 s", identity);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread thread(Runnable runnable, String name) {
    Thread t = new Thread(runnable, name);
    t.setDaemon(true);
    return t;
  }
}
