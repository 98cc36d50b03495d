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
   * The code locations whose steps this daemon runs, by name.
   *
   * @return the locations
   */
  Map<String, Location> locations();

  /** One code location. */
  interface Location {
    /**
     * The worker command, split on white space; {@code execute-step --args ...} is appended.
     *
     * @return such as {@code java -jar examples/etl/target/quarkus-app/quarkus-run.jar}
     */
    @WithName("worker-command")
    String workerCommand();

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
     * {@code postgres} (an advisory lock in the daemon's database) or {@code none} (this daemon
     * always leads: only one may run).
     *
     * @return the kind
     */
    @WithDefault("postgres")
    String election();

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
