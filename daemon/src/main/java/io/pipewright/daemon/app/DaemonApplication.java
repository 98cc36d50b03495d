package io.pipewright.daemon.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipewright.core.auth.AttemptTokens;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.instigation.TickStatus;
import io.pipewright.core.launch.StepLauncher;
import io.pipewright.core.logs.ComputeLogStore;
import io.pipewright.core.orchestration.OrchestrationSettings;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.core.queue.RunQueueLimits;
import io.pipewright.core.queue.TagConcurrencyLimit;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.core.snapshot.RetryPolicySnapshot;
import io.pipewright.core.step.InfrastructureRetryPolicy;
import io.pipewright.daemon.Daemon;
import io.pipewright.daemon.DaemonSettings;
import io.pipewright.daemon.DaemonStores;
import io.pipewright.daemon.ingest.StdoutEventIngester;
import io.pipewright.daemon.launch.k8s.LeaderBoundLauncher;
import io.pipewright.daemon.launch.local.AttemptOutputListener;
import io.pipewright.daemon.launch.local.ComputeLogUpload;
import io.pipewright.daemon.launch.local.LocalLauncherSettings;
import io.pipewright.daemon.launch.local.LocalProcessStepLauncher;
import io.pipewright.daemon.launch.local.WorkerCommand;
import io.pipewright.daemon.leader.KubernetesLeaseElection;
import io.pipewright.daemon.leader.LeaderElection;
import io.pipewright.daemon.leader.PostgresAdvisoryLockElection;
import io.pipewright.daemon.loop.DaemonLoop;
import io.pipewright.daemon.metrics.DaemonMetrics;
import io.pipewright.daemon.orchestrator.LaunchRequests;
import io.pipewright.daemon.retention.Retention;
import io.pipewright.daemon.retention.RetentionPeriods;
import io.pipewright.storage.files.FileComputeLogStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Assembles the daemon from its configuration when Quarkus starts, and stops it when Quarkus stops:
 * the step launcher (local processes with their compute logs and standard-output ingest, or
 * Kubernetes pods, started while this daemon leads), the loop, the leader election, retention.
 * Everything is wired here by hand (plain constructors), so the pieces stay testable without
 * Quarkus.
 */
@ApplicationScoped
public class DaemonApplication {

  private static final Logger LOG = Logger.getLogger(DaemonApplication.class);

  private final DaemonConfig config;
  private final DaemonStores stores;
  private final InstigatorStore instigators;
  private final MeterRegistry registry;
  private final ComputeLogStore configuredLogs;
  private final Optional<String> tokenSecret;
  private final Optional<String> jdbcUrl;
  private final Optional<String> jdbcUser;
  private final Optional<String> jdbcPassword;
  private volatile Daemon daemon;
  private volatile FileComputeLogStore logs;
  private volatile DaemonMetrics metrics;
  private KubernetesWiring kubernetes;
  private ScheduledExecutorService retention;
  @Inject InstigationWiring instigation;

  @Inject
  DaemonApplication(
      DaemonConfig config,
      RunStore runs,
      SnapshotStore snapshots,
      EventLog events,
      PoolStore pools,
      DaemonHeartbeatStore heartbeats,
      InstigatorStore instigators,
      MeterRegistry registry,
      ComputeLogStore configuredLogs,
      @ConfigProperty(name = "pipewright.ingest.token-secret") Optional<String> tokenSecret,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> jdbcUser,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> jdbcPassword) {
    this.config = config;
    this.stores = new DaemonStores(runs, snapshots, events, pools, heartbeats);
    this.instigators = instigators;
    this.registry = registry;
    this.configuredLogs = configuredLogs;
    this.tokenSecret = tokenSecret;
    this.jdbcUrl = jdbcUrl;
    this.jdbcUser = jdbcUser;
    this.jdbcPassword = jdbcPassword;
  }

