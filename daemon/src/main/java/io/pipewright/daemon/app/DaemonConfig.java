package io.pipewright.daemon.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The daemon's configuration, {@code pipewright.daemon.*}; see {@code docs/daemon.md}. */
@ConfigMapping(prefix = "pipewright.daemon")
public interface DaemonConfig {

  /**
   * Whether the daemon runs its loops; false serves only health and metrics (maintenance, tests
   * that assemble daemons themselves).
   *
   * @return true to run
   */
  @WithDefault("true")
  boolean enabled();

  /**
   * This daemon's id in heartbeats and logs.
   *
   * @return the id; default: host name and process id
   */
  Optional<String> id();

  /**
   * Which step launcher runs the attempts: {@code local} (a child process per attempt) or {@code
   * kubernetes} (a pod per attempt, {@link #k8s()}).
   *
   * @return the launcher's name
   */
  @WithDefault("local")
  String launcher();

  /**
   * The code locations whose steps this daemon runs, by name.
   *
   * @return the locations
   */
  Map<String, Location> locations();

  /** One code location. */
  interface Location {
    /**
     * The worker command of the local launcher, split on white space; {@code execute-step --args
     * ...} is appended. Required with {@code launcher=local}.
     *
     * @return such as {@code java -jar examples/etl/target/quarkus-app/quarkus-run.jar}
     */
    @WithName("worker-command")
    Optional<String> workerCommand();

    /**
     * The container image of the location's step pods (the Kubernetes launcher) when the run's plan
     * names none: a run's pods run the image its code location server names in its snapshot ({@code
     * pipewright.code-location.image}), stored with the run's plan; this is the fallback for
     * servers started without one.
     *
     * @return such as {@code registry.example.com/etl:1.4.2}
     */
    Optional<String> image();

    /**
     * The location's layer of pod settings, JSON in the shape of the {@code
     * pipewright.io/k8s-config} tag (the Kubernetes launcher).
     *
     * @return the JSON
     */
    @WithName("k8s-config")
    Optional<String> k8sConfig();

    /**
     * Where the worker runs.
     *
     * @return the directory; default: the daemon's working directory
     */
    @WithName("working-directory")
    Optional<String> workingDirectory();

    /**
     * Extra environment variables of the worker.
     *
     * @return the variables
     */
    Map<String, String> environment();

    /**
     * The host of the location's gRPC server, which evaluates its schedules and sensors and plans
     * the runs they request; without it the daemon does not tick the location's instigators.
     *
     * @return the host
     */
    Optional<String> host();

    /**
     * The port of the location's gRPC server.
     *
     * @return the port; 4000, the code location server's default
     */
    @WithDefault("4000")
    int port();
  }

  /**
   * The run queue.
   *
   * @return its settings
   */
  Queue queue();

  /** The run queue's settings. */
  interface Queue {
    /**
     * How many runs may be in progress at once; -1 for no limit, 0 pauses the queue.
     *
     * @return the limit
     */
    @WithName("max-concurrent-runs")
    @WithDefault("10")
    int maxConcurrentRuns();

    /**
     * Tag concurrency limits.
     *
     * @return the limits
     */
    @WithName("tag-concurrency-limits")
    List<TagLimit> tagConcurrencyLimits();

    /**
     * At most this many queued runs are considered per admission, oldest first.
     *
     * @return the number
     */
    @WithName("max-scan")
    @WithDefault("10000")
    int maxScan();

    /**
     * How often the queue is checked without a notification.
     *
     * @return the interval
     */
    @WithDefault("5s")
    Duration interval();
  }

  /** One tag concurrency limit (Dagster's {@code tag_concurrency_limits} entry). */
  interface TagLimit {
    /**
     * The tag key.
     *
     * @return the key
     */
    String key();

    /**
     * The tag value it limits; empty for every value together.
     *
     * @return the value
     */
    Optional<String> value();

    /**
     * Whether the limit applies to each value separately.
     *
     * @return true for per-unique-value limits
     */
    @WithName("per-unique-value")
    @WithDefault("false")
    boolean perUniqueValue();

    /**
     * How many runs may hold the tag at once.
     *
     * @return the limit
     */
    int limit();
  }

