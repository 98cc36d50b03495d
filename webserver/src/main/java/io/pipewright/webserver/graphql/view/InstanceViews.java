package io.pipewright.webserver.graphql.view;

import io.pipewright.core.instance.DaemonHeartbeat;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.instance.DaemonInfo;
import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.core.pool.ClaimedSlot;
import io.pipewright.core.pool.PendingStep;
import io.pipewright.core.pool.PoolStatus;
import io.pipewright.core.pool.PoolStore;
import io.pipewright.webserver.graphql.BadArgumentException;
import io.pipewright.webserver.graphql.Errors;
import io.pipewright.webserver.graphql.GqlObject;
import io.pipewright.webserver.run.Await;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code Instance}: daemon health from the stored heartbeats, the run queue's configuration as
 * the daemon published it ({@link DaemonInfo}), and op concurrency pools.
 */
@ApplicationScoped
public class InstanceViews {

  /** The smallest pool limit ({@code setConcurrencyLimit}); 0 pauses a pool. */
  public static final int MIN_POOL_LIMIT = 0;

  /** The largest pool limit (Dagster's). */
  public static final int MAX_POOL_LIMIT = 1000;

  /** The daemon types required when no daemon has published its own: the run queue. */
  static final List<String> DEFAULT_DAEMON_TYPES = List.of("QUEUED_RUN_COORDINATOR");

  /** The webserver's view of daemon health. */
  @ConfigMapping(prefix = "pipewright.instance")
  public interface InstanceConfig {

    /**
     * How long after its expected next heartbeat a daemon still counts as healthy (Dagster's {@code
     * heartbeatTolerance}, 300 s).
     *
     * @return the tolerance
     */
    @WithName("daemon-heartbeat-tolerance")
    @WithDefault("300s")
    Duration daemonHeartbeatTolerance();
  }

  private final DaemonHeartbeatStore heartbeats;
  private final KeyValueStore keyValues;
  private final PoolStore pools;
  private final InstanceConfig config;
  private final Clock clock;

