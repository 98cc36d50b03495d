package io.pipewright.daemon.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipewright.core.backfill.BackfillStore;
import io.pipewright.core.codelocation.CodeLocationClient;
import io.pipewright.core.event.EventLog;
import io.pipewright.core.instance.DaemonHeartbeatStore;
import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.core.instigation.InstigatorStore;
import io.pipewright.core.partition.DynamicPartitionStore;
import io.pipewright.core.run.RunStore;
import io.pipewright.core.run.SnapshotStore;
import io.pipewright.core.schedule.CatchUpPolicy;
import io.pipewright.daemon.Daemon;
import io.pipewright.daemon.backfill.BackfillDaemon;
import io.pipewright.daemon.backfill.BackfillSettings;
import io.pipewright.daemon.schedule.CachedCodeLocations;
import io.pipewright.daemon.schedule.InstigationLoop;
import io.pipewright.daemon.schedule.InstigationMetrics;
import io.pipewright.daemon.schedule.InstigationStores;
import io.pipewright.daemon.schedule.Scheduler;
import io.pipewright.daemon.schedule.SchedulerSettings;
import io.pipewright.daemon.schedule.TickHooks;
import io.pipewright.daemon.sensor.SensorDaemon;
import io.pipewright.daemon.sensor.SensorSettings;
import io.pipewright.protocol.client.GrpcCodeLocationClient;
import io.pipewright.protocol.client.GrpcCodeLocationClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Wires the scheduler, the sensor daemon and the backfill daemon into a {@link Daemon}: one {@link
 * InstigationLoop} thread each, following the daemon's leadership, over the code locations that
 * have a gRPC address ({@code pipewright.daemon.locations.<name>.host}).
 */
@ApplicationScoped
public class InstigationWiring {

  private static final Logger LOG = Logger.getLogger(InstigationWiring.class);

  private final DaemonConfig config;
  private final InstigationStores stores;

  @Inject
  InstigationWiring(
      DaemonConfig config,
      RunStore runs,
      SnapshotStore snapshots,
      EventLog events,
      InstigatorStore instigators,
      BackfillStore backfills,
      DynamicPartitionStore dynamicPartitions,
      KeyValueStore keyValues,
      DaemonHeartbeatStore heartbeats) {
    this.config = config;
    this.stores =
        new InstigationStores(
            runs,
            snapshots,
            events,
            instigators,
            backfills,
            dynamicPartitions,
            keyValues,
            heartbeats);
  }

  /**
   * Adds the instigation loops to a daemon.
   *
   * @param daemon the daemon, not started yet
   * @param daemonId its id
   * @param clock the time
   * @param registry the metrics' registry
   */
  public void attach(Daemon daemon, String daemonId, Clock clock, MeterRegistry registry) {
    Map<String, CodeLocationClient> clients = new LinkedHashMap<>();
    GrpcCodeLocationClientOptions options = GrpcCodeLocationClientOptions.defaults();
    config
        .locations()
        .forEach(
            (name, location) ->
                location
                    .host()
                    .ifPresent(
                        host ->
                            clients.put(
                                name,
                                GrpcCodeLocationClient.connect(
                                    name, host, location.port(), options))));
    if (clients.isEmpty()) {
      LOG.info(
          "No code location has a gRPC address (pipewright.daemon.locations.<name>.host): no"
              + " schedules, sensors or backfills run here");
      return;
    }
    CachedCodeLocations locations =
        new CachedCodeLocations(clients, config.scheduler().locationCheckInterval(), clock);
    InstigationMetrics metrics = new InstigationMetrics(registry);
    Duration timeout = config.orchestration().storeTimeout();
    Duration heartbeat = config.leader().heartbeatInterval();
    if (config.scheduler().enabled()) {
      SchedulerConfig s = config.scheduler();
      SchedulerSettings settings =
          new SchedulerSettings(
              CatchUpPolicy.allMissedUpTo(s.maxCatchUpTicks()),
              s.workers(),
              s.interval(),
              s.unavailableGrace(),
              s.retryDelay(),
              Duration.ofHours(24),
              timeout);
      daemon.follow(
          new InstigationLoop(
              new Scheduler(stores, locations, settings, clock, metrics, TickHooks.NONE),
              stores.heartbeats(),
              daemonId,
              clock,
              heartbeat,
              Duration.ofSeconds(5),
              timeout));
    }
    if (config.sensors().enabled()) {
      SensorsConfig s = config.sensors();
      SensorSettings settings =
          new SensorSettings(
              s.workers(),
              s.timeout(),
              s.jitter(),
              s.interval(),
              Duration.ofHours(24),
              timeout,
              1000);
      daemon.follow(
          new InstigationLoop(
              new SensorDaemon(stores, locations, settings, clock, metrics, TickHooks.NONE),
              stores.heartbeats(),
              daemonId,
              clock,
              heartbeat,
              Duration.ofSeconds(5),
              timeout));
    }
    if (config.backfill().enabled()) {
      BackfillConfig b = config.backfill();
      daemon.follow(
          new InstigationLoop(
              new BackfillDaemon(
                  stores,
                  locations,
                  new BackfillSettings(b.maxInFlight(), b.chunkSize(), b.interval(), timeout),
                  clock,
                  metrics),
              stores.heartbeats(),
              daemonId,
              clock,
              heartbeat,
              Duration.ofSeconds(5),
              timeout));
    }
    LOG.infof("Schedules, sensors and backfills of code locations %s", clients.keySet());
  }
}
