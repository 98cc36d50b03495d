package io.pipewright.daemon.app;

import io.pipewright.core.instance.DaemonInfo;
import io.pipewright.core.instance.KeyValueStore;
import io.pipewright.daemon.heartbeat.Heartbeats;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Publishes the daemon's run queue settings and daemon types in the key-value store when it starts
 * ({@link DaemonInfo}), so that the webserver's {@code instance.runQueueConfig} and {@code
 * daemonHealth} show what the daemon really runs with, without the webserver having to be given the
 * daemon's configuration too.
 */
@ApplicationScoped
public class DaemonInfoPublisher {

  private static final Logger LOG = Logger.getLogger(DaemonInfoPublisher.class);

  private final DaemonConfig config;
  private final KeyValueStore keyValues;

  /**
   * Creates the publisher.
   *
   * @param config the daemon's configuration
   * @param keyValues where it is published
   */
  @Inject
  public DaemonInfoPublisher(DaemonConfig config, KeyValueStore keyValues) {
    this.config = config;
    this.keyValues = keyValues;
  }

  void publish(@Observes StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    DaemonInfo info = info(config);
    try {
      keyValues.put(info.entries()).await().atMost(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      // Only what the UI shows depends on it; the daemon works without.
      LOG.warnf(e, "Could not publish the daemon's settings for the webserver's instance view");
    }
  }

  /**
   * Describes a daemon configuration.
   *
   * @param config the configuration
   * @return what the webserver shows of it
   */
  static DaemonInfo info(DaemonConfig config) {
    return new DaemonInfo(
        config.queue().maxConcurrentRuns(),
        tagLimitsYaml(config.queue().tagConcurrencyLimits()),
        Heartbeats.DAEMON_TYPES,
        config.leader().heartbeatInterval());
  }

  /**
   * Writes tag concurrency limits as Dagster's {@code tag_concurrency_limits} YAML.
   *
   * @param limits the limits
   * @return the YAML list; null when there are none
   */
  static String tagLimitsYaml(java.util.List<DaemonConfig.TagLimit> limits) {
    if (limits.isEmpty()) {
      return null;
    }
    StringBuilder yaml = new StringBuilder();
    for (DaemonConfig.TagLimit limit : limits) {
      yaml.append("- key: ").append(quoted(limit.key())).append('\n');
      if (limit.perUniqueValue()) {
        yaml.append("  value:\n    applyLimitPerUniqueValue: true\n");
      } else if (limit.value().isPresent()) {
        yaml.append("  value: ").append(quoted(limit.value().get())).append('\n');
      }
      yaml.append("  limit: ").append(limit.limit()).append('\n');
    }
    return yaml.toString();
  }

  /** A YAML double-quoted scalar, so that any tag key or value reads back as itself. */
  private static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