  /**
   * Run orchestration.
   *
   * @return its settings
   */
  Orchestration orchestration();

  /** Run orchestration's settings. */
  interface Orchestration {
    /**
     * How long to wait for a worker's final event after its process ended.
     *
     * @return the period
     */
    @WithName("exit-grace-period")
    @WithDefault("10s")
    Duration exitGracePeriod();

    /**
     * How long an attempt may take to start running.
     *
     * @return the timeout
     */
    @WithName("start-timeout")
    @WithDefault("10m")
    Duration startTimeout();

    /**
     * How long a canceling run waits for its attempts to stop.
     *
     * @return the timeout
     */
    @WithName("terminate-timeout")
    @WithDefault("2m")
    Duration terminateTimeout();

    /**
     * How many attempts of one run may run at once; 0 for no limit.
     *
     * @return the limit
     */
    @WithName("max-concurrent-steps")
    @WithDefault("0")
    int maxConcurrentSteps();

    /**
     * Infrastructure retries per step (not counted against the op's retry policy).
     *
     * @return the retries
     */
    @WithName("infrastructure-retries")
    @WithDefault("3")
    int infrastructureRetries();

    /**
     * The base wait before an infrastructure retry (exponential back-off).
     *
     * @return the wait
     */
    @WithName("infrastructure-retry-delay")
    @WithDefault("10s")
    Duration infrastructureRetryDelay();

    /**
     * How often driven runs are read again in case a notification was lost.
     *
     * @return the interval
     */
    @WithName("resync-interval")
    @WithDefault("60s")
    Duration resyncInterval();

    /**
     * How long one store call may take.
     *
     * @return the timeout
     */
    @WithName("store-timeout")
    @WithDefault("30s")
    Duration storeTimeout();
  }

  /**
   * The local-process step launcher.
   *
   * @return its settings
   */
  @WithName("local-launcher")
  LocalLauncher localLauncher();

  /** The local launcher's settings. */
  interface LocalLauncher {
    /**
     * Where attempts' processes and exit codes are recorded.
     *
     * @return the directory
     */
    @WithName("state-directory")
    @WithDefault("${user.home}/.pipewright/daemon/attempts")
    String stateDirectory();

    /**
     * How long a terminated worker has between SIGTERM and SIGKILL.
     *
     * @return the period
     */
    @WithName("terminate-grace-period")
    @WithDefault("10s")
    Duration terminateGracePeriod();

    /**
     * How many last lines of standard error a failure carries.
     *
     * @return the number
     */
    @WithName("last-log-lines")
    @WithDefault("20")
    int lastLogLines();

    /**
     * The daemon's environment variables workers inherit.
     *
     * @return the names
     */
    @WithName("inherit-environment")
    @WithDefault("PATH,HOME,USER,LANG,LC_ALL,TZ,TMPDIR,JAVA_HOME")
    List<String> inheritEnvironment();

    /**
     * Whether stopping the daemon stops the workers still running.
     *
     * @return true to stop them
     */
    @WithName("terminate-on-shutdown")
    @WithDefault("false")
    boolean terminateOnShutdown();
  }

  /**
   * The Kubernetes step launcher ({@code launcher=kubernetes}); see {@code docs/kubernetes.md}.
   *
   * @return its settings
   */
  K8s k8s();

  /** The Kubernetes step launcher's settings ({@code K8sExecutorSettings}). */
  interface K8s {
    /**
     * The API server's URL; empty to configure the client as usual (in a pod: its service account;
     * else {@code KUBECONFIG} or {@code ~/.kube/config}).
     *
     * @return the URL
     */
    @WithName("master-url")
    Optional<String> masterUrl();

    /**
     * Where step pods run.
     *
     * @return the namespace; default: the daemon's own namespace in a pod, else {@code default}
     */
    Optional<String> namespace();

    /**
     * The {@code pipewright.io/instance} label: installations sharing a namespace never touch each
     * other's pods.
     *
     * @return the instance name
     */
    @WithDefault("pipewright")
    String instance();

    /**
     * The deployment's layer of pod settings, JSON in the shape of the {@code
     * pipewright.io/k8s-config} tag.
     *
     * @return the JSON
     */
    Optional<String> defaults();