  /**
   * Creates the views.
   *
   * @param heartbeats the daemons' heartbeats
   * @param keyValues where the daemon publishes its settings
   * @param pools the op concurrency pools
   * @param config the health tolerance
   * @param clock the current time
   */
  @Inject
  public InstanceViews(
      DaemonHeartbeatStore heartbeats,
      KeyValueStore keyValues,
      PoolStore pools,
      InstanceConfig config,
      Clock clock) {
    this.heartbeats = heartbeats;
    this.keyValues = keyValues;
    this.pools = pools;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Returns the instance.
   *
   * @return the {@code Instance}
   */
  public GqlObject instance() {
    return GqlObject.of("Instance")
        .put("id", "Instance")
        .lazy("info", env -> info(daemonInfo()))
        .put("hasInfo", true)
        .put("runLauncher", null)
        .put("runQueuingSupported", true)
        .lazy("runQueueConfig", env -> daemonInfo().map(InstanceViews::queueConfig).orElse(null))
        .put("executablePath", ProcessHandle.current().info().command().orElse("java"))
        .lazy("daemonHealth", env -> daemonHealth())
        .put("autoMaterializePaused", false)
        .put("supportsConcurrencyLimits", true)
        .put("minConcurrencyLimitValue", MIN_POOL_LIMIT)
        .put("maxConcurrencyLimitValue", MAX_POOL_LIMIT)
        .lazy("concurrencyLimits", env -> concurrencyLimits())
        .lazy("concurrencyLimit", env -> concurrencyLimit(env.getArgument("concurrencyKey")))
        .put("useAutoMaterializeSensors", false)
        .put(
            "poolConfig",
            GqlObject.of("PoolConfig")
                .put("poolGranularity", "op")
                .put("defaultPoolLimit", null)
                .put("opGranularityRunBuffer", null))
        .put("freshnessEvaluationEnabled", false);
  }

  private Optional<DaemonInfo> daemonInfo() {
    return DaemonInfo.from(Await.of(keyValues.get(DaemonInfo.KEYS)));
  }

  private static GqlObject queueConfig(DaemonInfo info) {
    return GqlObject.of("RunQueueConfig")
        .put("maxConcurrentRuns", info.maxConcurrentRuns())
        .put("tagConcurrencyLimitsYaml", info.tagConcurrencyLimitsYaml())
        .put("isOpConcurrencyAware", null)
        .put("maxConcurrentRunsAllBranchDeployments", null);
  }

  private String info(Optional<DaemonInfo> info) {
    StringBuilder text = new StringBuilder("storage: postgres\nrun_coordinator: queued\n");
    if (info.isEmpty()) {
      text.append("daemon: no daemon has published its settings yet\n");
    } else {
      text.append("run_queue:\n  max_concurrent_runs: ")
          .append(info.get().maxConcurrentRuns())
          .append('\n');
      text.append("daemon:\n  heartbeat_interval: ")
          .append(info.get().heartbeatInterval().toSeconds())
          .append("s\n  daemon_types: ")
          .append(info.get().daemonTypes())
          .append('\n');
    }
    text.append("daemon_heartbeat_tolerance: ")
        .append(config.daemonHeartbeatTolerance().toSeconds())
        .append("s\n");
    return text.toString();
  }

  private GqlObject daemonHealth() {
    Optional<DaemonInfo> info = daemonInfo();
    List<String> required = info.map(DaemonInfo::daemonTypes).orElse(DEFAULT_DAEMON_TYPES);
    Duration interval = info.map(DaemonInfo::heartbeatInterval).orElse(Duration.ofSeconds(30));
    Map<String, DaemonHeartbeat> latest = new LinkedHashMap<>();
    Await.of(heartbeats.latest()).forEach(beat -> latest.put(beat.daemonType(), beat));
    Instant now = clock.instant();
    Set<String> types = new LinkedHashSet<>(required);
    types.addAll(latest.keySet());
    List<GqlObject> all = new ArrayList<>();
    for (String type : types) {
      all.add(status(type, required.contains(type), latest.get(type), interval, now));
    }
    return GqlObject.of("DaemonHealth")
        .put("id", "daemonHealth")
        .lazy(
            "daemonStatus",
            env -> {
              String type = env.getArgument("daemonType");
              if (type == null || type.isBlank()) {
                throw new BadArgumentException(
                    "daemonStatus needs a daemonType, such as QUEUED_RUN_COORDINATOR; the daemon"
                        + " types are "
                        + types);
              }
              return status(type, required.contains(type), latest.get(type), interval, now);
            })
        .put("allDaemonStatuses", all);
  }

  /** Healthy when the heartbeat is at most one interval plus the tolerance old (as Dagster). */
  private GqlObject status(
      String type, boolean required, DaemonHeartbeat beat, Duration interval, Instant now) {
    Boolean healthy;
    if (beat != null) {
      healthy =
          !now.isAfter(beat.timestamp().plus(interval).plus(config.daemonHeartbeatTolerance()));
    } else {
      healthy = required ? Boolean.FALSE : null; // Never beat: unhealthy only if it should.
    }
    List<GqlObject> errors = new ArrayList<>();
    if (beat != null) {
      beat.errors().forEach(error -> errors.add(Errors.pythonError(error)));
    }
    return GqlObject.of("DaemonStatus")
        .put("daemonType", type)
        .put("id", type)
        .put("required", required)
        .put("healthy", healthy)
        .put("lastHeartbeatTime", beat == null ? null : Times.seconds(beat.timestamp()))
        .put("lastHeartbeatErrors", errors);
  }

  private List<GqlObject> concurrencyLimits() {
    List<GqlObject> limits = new ArrayList<>();
    for (PoolStatus pool : Await.of(pools.pools())) {
      limits.add(pool(pool));
    }
    return limits;
  }

  private GqlObject concurrencyLimit(String key) {
    if (key == null || key.isBlank()) {
      throw new BadArgumentException("concurrencyLimit needs a concurrencyKey (a pool's name)");
    }
    return pool(Await.of(pools.pool(key)));
  }

  /**
   * Returns a pool.
   *
   * @param pool the pool's status
   * @return the {@code ConcurrencyKeyInfo}
   */
  public static GqlObject pool(PoolStatus pool) {
    List<GqlObject> claimed = new ArrayList<>();
    Set<String> activeRuns = new LinkedHashSet<>();
    for (ClaimedSlot slot : pool.claimed()) {
      claimed.add(
          GqlObject.of("ClaimedConcurrencySlot")
              .put("runId", slot.runId())
              .put("stepKey", slot.stepKey()));
      activeRuns.add(slot.runId());
    }
    List<GqlObject> pending = new ArrayList<>();
    Set<String> pendingRuns = new LinkedHashSet<>();
    for (PendingStep step : pool.pending()) {
      pending.add(
          GqlObject.of("PendingConcurrencyStep")
              .put("runId", step.runId())
              .put("stepKey", step.stepKey())
              .put("enqueuedTimestamp", Times.seconds(step.enqueueTime()))
              .put("assignedTimestamp", null)
              .put("priority", step.priority()));
      pendingRuns.add(step.runId());
    }
    return GqlObject.of("ConcurrencyKeyInfo")
        .put("concurrencyKey", pool.pool())
        .put("slotCount", pool.limit() == null ? claimed.size() : pool.limit())
        .put("claimedSlots", claimed)
        .put("pendingSteps", pending)
        .put("activeSlotCount", claimed.size())
        .put("activeRunIds", List.copyOf(activeRuns))
        .put("pendingStepCount", pending.size())
        .put("pendingStepRunIds", List.copyOf(pendingRuns))
        .put("assignedStepCount", claimed.size())
        .put("assignedStepRunIds", List.copyOf(activeRuns))
        .put("limit", pool.limit())
        .put("usingDefaultLimit", false);
  }
}