  void start(@Observes StartupEvent event) {
    if (!config.enabled()) {
      LOG.info("The daemon is disabled (pipewright.daemon.enabled=false): it drives no runs");
      return;
    }
    String id = config.id().orElseGet(DaemonApplication::defaultId);
    Clock clock = Clock.systemUTC();
    metrics = new DaemonMetrics(registry);
    logs = new FileComputeLogStore(Path.of(config.computeLogs().directory()));
    List<AutoCloseable> resources = new ArrayList<>();
    StepLauncher launcher;
    Function<String, Optional<String>> unavailable;
    LaunchRequests requests;
    LeaderBoundLauncher bound = null;
    switch (config.launcher()) {
      case "local" -> {
        AttemptOutputListener output = AttemptOutputListener.NONE;
        if (config.ingest().stdout()) {
          StdoutEventIngester ingester =
              new StdoutEventIngester(
                  stores.events(),
                  config.ingest().pollInterval(),
                  config.orchestration().storeTimeout());
          output = ingester;
          resources.add(ingester);
        }
        if (!(configuredLogs instanceof FileComputeLogStore)) {
          // pipewright.compute-logs.store=postgres: the webserver reads the logs there.
          output = new ComputeLogUpload(output, logs, configuredLogs);
        }
        Path stateDirectory = Path.of(config.localLauncher().stateDirectory());
        LocalProcessStepLauncher local =
            new LocalProcessStepLauncher(launcherSettings(stateDirectory), logs, output, clock);
        resources.add(0, local);
        launcher = local;
        unavailable = local::unavailable;
        requests =
            new LaunchRequests(
                tokens(),
                config.ingest().tokenLifetime(),
                config.ingest().url().orElse(null),
                stateDirectory.resolveSibling("args"),
                clock);
      }
      case "kubernetes" -> {
        String url =
            config
                .ingest()
                .url()
                .filter(u -> !u.isBlank())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "pipewright.daemon.launcher=kubernetes needs"
                                + " pipewright.daemon.ingest.url (the webserver's URL as step pods"
                                + " reach it, such as http://pipewright-webserver:3000) and"
                                + " pipewright.ingest.token-secret: a pod's standard output is not"
                                + " the daemon's to read"));
        KubernetesWiring k8s = kubernetes();
        // Pods' logs go to the configured store (pipewright.compute-logs.store), which the
        // webserver
        // reads too; the local launcher's children write files of their own.
        bound =
            k8s.launcher(
                stores.runs(),
                stores.events(),
                configuredLogs,
                registry,
                config.orchestration().storeTimeout());
        resources.add(bound);
        launcher = bound;
        unavailable = k8s::unavailable;
        // Arguments too long for a command line cannot go through a file the pod cannot read.
        requests =
            new LaunchRequests(
                tokens(), config.ingest().tokenLifetime(), url, null, clock, k8s.images());
      }
      default ->
          throw new IllegalStateException(
              "pipewright.daemon.launcher is '"
                  + config.launcher()
                  + "'; use local (a child process per step attempt) or kubernetes (a pod per"
                  + " step attempt)");
    }
    DaemonLoop loop =
        new DaemonLoop(
            stores,
            launcher,
            requests,
            unavailable,
            settings(id),
            clock,
            () -> ThreadLocalRandom.current().nextDouble(),
            metrics);
    LeaderElection election = election(id);
    if (bound != null) {
      election = bound.follow(election);
    }
    if (kubernetes != null) {
      resources.add(kubernetes); // the API client, after everything that uses it
    }
    daemon = new Daemon(loop, election, resources);
    instigation.attach(daemon, id, clock, registry);
    daemon.start();
    startRetention(election, clock);
    LOG.infof(
        "Daemon %s started: code locations %s, %s launcher, leader election %s, events %s,"
            + " compute logs in %s",
        id,
        config.locations().keySet(),
        config.launcher(),
        electionKind(),
        config
            .ingest()
            .url()
            .map(u -> "sent by workers to " + u)
            .orElse("read from workers' standard output"),
        logs.base());
  }

  void stop(@Observes ShutdownEvent event) {
    if (retention != null) {
      retention.shutdownNow();
    }
    Daemon running = daemon;
    if (running != null) {
      running.close();
    }
  }

  /**
   * The running daemon.
   *
   * @return the daemon, or null before start-up
   */
  public Daemon daemon() {
    return daemon;
  }

  /**
   * The compute logs.
   *
   * @return the store, or null before start-up
   */
  public FileComputeLogStore computeLogs() {
    return logs;
  }

  private LocalLauncherSettings launcherSettings(Path stateDirectory) {
    Map<String, WorkerCommand> locations = new LinkedHashMap<>();
    for (Map.Entry<String, DaemonConfig.Location> entry : config.locations().entrySet()) {
      DaemonConfig.Location location = entry.getValue();
      List<String> command = WorkerCommand.split(location.workerCommand().orElse(""));
      if (command.isEmpty()) {
        throw new IllegalStateException(
            "pipewright.daemon.locations."
                + entry.getKey()
                + ".worker-command is missing or empty; give the command that starts the location's app,"
                + " such as java -jar examples/etl/target/quarkus-app/quarkus-run.jar");
      }
      locations.put(
          entry.getKey(),
          new WorkerCommand(
              command,
              location.workingDirectory().map(Path::of).orElse(null),
              location.environment()));
    }
    DaemonConfig.LocalLauncher local = config.localLauncher();
    return new LocalLauncherSettings(
        locations,
        stateDirectory,
        local.terminateGracePeriod(),
        local.lastLogLines(),
        local.inheritEnvironment(),
        local.terminateOnShutdown());
  }

  private AttemptTokens tokens() {
    if (tokenSecret.isEmpty() || tokenSecret.get().isBlank()) {
      return null;
    }
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(tokenSecret.get().strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "pipewright.ingest.token-secret is not base64 ("
              + e.getMessage()
              + "); give the same base64 secret as the webserver's, such as the output of"
              + " `openssl rand -base64 32`",
          e);
    }
    return new AttemptTokens(secret);
  }

  private DaemonSettings settings(String id) {
    List<TagConcurrencyLimit> tagLimits = new ArrayList<>();
    for (DaemonConfig.TagLimit limit : config.queue().tagConcurrencyLimits()) {
      tagLimits.add(
          new TagConcurrencyLimit(
              limit.key(), limit.value().orElse(null), limit.perUniqueValue(), limit.limit()));
    }
    DaemonConfig.Orchestration o = config.orchestration();
    OrchestrationSettings orchestration =
        OrchestrationSettings.builder()
            .exitGracePeriod(o.exitGracePeriod())
            .startTimeout(o.startTimeout())
            .terminateTimeout(o.terminateTimeout())
            .maxConcurrentSteps(o.maxConcurrentSteps())
            .infrastructureRetries(
                new InfrastructureRetryPolicy(
                    o.infrastructureRetries(),
                    o.infrastructureRetryDelay(),
                    RetryPolicySnapshot.Backoff.EXPONENTIAL))
            .build();
    return new DaemonSettings(
        id,
        new RunQueueLimits(config.queue().maxConcurrentRuns(), tagLimits),
        config.queue().maxScan(),
        orchestration,
        config.queue().interval(),
        o.resyncInterval(),
        config.leader().heartbeatInterval(),
        o.storeTimeout(),
        java.time.Duration.ofSeconds(2));
  }

  /** The election's kind, {@code auto} resolved: a Lease inside a cluster, else the lock. */
  private String electionKind() {
    String kind = config.leader().election();
    if (kind.equals("auto")) {
      return KubernetesLeaseElection.insideCluster() ? "kubernetes" : "postgres";
    }
    return kind;
  }

  private KubernetesWiring kubernetes() {
    if (kubernetes == null) {
      kubernetes = new KubernetesWiring(config);
    }
    return kubernetes;
  }

  private LeaderElection election(String id) {
    String kind = electionKind();
    if (kind.equals("none")) {
      return LeaderElection.alone();
    }
    if (kind.equals("kubernetes")) {
      return kubernetes().election(id);
    }
    if (!kind.equals("postgres")) {
      throw new IllegalStateException(
          "pipewright.daemon.leader.election is '"
              + kind
              + "'; use auto (a Lease inside a Kubernetes cluster, else the advisory lock),"
              + " kubernetes (a coordination.k8s.io Lease), postgres (an advisory lock in the"
              + " daemon's database) or none (a single daemon)");
    }
    String url =
        jdbcUrl.orElseThrow(
            () ->
                new IllegalStateException(
                    "The leader election uses a PostgreSQL advisory lock and needs"
                        + " quarkus.datasource.jdbc.url; set it, or set"
                        + " pipewright.daemon.leader.election=none to run a single daemon"));
    DaemonConfig.Leader leader = config.leader();
    return new PostgresAdvisoryLockElection(
        new PostgresAdvisoryLockElection.Settings(
            url,
            jdbcUser.orElse(null),
            jdbcPassword.orElse(null),
            leader.lockKey().orElse(PostgresAdvisoryLockElection.DEFAULT_KEY),
            leader.retryInterval(),
            leader.checkInterval(),
            java.time.Duration.ofSeconds(5)),
        id);
  }

  private void startRetention(LeaderElection election, Clock clock) {
    DaemonConfig.Retention r = config.retention();
    RetentionPeriods periods =
        new RetentionPeriods(
            r.events(),
            r.computeLogs(),
            Map.of(
                TickStatus.SKIPPED, r.ticks().skipped(),
                TickStatus.SUCCESS, r.ticks().success(),
                TickStatus.FAILURE, r.ticks().failure()));
    if (periods.keepsEverything()) {
      return;
    }
    Retention task =
        new Retention(
            stores.events(),
            logs,
            instigators,
            periods,
            election::isLeader,
            clock,
            config.orchestration().storeTimeout().multipliedBy(10));
    retention =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "pipewright-retention");
              t.setDaemon(true);
              return t;
            });
    long minutes = Math.max(1, r.interval().toMinutes());
    retention.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.warnf(e, "Retention failed; trying again in %d minutes", minutes);
          }
        },
        1,
        minutes,
        TimeUnit.MINUTES);
  }

  private static String defaultId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