    /**
     * The service account of step pods (in the deployment's layer; a job or op tag may override
     * it).
     *
     * @return the name; default: the namespace's {@code default}
     */
    @WithName("service-account")
    Optional<String> serviceAccount();

    /**
     * API requests per second (client-side rate limit).
     *
     * @return the rate
     */
    @WithDefault("100")
    double qps();

    /**
     * API requests allowed at once above the rate.
     *
     * @return the burst
     */
    @WithDefault("200")
    int burst();

    /**
     * Pod creations in flight at once.
     *
     * @return the number
     */
    @WithName("create-concurrency")
    @WithDefault("16")
    int createConcurrency();

    /**
     * Whether nodes are watched, so that a lost node fails its pods after {@link #nodeLostGrace()}
     * (needs the ClusterRole on nodes).
     *
     * @return true to watch
     */
    @WithName("watch-nodes")
    @WithDefault("true")
    boolean watchNodes();

    /**
     * How long an image pull may fail before the attempt fails (an infrastructure failure).
     *
     * @return the grace
     */
    @WithName("image-pull-grace")
    @WithDefault("2m")
    Duration imagePullGrace();

    /**
     * How long a container config error may last before the attempt fails.
     *
     * @return the grace
     */
    @WithName("config-error-grace")
    @WithDefault("1m")
    Duration configErrorGrace();

    /**
     * How long a pod may stay unschedulable.
     *
     * @return the timeout
     */
    @WithName("unschedulable-timeout")
    @WithDefault("10m")
    Duration unschedulableTimeout();

    /**
     * How long a pod may stay pending for any other reason.
     *
     * @return the timeout
     */
    @WithName("start-timeout")
    @WithDefault("15m")
    Duration startTimeout();

    /**
     * How long a node may be not ready before its pods fail.
     *
     * @return the grace
     */
    @WithName("node-lost-grace")
    @WithDefault("30s")
    Duration nodeLostGrace();

    /**
     * How often pending pods' time-based rules (the graces and timeouts above) are evaluated again
     * from the informer's cache (no API call).
     *
     * @return the interval
     */
    @WithName("reevaluate-every")
    @WithDefault("5s")
    Duration reevaluateEvery();

    /**
     * How long failed pods are kept for inspection.
     *
     * @return the period
     */
    @WithName("keep-failed-pods-for")
    @WithDefault("24h")
    Duration keepFailedPodsFor();

    /**
     * The grace period of deleting running pods (termination, sweep).
     *
     * @return the period
     */
    @WithName("delete-grace-period")
    @WithDefault("30s")
    Duration deleteGracePeriod();

    /**
     * How often the orphan sweep runs.
     *
     * @return the interval
     */
    @WithName("sweep-every")
    @WithDefault("5m")
    Duration sweepEvery();

    /**
     * How old a pod of an unknown run must be before the sweep deletes it.
     *
     * @return the age
     */
    @WithName("orphan-min-age")
    @WithDefault("10m")
    Duration orphanMinAge();

    /**
     * How long the launcher's start waits for its informers' first list.
     *
     * @return the timeout
     */
    @WithName("sync-timeout")
    @WithDefault("1m")
    Duration syncTimeout();
  }

  /**
   * Compute logs.
   *
   * @return their settings
   */
  @WithName("compute-logs")
  ComputeLogs computeLogs();

  /** Compute logs' settings. */
  interface ComputeLogs {
    /**
     * Where compute logs are written.
     *
     * @return the directory
     */
    @WithDefault("${user.home}/.pipewright/logs")
    String directory();
  }

  /**
   * Where workers send their events.
   *
   * @return the settings
   */
  Ingest ingest();

  /** Event ingest settings. */
  interface Ingest {
    /**
     * The webserver's base URL for the event ingest; empty to read events from workers' standard
     * output.
     *
     * @return the URL
     */
    Optional<String> url();

    /**
     * Whether workers' standard output is read for events (always harmless: a worker with an ingest
     * URL writes none there).
     *
     * @return true to read it
     */
    @WithDefault("true")
    boolean stdout();

    /**
     * How often running workers' standard output is read.
     *
     * @return the interval
     */
    @WithName("poll-interval")
    @WithDefault("200ms")
    Duration pollInterval();

