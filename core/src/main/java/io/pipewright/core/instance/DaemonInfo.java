package io.pipewright.core.instance;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the running daemon is configured with and the webserver shows ({@code instance.
 * runQueueConfig}, {@code daemonHealth}): the daemon publishes it in the {@link KeyValueStore} when
 * it starts, so that the webserver shows the daemon's actual settings without sharing its
 * configuration.
 *
 * @param maxConcurrentRuns the run queue's limit; -1 for none
 * @param tagConcurrencyLimitsYaml the tag concurrency limits as Dagster's YAML list; null for none
 * @param daemonTypes the daemon types it writes heartbeats for
 * @param heartbeatInterval how often it writes them
 */
public record DaemonInfo(
    int maxConcurrentRuns,
    String tagConcurrencyLimitsYaml,
    List<String> daemonTypes,
    Duration heartbeatInterval) {

  private static final String PREFIX = "pipewright/daemon/";
  private static final String MAX_RUNS = PREFIX + "max-concurrent-runs";
  private static final String TAG_LIMITS = PREFIX + "tag-concurrency-limits-yaml";
  private static final String TYPES = PREFIX + "daemon-types";
  private static final String INTERVAL = PREFIX + "heartbeat-interval-millis";

  /** The keys it is stored under. */
  public static final Set<String> KEYS = Set.of(MAX_RUNS, TAG_LIMITS, TYPES, INTERVAL);

  /** Validates the components. */
  public DaemonInfo {
    daemonTypes = List.copyOf(daemonTypes);
    if (heartbeatInterval == null || heartbeatInterval.isNegative()) {
      throw new IllegalArgumentException(
          "DaemonInfo needs a heartbeat interval of 0 or more, got " + heartbeatInterval);
    }
    for (String type : daemonTypes) {
      if (type.isBlank() || type.contains(",")) {
        throw new IllegalArgumentException(
            "DaemonInfo daemon type '" + type + "' is blank or contains a comma");
      }
    }
  }

  /**
   * Returns the entries to store.
   *
   * @return key to value
   */
  public Map<String, String> entries() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(MAX_RUNS, Integer.toString(maxConcurrentRuns));
    entries.put(TAG_LIMITS, tagConcurrencyLimitsYaml == null ? "" : tagConcurrencyLimitsYaml);
    entries.put(TYPES, String.join(",", daemonTypes));
    entries.put(INTERVAL, Long.toString(heartbeatInterval.toMillis()));
    return entries;
  }

  /**
   * Reads stored entries back.
   *
   * @param entries the stored values of {@link #KEYS}
   * @return the info, or empty when no daemon published it (or a part is missing or unreadable)
   */
  public static Optional<DaemonInfo> from(Map<String, String> entries) {
    if (!entries.keySet().containsAll(KEYS)) {
      return Optional.empty();
    }
    try {
      String tags = entries.get(TAG_LIMITS);
      String types = entries.get(TYPES);
      return Optional.of(
          new DaemonInfo(
              Integer.parseInt(entries.get(MAX_RUNS)),
              tags.isEmpty() ? null : tags,
              types.isEmpty() ? List.of() : Arrays.asList(types.split(",")),
              Duration.ofMillis(Long.parseLong(entries.get(INTERVAL)))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