    /**
     * How long a worker's token is valid.
     *
     * @return the lifetime
     */
    @WithName("token-lifetime")
    @WithDefault("24h")
    Duration tokenLifetime();
  }

  /**
   * Leader election.
   *
   * @return its settings
   */
  Leader leader();

  /** Leader election settings. */
  interface Leader {
    /**
     * {@code auto} (a Lease inside a Kubernetes cluster, else the advisory lock), {@code
     * kubernetes} (a {@code coordination.k8s.io} Lease), {@code postgres} (an advisory lock in the
     * daemon's database) or {@code none} (this daemon always leads: only one may run).
     *
     * @return the kind
     */
    @WithDefault("auto")
    String election();

    /**
     * The Lease's name ({@code election=kubernetes}).
     *
     * @return the name
     */
    @WithName("lease-name")
    @WithDefault("pipewright-daemon")
    String leaseName();

    /**
     * The Lease's namespace.
     *
     * @return the namespace; default: the daemon's own namespace in a pod, else {@code
     *     k8s.namespace}, else {@code default}
     */
    @WithName("lease-namespace")
    Optional<String> leaseNamespace();

    /**
     * How long a Lease holds without renewal: a standby takes over this long after the leader's
     * last renewal (plus up to one {@link #retryInterval()}).
     *
     * @return the duration
     */
    @WithName("lease-duration")
    @WithDefault("10s")
    Duration leaseDuration();

    /**
     * How long the Lease's holder keeps trying to renew before it stops leading (shorter than the
     * lease duration, so that it stops before a standby can take over).
     *
     * @return the deadline
     */
    @WithName("renew-deadline")
    @WithDefault("8s")
    Duration renewDeadline();

    /**
     * The advisory lock's key.
     *
     * @return the key; default {@code PostgresAdvisoryLockElection.DEFAULT_KEY}
     */
    @WithName("lock-key")
    Optional<Long> lockKey();

    /**
     * How often a standby asks for the lock.
     *
     * @return the interval
     */
    @WithName("retry-interval")
    @WithDefault("2s")
    Duration retryInterval();

    /**
     * How often the leader checks its session.
     *
     * @return the interval
     */
    @WithName("check-interval")
    @WithDefault("2s")
    Duration checkInterval();

    /**
     * How often the leader writes heartbeats.
     *
     * @return the interval
     */
    @WithName("heartbeat-interval")
    @WithDefault("15s")
    Duration heartbeatInterval();
  }

  /**
   * Retention.
   *
   * @return its settings
   */
  Retention retention();

  /** Retention settings. */
  interface Retention {
    /**
     * How long events are kept; 0 keeps them forever.
     *
     * @return the period
     */
    @WithDefault("0s")
    Duration events();

    /**
     * How long compute logs are kept; 0 keeps them forever.
     *
     * @return the period
     */
    @WithName("compute-logs")
    @WithDefault("0s")
    Duration computeLogs();

    /**
     * How long finished schedule and sensor ticks are kept, per status.
     *
     * @return the periods
     */
    Ticks ticks();

    /** Tick retention per finished status; 0 keeps that status forever. */
    interface Ticks {
      /**
       * How long skipped ticks are kept: the most numerous and the least useful, so they are the
       * only ones purged by default.
       *
       * @return the period
       */
      @WithDefault("7d")
      Duration skipped();

      /**
       * How long successful ticks are kept.
       *
       * @return the period
       */
      @WithDefault("0s")
      Duration success();

      /**
       * How long failed ticks are kept.
       *
       * @return the period
       */
      @WithDefault("0s")
      Duration failure();
    }

    /**
     * How often retention runs.
     *
     * @return the interval
     */
    @WithDefault("1h")
    Duration interval();
  }

  /**
   * The scheduler, {@code pipewright.daemon.scheduler.*}.
   *
   * @return its settings
   */
  SchedulerConfig scheduler();

  /**
   * The sensor daemon, {@code pipewright.daemon.sensors.*}.
   *
   * @return its settings
   */
  SensorsConfig sensors();

  /**
   * The backfill daemon, {@code pipewright.daemon.backfill.*}.
   *
   * @return its settings
   */
  BackfillConfig backfill();
}
